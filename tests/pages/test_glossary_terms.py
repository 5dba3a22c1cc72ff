"""Inline definitions: the first use of a glossary word on a page explains itself, without JavaScript."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from cidp_site.pages.models import FAQPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_site(db, settings):
    settings.CONTENT_DIR = settings.BASE_DIR / "content"
    call_command("sync_content", verbosity=0)


def soup(client, content_id):
    page = FAQPage.objects.get(content_id=content_id)
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def definitions(html):
    return {d.summary.get_text(): d for d in html.select("details.define")}


def test_the_first_use_of_a_glossary_word_offers_its_definition_once(real_site, client):
    html = soup(client, "what-is-cidp")
    found = definitions(html)
    summaries = [d.summary.get_text() for d in html.select("details.define")]
    assert len(summaries) == len(set(summaries)), summaries
    immune = next(d for s, d in found.items() if s.lower() == "what does “immune system” mean?")
    glossary = FAQPage.objects.get(content_id="glossary")
    entry = next(b.value for b in glossary.questions if b.value["anchor"] == "immune-system")
    assert entry["short_answer"] in immune.p.get_text()
    assert immune.p.a["href"] == f"{glossary.url}#immune-system"
    # "What is CIDP?" is a question on this page: it explains the word, so no definition is added.
    assert not any("“CIDP”" in s for s in found)
    # A <details> after the paragraph (valid HTML, works with no script), never inside it.
    assert all(d.parent.name not in ("p", "li", "a") for d in html.select("details.define"))


def test_urgent_advice_and_the_glossary_itself_carry_no_definitions(real_site, client):
    html = soup(client, "ivig-side-effects")
    assert html.select("details.define")
    assert not html.select(".callout details.define")
    assert not soup(client, "glossary").select("details.define")


def test_a_definition_edited_in_the_glossary_shows_on_every_page(real_site, client):
    soup(client, "what-is-cidp")  # cached by the page cache
    glossary = FAQPage.objects.get(content_id="glossary").get_latest_revision_as_object()
    for block in glossary.questions:
        if block.value["anchor"] == "immune-system":
            block.value["short_answer"] = "Your immune system keeps germs out of your body."
    glossary.save_revision().publish()
    found = definitions(soup(client, "what-is-cidp"))
    immune = next(d for s, d in found.items() if "immune system" in s.lower())
    assert "Your immune system keeps germs out of your body." in immune.p.get_text()


def test_the_glossary_page_shows_each_term_with_its_definition_and_also_called_words(real_site, client):
    from cidp_site.content_sync.apply import load
    from cidp_site.content_sync.glossary import find_page
    from cidp_site.content_sync.glossary_page import page_terms

    terms, problems = page_terms(find_page(load()))
    assert problems == [] and len(terms) >= 20
    html = soup(client, "glossary")
    assert FAQPage.objects.get(content_id="glossary").url == "/help/glossary/"  # links point here
    for anchor, term in terms.items():
        section = html.select_one(f"section#{anchor}")
        assert section is not None, anchor  # each term keeps its anchor
        assert term.heading in section.h2.get_text()
        text = " ".join(section.get_text().split())
        assert term.definition in text
        if term.also_called:
            assert f"Also called: {', '.join(term.also_called)}." in text
    assert sum(bool(t.also_called) for t in terms.values()) >= 10


def test_an_inline_definition_adds_its_markup_and_leaves_every_other_character_as_written():
    import re

    from cidp_site.pages.glossary_terms import Term, _details, define_first_uses

    myelin = Term(
        "Myelin", "myelin", "Myelin is a coat.", "/help/glossary/#myelin", re.compile("myelin", re.I)
    )
    html = (
        '<aside class="callout"><p>Myelin first here, in urgent advice.</p></aside>\n'
        '<p data-block-key="k1" class=lead>Your <b>myelin</b> &amp; nerves<br/>again</p>\n'
        "<ul><li>myelin once more</li></ul>"
    )
    out = define_first_uses(html, (myelin,))
    expected = html.replace("again</p>\n", "again</p>" + _details(myelin, "myelin") + "\n")
    assert out == expected
