"""Reading level and structure of every content page.

- Body text of each page: Flesch-Kincaid grade <= PAGE_MAX_GRADE (8).
- Summary of each page: grade <= SUMMARY_MAX_GRADE (6).
- FAQ pages carry a summary; review fields only with the reviewer who set them; no 'references:'.
- Citation markers are not graded; an included warning list is graded where it is included.
- Every ``page:<id>`` link and every ``related`` id points to a page that exists.
- Every ``##`` heading has a unique ``{#anchor}``.
- No run of 8 or more words is copied from the source text.

The grade is the shared measure in ``cidp_site.pages.readability`` so that the tests, CI and the
editor's panel agree. These are plain functions: no database is needed.
"""

import datetime as dt
import re

import defusedxml.ElementTree as ET
import pytest

from cidp_site.core import citations as citation_markers
from cidp_site.links.codes import is_valid as is_valid_code
from cidp_site.pages.readability import PAGE_MAX_GRADE, SUMMARY_MAX_GRADE, grade
from tests.content.contentlib import (
    ALLOWED_KEYS,
    CALLOUT_FENCE_RE,
    CALLOUT_LEVELS,
    CONTENT_DIR,
    COPY_RUN,
    FAQ_REQUIRED_KEYS,
    IMAGE_RE,
    IMAGES_DIR,
    PAGE_LINK_RE,
    SHINGLES_PATH,
    copied_runs,
    load_pages,
    markdown_to_text,
    runs,
    sections,
    shingle,
    short_answer,
    source_shingles,
    words,
)

PAGES = load_pages()
SOURCE_SHINGLES = source_shingles()
FAQ_PAGES = [p for p in PAGES if not p.is_index]
IDS = {p.id for p in PAGES}


def _ids(pages):
    return [p.rel for p in pages]


def test_pages_exist():
    assert PAGES, f"no content pages found under {CONTENT_DIR}"
    assert FAQ_PAGES, "no FAQ pages found"


# --- Reading level -------------------------------------------------------------------------------


WITH_BODY = [p for p in PAGES if p.body_text]


def test_every_faq_page_has_body_text():
    assert all(p.body_text for p in PAGES if not p.is_index)


@pytest.mark.parametrize("page", WITH_BODY, ids=_ids(WITH_BODY))
def test_body_reading_level(page):
    text = page.body_text
    g = grade(text)
    assert g <= PAGE_MAX_GRADE, f"{page.rel}: body reads at grade {g:.1f} (max {PAGE_MAX_GRADE})"


@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_summary_reading_level(page):
    if not page.summary:
        # Only section and home pages may go without a summary; they then have nothing to grade.
        assert page.is_index, f"{page.rel}: FAQ page has no summary"
        return
    g = grade(page.summary)
    assert g <= SUMMARY_MAX_GRADE, f"{page.rel}: summary reads at grade {g:.1f} (max {SUMMARY_MAX_GRADE})"


def test_markdown_is_stripped_before_grading():
    body = (
        "## Is this a question? {#anchor}\n\nYes. See [the glossary](page:glossary).\n\n"
        ":::emergency\nCall now if you have:\n- trouble breathing\n:::\n\n"
        '![A nerve](nerve-myelin.svg "A caption")\n\n**Bold** and *italic*.'
    )
    text = markdown_to_text(body)
    for leftover in ("##", "{#", "page:", ":::", "](", "**", "- trouble", ".svg"):
        assert leftover not in text, f"{leftover!r} left in {text!r}"
    assert "Is this a question?" in text and "the glossary" in text and "trouble breathing." in text


def test_citations_are_not_graded_and_an_included_list_is_graded_where_it_is_included():
    from cidp_site.pages.readability import markdown_text, warning_list_markdown

    lists = {"ivig-emergency": warning_list_markdown("After IVIG: get help now", "- chest pain [@label]")}
    body = "## When? {#when}\n\nSoon [@ean-pns-2021; @ice-trial-2008].\n\n:::include ivig-emergency\n"
    text = markdown_text(body, lists)
    assert text == "When? Soon. After IVIG: get help now. chest pain."
    assert "include" not in markdown_text(body)  # an unknown list adds nothing, not its name


