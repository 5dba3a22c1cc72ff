"""Other ways readers ask a question: kept in front matter, edited in the admin, written back to
git by export_content, indexed by search, and never shown to readers."""

import pytest

from cidp_site.content_sync.apply import load
from cidp_site.content_sync.compare import differences
from cidp_site.content_sync.mapping import page_fields
from cidp_site.search.query import search
from tests.content_sync.test_export import export, faq, publish_edit, resolver

pytestmark = pytest.mark.django_db

PHRASINGS = "also_asked:\n  where:\n    - infusion suite or my own sofa\n    - which building do i go to\n"


def with_phrasings(content_dir, text=PHRASINGS):
    path = content_dir / "treatment" / "ivig.md"
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace("---\n## How well", text + "---\n## How well", 1), encoding="utf-8")
    return path


def where(page):
    return next(b.value for b in page.questions if b.value["anchor"] == "where")


def test_phrasings_reach_the_question_in_the_admin_and_search(synced, run_sync):
    with_phrasings(synced)
    assert run_sync()[0] == 0
    assert (
        where(faq("ivig-treatment"))["also_asked"]
        == "infusion suite or my own sofa\nwhich building do i go to"
    )
    # None of these words is in the question or its answer: only the phrasings lead there.
    results = search("sofa or which building").results
    assert results and results[0].title == "Where do I have it?"


def test_readers_never_see_them(synced, run_sync, client):
    with_phrasings(synced)
    assert run_sync()[0] == 0
    html = client.get(faq("ivig-treatment").url).content.decode()
    assert "Where do I have it?" in html
    assert "own sofa" not in html


def test_an_edit_in_the_admin_is_written_back_to_the_file_and_the_next_sync_is_a_no_op(synced, run_sync):
    path = with_phrasings(synced)
    assert run_sync()[0] == 0
    page = faq("ivig-treatment")
    questions = page.questions.get_prep_value()
    question = next(q["value"] for q in questions if q["value"]["anchor"] == "where")
    question["also_asked"] = "which building do i go to\n\n  can the nurse come to me  \n"
    publish_edit(page, questions=questions)
    assert export()[0] == 0
    text = path.read_text(encoding="utf-8")
    assert "also_asked:\n  where:\n    - which building do i go to\n    - can the nurse come to me\n" in text
    assert "own sofa" not in text
    parsed = next(p for p in load(synced) if p.rel == "treatment/ivig.md")
    assert differences(faq("ivig-treatment"), page_fields(parsed, resolver())) == []
    assert "4 unchanged" in run_sync()[1]


def test_phrasings_added_in_the_admin_to_a_file_without_any_are_written_back(synced, run_sync):
    page = faq("ivig-treatment")
    questions = page.questions.get_prep_value()
    questions[0]["value"]["also_asked"] = "does ivig really help"
    publish_edit(page, questions=questions)
    assert export()[0] == 0
    text = (synced / "treatment" / "ivig.md").read_text(encoding="utf-8")
    assert "also_asked:\n  how-well-it-works:\n    - does ivig really help\n---\n" in text
    assert "4 unchanged" in run_sync()[1]


# Other ways readers ask for a whole page: home and section pages have no questions, and some
# searches ("where do i start") are answered by a page, not one of its questions.
PAGE_PHRASINGS = "page_also_asked:\n  - roadmap of my choices\n  - compass for new patients\n"


def with_page_phrasings(content_dir, rel="treatment/_index.md", text=PAGE_PHRASINGS):
    path = content_dir / rel
    source = path.read_text(encoding="utf-8")
    end = source.index("\n---\n", 4) + 1
    path.write_text(source[:end] + text + source[end:], encoding="utf-8")
    return path


def section(cid="treatment"):
    from cidp_site.pages.models import SectionPage

    return SectionPage.objects.get(content_id=cid)


def test_page_phrasings_reach_the_page_in_the_admin_and_search(synced, run_sync):
    with_page_phrasings(synced)
    assert run_sync()[0] == 0
    assert section().also_asked == "roadmap of my choices\ncompass for new patients"
    # Neither word is on any page: only the phrasings lead to the section page.
    results = search("roadmap compass").results
    assert results and results[0].title == "Treatment"


def test_readers_never_see_page_phrasings(synced, run_sync, client):
    with_page_phrasings(synced)
    with_page_phrasings(synced, "treatment/ivig.md")
    assert run_sync()[0] == 0
    for page in (section(), faq("ivig-treatment")):
        html = client.get(page.url).content.decode()
        assert page.title in html
        assert "roadmap" not in html and "compass" not in html


def test_a_page_phrasing_edited_in_the_admin_is_written_back_and_the_next_sync_is_a_no_op(synced, run_sync):
    path = with_page_phrasings(synced, "treatment/ivig.md")
    assert run_sync()[0] == 0
    publish_edit(faq("ivig-treatment"), also_asked="compass for new patients\n\n  where do i begin  \n")
    assert export()[0] == 0
    text = path.read_text(encoding="utf-8")
    assert "page_also_asked:\n  - compass for new patients\n  - where do i begin\n" in text
    assert "roadmap" not in text
    parsed = next(p for p in load(synced) if p.rel == "treatment/ivig.md")
    assert differences(faq("ivig-treatment"), page_fields(parsed, resolver())) == []
    assert "4 unchanged" in run_sync()[1]
