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
