"""Hostile or unusual files: refused with path:line by --check, --dry-run and the sync alike.

CI runs only ``sync_content --check``, so whatever the real sync would refuse, --check must refuse
too, with the same message; and nothing in a file may hang the importer or crash it.
"""

import signal
from contextlib import contextmanager

import pytest
from wagtail.models import Page, Revision

pytestmark = pytest.mark.django_db


GOOD_FAQ = """---
id: {id}
title: A page
summary: A short summary.
reviewed_on: 2026-11-20
review_due: 2027-11-20
reviewed_by: Test reviewer
order: 1
slug: {id}
---
## A question? {{#a-question}}

A short answer.
"""


def snapshot():
    return (
        list(Page.objects.order_by("pk").values_list("pk", "title", "slug", "live", "path")),
        Revision.objects.count(),
    )


def write(content_dir, rel, data):
    path = content_dir / rel
    path.write_text(data, encoding="utf-8")
    return path


@contextmanager
def hang_guard(seconds=10):
    """Fails the test instead of letting a runaway parse hang the suite (not a speed target)."""

    def stop(signum, frame):
        raise AssertionError(f"the importer was still busy after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def billion_laughs() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 9):
        lines.append(f"a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 10) + "]")
    return "---\nid: laughs\ntitle: Laughs\n" + "\n".join(lines) + "\n---\n"


def with_answer(cid: str, answer: str) -> str:
    cited = "In a trial, some people improved [@ice-trial-2008]."
    return GOOD_FAQ.format(id=cid) + "\n" + answer + "\n\n" + cited + "\n"


# (file name, content, the message expected, as path:line)
CASES = [
    ("laughs.md", billion_laughs(), ":4: YAML anchors and aliases"),
    (
        "alias.md",
        GOOD_FAQ.format(id="alias").replace("title: A page", "title: &t A page"),
        ":3: YAML anchors",
    ),
    (
        "deep.md",
        "---\nid: deep\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n",
        ":3: the front matter nests deeper",
    ),
    (
        "deep-related.md",
        GOOD_FAQ.format(id="deep-related").replace(
            "summary:", "related: " + "[" * 400 + "]" * 400 + "\nsummary:"
        ),
        ":4: the front matter nests deeper",
    ),
    (
        "huge.md",
        "---\nid: huge\ntitle: Huge\nsummary: " + "x" * 30_000 + "\n---\n",
        ":2: the front matter is longer",
    ),
    (
        "code-span.md",
        with_answer("code-span", "Take `two` tablets."),
        ":15: formatting that pages cannot show",
    ),
    ("quote.md", with_answer("quote", "> A quoted line."), ":15: formatting that pages cannot show"),
    ("inline-image.md", with_answer("inline-image", "See ![a nerve](nerve.png) here."), ":15: formatting"),
    (
        "external-image.md",
        with_answer("external-image", "![a nerve](https://example.org/x.png)"),
        ":15: picture",
    ),
]


@pytest.mark.parametrize(("name", "data", "expected"), CASES, ids=[c[0] for c in CASES])
def test_every_refusal_is_the_same_in_check_dry_run_and_sync(
    synced, site_before, run_sync, name, data, expected
):
    write(synced, f"treatment/{name}", data)
    wanted = f"content/treatment/{name}{expected}"
    for mode in (["--check"], ["--dry-run"], []):
        with hang_guard():
            code, _, err = run_sync(*mode)
        assert code == 1, f"{mode or 'sync'} accepted {name}"
        assert wanted in err, f"{mode or 'sync'}: {err}"
        assert "nothing was changed" in err
    assert snapshot() == site_before


@pytest.fixture
def site_before(synced):
    return snapshot()


def test_a_link_to_a_file_outside_content_is_refused(synced, site_before, run_sync, tmp_path):
    outside = tmp_path / "private" / "secret.md"
    outside.parent.mkdir()
    outside.write_text(GOOD_FAQ.format(id="secret"), encoding="utf-8")
    (synced / "treatment" / "secret.md").symlink_to(outside)
    wanted = "content/treatment/secret.md:1: this is a link to a file outside content/"
    for mode in (["--check"], ["--dry-run"], []):
        code, _, err = run_sync(*mode)
        assert code == 1
        assert wanted in err
    assert snapshot() == site_before


def test_a_link_that_stays_inside_content_is_read(synced, run_sync):
    """Symlinks are not banned as such: one pointing at a file in content/ is an ordinary page file."""
    real = synced / "treatment" / "real.md"
    real.write_text(GOOD_FAQ.format(id="real"), encoding="utf-8")
    (synced / "treatment" / "alias-name.md").symlink_to(real)
    code, _, err = run_sync("--check")
    # Both names hold the same id, so the importer reports the clash, not the link.
    assert code == 1
    assert "outside content/" not in err
    assert "id 'real' is also used by" in err
