"""Every kind of bad content fails with exit 1, names the file and line, and changes nothing."""

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
---
## A question? {{#a-question}}

A short answer [@ice-trial-2008].
"""


def snapshot():
    return (
        list(Page.objects.order_by("pk").values_list("pk", "title", "slug", "live", "path")),
        Revision.objects.count(),
    )


@pytest.fixture
def site_before(synced):
    return snapshot()


def write(content_dir, rel, data):
    path = content_dir / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("rel", "data", "expected"),
    [
        (
            "treatment/broken-yaml.md",
            "---\nid: broken\ntitle: [unclosed\n---\n",
            "content/treatment/broken-yaml.md:3: broken YAML",
        ),
        (
            "treatment/no-title.md",
            GOOD_FAQ.format(id="no-title").replace("title: A page\n", ""),
            "content/treatment/no-title.md:7: missing required field 'title'",
        ),
        (
            "treatment/dup.md",
            GOOD_FAQ.format(id="ivig-treatment"),
            "content/treatment/dup.md:2: id 'ivig-treatment' is also used by content/treatment/ivig.md",
        ),
        (
            "treatment/dup-slug.md",
            GOOD_FAQ.format(id="dup-slug").replace("title: A page", "title: A page\nslug: ivig"),
            "content/treatment/dup-slug.md:4: slug 'ivig' is also used by content/treatment/ivig.md",
        ),
        (
            "orphans/page.md",
            GOOD_FAQ.format(id="orphan"),
            "content/orphans/page.md:1: no parent page: add an _index.md to 'orphans'",
        ),
        (
            "treatment/asked-list.md",
            GOOD_FAQ.format(id="asked-list").replace("---\n##", "also_asked: [one, two]\n---\n##"),
            "content/treatment/asked-list.md:8: 'also_asked' must map question anchors to lists of phrasings",
        ),
        (
            "treatment/asked-anchor.md",
            GOOD_FAQ.format(id="asked-anchor").replace("---\n##", "also_asked:\n  nope:\n    - a\n---\n##"),
            "content/treatment/asked-anchor.md:8: 'also_asked': no question on this page has the anchor",
        ),
        (
            "treatment/asked-long.md",
            GOOD_FAQ.format(id="asked-long").replace(
                "---\n##", f"also_asked:\n  a-question:\n    - {'x' * 201}\n---\n##"
            ),
            "content/treatment/asked-long.md:8: 'also_asked' #a-question: a phrasing is one line",
        ),
        (
            "treatment/page-asked-map.md",
            GOOD_FAQ.format(id="page-asked-map").replace("---\n##", "page_also_asked:\n  a: b\n---\n##"),
            "content/treatment/page-asked-map.md:8: 'page_also_asked': must be a list of phrasings",
        ),
        (
            "treatment/page-asked-long.md",
            GOOD_FAQ.format(id="page-asked-long").replace(
                "---\n##", f"page_also_asked:\n  - {'x' * 201}\n---\n##"
            ),
            "content/treatment/page-asked-long.md:8: 'page_also_asked': a phrasing is one line",
        ),
        (
            "treatment/bad-date.md",
            GOOD_FAQ.format(id="bad-date").replace("2026-11-20", "2026-13-45"),
            "content/treatment/bad-date.md:5: 'reviewed_on' must be a date like 2026-11-20",
        ),
        (
            "treatment/latin1.md",
            GOOD_FAQ.format(id="latin1").encode("utf-8") + "\nCaf\u00e9\n".encode("latin-1"),
            "content/treatment/latin1.md:13: not valid UTF-8",
        ),
        ("treatment/empty.md", "", "content/treatment/empty.md:1: the file is empty"),
        (
            "treatment/huge.md",
            GOOD_FAQ.format(id="huge") + ("More words here. " * 70_000),
            "content/treatment/huge.md:1: the file is 1,",
        ),
        (
            "treatment/script.md",
            GOOD_FAQ.format(id="script") + "\n<script>alert(1)</script>\n",
            "content/treatment/script.md:13: raw HTML is not allowed",
        ),
        (
            "treatment/js-link.md",
            GOOD_FAQ.format(id="js-link") + "\n[click](javascript:alert(1))\n",
            "content/treatment/js-link.md:13: links must use https:",
        ),
        (
            "treatment/no-anchor.md",
            GOOD_FAQ.format(id="no-anchor").replace(" {#a-question}", ""),
            "content/treatment/no-anchor.md:9: the question 'A question?' needs a permanent anchor",
        ),
        (
            "treatment/unknown-key.md",
            GOOD_FAQ.format(id="unknown-key").replace("summary:", "reviwed_on: 2026-01-01\nsummary:"),
            "content/treatment/unknown-key.md:4: unknown key 'reviwed_on'",
        ),
        (
            "treatment/bad-link.md",
            GOOD_FAQ.format(id="bad-link") + "\nSee [this](page:no-such-page).\n",
            "content/treatment/bad-link.md:13: link to unknown page 'page:no-such-page'",
        ),
        (
            "treatment/old-references.md",
            GOOD_FAQ.format(id="old-references").replace(
                "---\n##", "references:\n  - text: A source.\n---\n##"
            ),
            "content/treatment/old-references.md:8: 'references:' is no longer used: cite sources in the "
            "text as [@id]",
        ),
        (
            "treatment/unknown-source.md",
            GOOD_FAQ.format(id="unknown-source") + "\nMore detail [@no-such-source].\n",
            "content/treatment/unknown-source.md:13: unknown source '[@no-such-source]': "
            "add it to content/sources.yaml",
        ),
        (
            "treatment/bad-citation.md",
            GOOD_FAQ.format(id="bad-citation").replace("[@ice-trial-2008]", "[@ICE trial]"),
            "content/treatment/bad-citation.md:11: write a citation as [@id] or [@id; @other]",
        ),
        (
            "treatment/uncited.md",
            GOOD_FAQ.format(id="uncited").replace(" [@ice-trial-2008]", ""),
            "content/treatment/uncited.md:9: a page with clinical information must cite at least one source",
        ),
        (
            "treatment/unknown-list.md",
            GOOD_FAQ.format(id="unknown-list") + "\n:::include no-such-list\n",
            "content/treatment/unknown-list.md:13: unknown warning list 'no-such-list': "
            "add content/warnings/no-such-list.md (known: ivig-emergency)",
        ),
        (
            "treatment/half-review.md",
            GOOD_FAQ.format(id="half-review").replace("reviewed_on: 2026-11-20\n", ""),
            "content/treatment/half-review.md:6: 'reviewed_by' needs 'reviewed_on' too",
        ),
        (
            "warnings/bad-level.md",
            "---\nid: bad-level\nlevel: urgent\ntitle: Get help\n---\n- a sign [@ice-trial-2008]\n",
            "content/warnings/bad-level.md:3: unknown level 'urgent' (use tell-nurse, call-today, emergency)",
        ),
        (
            "warnings/uncited.md",
            "---\nid: uncited\nlevel: emergency\ntitle: Get help now\n---\nCall now if you have:\n- a sign\n",
            "content/warnings/uncited.md:6: cite the source of this warning list",
        ),
        (
            "warnings/phone.md",
            "---\nid: phone\nlevel: emergency\ntitle: Get help\n---\n"
            "Call 999 if you have:\n- a sign [@ice-trial-2008]\n",
            "content/warnings/phone.md:6: never write a phone number in a warning list",
        ),
        (
            "warnings/renamed.md",
            "---\nid: other-name\nlevel: emergency\ntitle: Get help\n---\n- a sign [@ice-trial-2008]\n",
            "content/warnings/renamed.md:2: 'id' must match the file name: 'renamed'",
        ),
        (
            # Flattened into a line of pipes by the page's converter, so refused rather than lost.
            "treatment/table.md",
            GOOD_FAQ.format(id="table") + "\nA plan:\n\n| Day | What |\n| --- | --- |\n| 1 | Rest |\n",
            "content/treatment/table.md:15: a table cannot be shown on a page",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and v.endswith(".md") else None,
)
def test_bad_file_fails_naming_file_and_line_and_changes_nothing(
    synced, site_before, run_sync, rel, data, expected
):
    # The good file changes too, to prove that one bad file blocks every other update.
    ivig = synced / "treatment" / "ivig.md"
    ivig.write_text(ivig.read_text().replace("title: IVIG treatment", "title: Changed title"))
    write(synced, rel, data)
    code, _, err = run_sync()
    assert code == 1
    assert expected in err
    assert "nothing was changed" in err
    assert snapshot() == site_before


def test_check_mode_reports_every_problem_not_just_the_first(synced, run_sync):
    write(synced, "treatment/a.md", "---\nid: a\n---\n")
    write(synced, "treatment/b.md", b"\xff\xfe")
    code, _, err = run_sync("--check")
    assert code == 1
    assert "content/treatment/a.md" in err and "missing required field 'summary'" in err
    assert "content/treatment/b.md:1: not valid UTF-8" in err
    assert "problem(s) found" in err


def test_check_and_dry_run_write_nothing(synced, site_before, run_sync):
    ivig = synced / "treatment" / "ivig.md"
    ivig.write_text(ivig.read_text().replace("title: IVIG treatment", "title: Changed title"))
    code, out, _ = run_sync("--dry-run")
    assert code == 0
    assert "update     ivig-treatment (content/treatment/ivig.md)" in out
    assert "would be 0 created, 1 updated" in out
    assert run_sync("--check")[0] == 0
    assert snapshot() == site_before


def test_failure_in_the_apply_step_rolls_everything_back(synced, site_before, run_sync, monkeypatch):
    """A sync that dies half-way (here: on its second page write) leaves the site as it was."""
    from cidp_site.content_sync import apply

    for name in ("ivig.md", "ivig-side-effects.md"):
        path = synced / "treatment" / name
        path.write_text(path.read_text().replace("title: ", "title: New "))
    real_write = apply._write
    calls = []

    def failing_write(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("simulated crash")
        return real_write(*args, **kwargs)

    monkeypatch.setattr(apply, "_write", failing_write)
    with pytest.raises(RuntimeError):
        run_sync()
    assert snapshot() == site_before


BIBLIOGRAPHY_CASES = [
    (
        "- id: no-address\n  organisation: NHS\n  title: A page\n  year: 2024\n",
        "content/sources.yaml:{line}: source 'no-address' needs an https 'url' or a 'doi'",
    ),
    (
        "- id: plain-http\n  organisation: NHS\n  title: A page\n  year: 2024\n  url: http://www.nhs.uk/\n",
        "content/sources.yaml:{line5}: 'url' must be an https:// address, not 'http://www.nhs.uk/'",
    ),
    (
        "- id: ice-trial-2008\n  organisation: NHS\n  title: Again\n  year: 2024\n  url: https://www.nhs.uk/\n",
        "content/sources.yaml:{line}: id 'ice-trial-2008' is already used on line 1",
    ),
    (
        "- id: nobody\n  title: A page\n  year: 2024\n  url: https://www.nhs.uk/\n",
        "content/sources.yaml:{line}: source 'nobody' needs 'authors' or 'organisation'",
    ),
    (
        "- id: bad-doi\n  organisation: NHS\n  title: A page\n  year: 2024\n  doi: ene.14959\n",
        "content/sources.yaml:{line5}: 'doi' must look like 10.1111/ene.14959",
    ),
]


@pytest.mark.parametrize(("entry", "expected"), BIBLIOGRAPHY_CASES)
def test_a_bad_bibliography_entry_fails_naming_its_line_and_changes_nothing(
    synced, site_before, run_sync, entry, expected
):
    bibliography = synced / "sources.yaml"
    before = bibliography.read_text()
    line = before.count("\n") + 1
    bibliography.write_text(before + entry)
    code, _, err = run_sync()
    assert code == 1
    assert expected.format(line=line, line5=line + 4) in err
    assert snapshot() == site_before
