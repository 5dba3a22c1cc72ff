"""Search fixtures: the real site, a site with one answer on three pages, and the relevance report."""

import pytest


@pytest.fixture
def relevance_report(request):
    """Leaves a part's figures on the test's report, so the run prints them at the end (the root
    conftest.py), also when a pytest-xdist worker ran the test. Only the tuning part's misses go
    with them: the held-out part must not steer the tuning."""

    def record(vendor, part):
        misses = part.misses if part.name == "tuning" else []
        request.node.user_properties.append(
            ("relevance", {"vendor": vendor, "line": part.line(), "misses": list(misses)})
        )

    return record


@pytest.fixture
def real_site(db, settings):
    """The site as patients will see it: the real content/ folder, synced."""
    from django.core.management import call_command

    settings.CONTENT_DIR = settings.BASE_DIR / "content"
    call_command("sync_content", verbosity=0)


@pytest.fixture
def duplicated_site(db, settings, tmp_path):
    """The real content, with the MMN page's "why IVIG" question copied word for word onto the GBS
    and myasthenia gravis pages: the same answer on three pages (as an editor may well write)."""
    import re
    import shutil

    from django.core.management import call_command

    content = tmp_path / "content"
    shutil.copytree(settings.BASE_DIR / "content", content)
    section = re.compile(r"^## [^\n]*\{#why-ivig\}\n.*?(?=^## |\Z)", re.S | re.M)
    shared = section.search((content / "conditions" / "mmn.md").read_text(encoding="utf-8")).group(0)
    for name in ("gbs.md", "myasthenia-gravis.md"):
        path = content / "conditions" / name
        path.write_text(section.sub(lambda m: shared, path.read_text(encoding="utf-8")), encoding="utf-8")
    settings.CONTENT_DIR = content
    call_command("sync_content", verbosity=0)