def test_the_median_page_reads_at_grade_six_and_a_half_or_below():
    grades = sorted(grade(page.body_text) for page in WITH_BODY)
    median = grades[len(grades) // 2] if len(grades) % 2 else sum(grades[len(grades) // 2 - 1 :][:2]) / 2
    assert median <= 6.5, f"the median page reads at grade {median:.1f} (max 6.5)"


# --- Front matter ----------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_front_matter_keys_are_known(page):
    unknown = set(page.meta) - ALLOWED_KEYS
    assert not unknown, f"{page.rel}: unknown front matter key(s) {sorted(unknown)}"
    # short_code/short_codes are written by manage.py assign_short_codes, never by hand.
    assert is_valid_code(page.meta.get("short_code")), f"{page.rel}: run manage.py assign_short_codes"
    assert page.meta.get("id"), f"{page.rel}: missing id"
    assert page.meta.get("title"), f"{page.rel}: missing title"
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", page.id), f"{page.rel}: bad id {page.id!r}"


def test_every_content_file_ends_with_one_newline():
    # export_content writes each file so; a file without its final newline showed a one-line
    # change in git on the first export of an unrelated CMS edit to its page.
    endings = {
        str(path.relative_to(CONTENT_DIR)): path.read_bytes()[-2:]
        for path in sorted(CONTENT_DIR.rglob("*"))
        if path.suffix in {".md", ".yaml"}
    }
    assert [name for name, end in endings.items() if not end.endswith(b"\n") or end == b"\n\n"] == []


def test_ids_and_slugs_are_unique():
    ids = [p.id for p in PAGES]
    assert len(ids) == len(set(ids)), f"duplicate ids: {sorted(i for i in ids if ids.count(i) > 1)}"
    places = [(p.path.parent, p.meta.get("slug") or p.path.stem) for p in PAGES]
    assert len(places) == len(set(places)), "duplicate (folder, slug) pairs"


def test_every_folder_has_an_index():
    for page in PAGES:
        assert (page.path.parent / "_index.md").exists(), f"{page.rel}: folder has no _index.md"


@pytest.mark.parametrize("page", FAQ_PAGES, ids=_ids(FAQ_PAGES))
def test_faq_page_has_required_fields(page):
    missing = [k for k in FAQ_REQUIRED_KEYS if not page.meta.get(k)]
    assert not missing, f"{page.rel}: missing {missing}"
    assert "references" not in page.meta, f"{page.rel}: cite [@id] in the text instead of 'references:'"
    on, due = page.meta.get("reviewed_on"), page.meta.get("review_due")
    if on is not None or due is not None:  # only a reviewer's approval writes them
        assert page.meta.get("reviewed_by"), f"{page.rel}: a review date needs the reviewer who set it"
        assert isinstance(on, dt.date) and isinstance(due, dt.date), f"{page.rel}: dates must be ISO dates"
        assert due > on, f"{page.rel}: review_due {due} must be after reviewed_on {on}"
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", page.summary) if s]
    assert 1 <= len(sentences) <= 3, f"{page.rel}: summary should be 1 to 3 sentences"


# --- Links -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_page_links_and_related_ids_exist(page):
    linked = PAGE_LINK_RE.findall(page.body)
    broken = sorted({i for i in linked if i not in IDS})
    assert not broken, f"{page.rel}: page: links to unknown id(s) {broken}"
    related = page.meta.get("related") or []
    assert isinstance(related, list), f"{page.rel}: related must be a list"
    unknown = sorted(str(i) for i in related if i not in IDS)
    assert not unknown, f"{page.rel}: related lists unknown id(s) {unknown}"
    assert page.id not in related, f"{page.rel}: a page should not be related to itself"


@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_external_links_use_https(page):
    targets = re.findall(r"\]\(([^)\s]+)", page.body)
    for target in targets:
        if target.startswith("page:") or IMAGE_RE.search(f"![]({target})") and target.endswith(".svg"):
            continue
        # A helpline a reader taps to call, not a web address: only a number, nothing to load.
        if re.fullmatch(r"tel:\+?\d+", target):
            continue
        assert target.startswith("https://"), (
            f"{page.rel}: link {target!r} should be page:<id>, https:// or a tel: number"
        )


# --- Body structure --------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_headings_have_unique_anchors(page):
    anchors = []
    for heading, anchor, _ in sections(page.body):
        assert anchor, f"{page.rel}: heading {heading!r} has no {{#anchor}}"
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", anchor), f"{page.rel}: bad anchor {anchor!r}"
        anchors.append(anchor)
    dupes = sorted({a for a in anchors if anchors.count(a) > 1})
    assert not dupes, f"{page.rel}: duplicate anchor(s) {dupes}"


@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_short_answers_are_plain_and_short(page):
    for heading, _, lines in sections(page.body):
        answer = citation_markers.strip(short_answer(lines))  # a citation may end a short answer
        assert answer, f"{page.rel}: {heading!r} has no short answer"
        assert not re.search(r"[*_`\[\]]|^[-:!#>]|^\d+\.", answer), (
            f"{page.rel}: short answer to {heading!r} must be plain text: {answer!r}"
        )
        count = len([s for s in re.split(r"(?<=[.!?])\s+", answer) if s])
        assert count <= 2, f"{page.rel}: short answer to {heading!r} has {count} sentences (max 2)"


@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_no_raw_html(page):
    match = re.search(r"<[A-Za-z/!][^>]*>", page.body)
    assert not match, f"{page.rel}: raw HTML is not allowed: {match.group(0)!r}"


@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_callouts_are_known_and_closed(page):
    open_level = None
    for number, line in enumerate(page.body.splitlines(), 1):
        fence = CALLOUT_FENCE_RE.match(line.strip())
        if not fence:
            continue
        level = fence.group(1)
        if open_level is None:
            assert level in CALLOUT_LEVELS, f"{page.rel}:{number}: unknown callout {level!r}"
            open_level = level
        else:
            assert level == "", f"{page.rel}:{number}: callout {open_level!r} not closed before {level!r}"
            open_level = None
    assert open_level is None, f"{page.rel}: callout {open_level!r} is never closed"


@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_images_exist_and_are_accessible(page):
    for alt, src, _caption in IMAGE_RE.findall(page.body):
        assert alt.strip(), f"{page.rel}: image {src} needs a text alternative"
        path = IMAGES_DIR / src
        assert path.is_file(), f"{page.rel}: image {src} not found in {IMAGES_DIR}"
        svg = path.read_text(encoding="utf-8")
        root = ET.fromstring(svg)
        ns = "{http://www.w3.org/2000/svg}"
        assert root.get("role") == "img", f"{src}: needs role=img"
        assert root.find(f"{ns}title") is not None and root.find(f"{ns}desc") is not None, (
            f"{src}: needs <title> and <desc>"
        )
        assert "<script" not in svg.lower(), f"{src}: scripts are not allowed"
        assert not re.search(r"(?:href|src)\s*=\s*[\"'](?!#)", svg), f"{src}: no external references"
        sizes = [float(s) for s in re.findall(r"font-size:\s*([\d.]+)px", svg)]
        assert sizes and min(sizes) >= 14, f"{src}: text must be at least 14px"


# --- Not copied from the source --------------------------------------------------------------------


def test_seed_is_not_checked_in():
    from tests.content.contentlib import REPO_ROOT, SEED_NAME

    copies = [p for p in REPO_ROOT.rglob(SEED_NAME) if ".git" not in p.parts]
    assert not copies, f"the source text must not be committed: {copies}"


@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_no_sentences_copied_from_source(page):
    copied = copied_runs(words(page.text), SOURCE_SHINGLES)
    assert not copied, (
        f"{page.rel}: {len(copied)} run(s) of {COPY_RUN}+ words copied from the source, e.g. "
        f"{copied[:3]}; rewrite them in your own words"
    )


def test_the_copy_check_finds_a_copied_run_and_ignores_reworded_text():
    """The mechanism, on a made-up 'source': its fingerprints catch a copied sentence anywhere."""
    source = words("Infusions are usually given every three weeks at a clinic or at home.")
    fingerprints = frozenset(shingle(run) for run in runs(source))
    copied = words("Your nurse says infusions are usually given every three weeks at a clinic.")
    assert copied_runs(copied, fingerprints) == [
        "are usually given every three weeks at a",
        "infusions are usually given every three weeks at",
        "usually given every three weeks at a clinic",
    ]
    assert copied_runs(words("You may get a drip about once a month."), fingerprints) == []


def test_the_source_fingerprint_is_committed_and_not_the_text():
    assert len(SOURCE_SHINGLES) > 500
    text = SHINGLES_PATH.read_text(encoding="utf-8")
    assert all(re.fullmatch(r"[0-9a-f]{16}", line) for line in text.splitlines() if not line.startswith("#"))
