"""Pages render what a patient needs: summary, questions with short answers first, review status."""

import re

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cidp_site.pages.models import FAQPage, HomePage, SectionPage

pytestmark = pytest.mark.django_db


def test_faq_page_shows_summary_questions_and_related_pages(synced, client):
    response = client.get("/treatment/ivig/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<html lang="en-GB">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    assert "IVIG is a medicine given through a drip." in html  # summary
    # Each question is linkable by its anchor, and the short answer comes before the detail.
    assert 'id="how-well-it-works"' in html
    question = html.index("How well does IVIG work?")
    short = html.index("It helps 7 to 9 out of 10 people with CIDP")
    detail = html.index("need <b>regular</b> doses")
    assert question < short < detail
    assert '<a href="/treatment/ivig-side-effects/">Side effects of IVIG</a>' in html  # related
    assert re.search(r'<nav class="breadcrumbs" aria-label="Breadcrumb">.*?Treatment', html, re.S)


def test_a_reviewed_page_shows_who_checked_it_and_when(synced, client):
    html = client.get("/treatment/ivig-side-effects/").content.decode()
    assert (
        'Checked by a clinician: <time datetime="2026-11-20">20 November 2026</time> by Test reviewer' in html
    )
    assert 'Next review due: <time datetime="2027-11-20">20 November 2027</time>' in html
    assert "Not yet checked by a clinician" not in html


def test_callouts_render_with_words_not_only_colour(synced, client):
    html = client.get("/treatment/ivig-side-effects/").content.decode()
    assert 'class="callout callout-emergency"' in html
    assert 'Emergency: call <strong class="callout-number">999</strong>' in html
    assert "<li>trouble breathing</li>" in html


def test_home_and_section_list_their_children(synced, client):
    home = client.get("/").content.decode()
    assert '<a href="/treatment/">Treatment</a>' in home
    section = client.get("/treatment/").content.decode()
    assert '<a href="/treatment/ivig/">IVIG treatment</a>' in section


def test_pages_render_without_external_assets(synced, client):
    for url in ("/", "/treatment/", "/treatment/ivig/", "/treatment/ivig-side-effects/"):
        html = client.get(url).content.decode()
        # The canonical address is absolute by definition and is never fetched.
        html = re.sub(r'<link rel="canonical" href="[^"]*">', "", html)
        # What the browser fetches by itself: anything with a src, and <link> (styles, icons, fonts).
        # Links a reader may click (<a href>, such as a reference's source) are not fetched.
        fetched = re.findall(r'\ssrc="([^"]+)"', html) + re.findall(r'<link\s[^>]*href="([^"]+)"', html)
        assert fetched, url
        for address in fetched:
            assert not address.startswith(("http://", "https://", "//")), f"{url}: {address}"


class TestPageTypes(WagtailPageTestCase):
    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(FAQPage, {})
        self.assertAllowedParentPageTypes(FAQPage, {HomePage, SectionPage})
        self.assertAllowedSubpageTypes(SectionPage, {SectionPage, FAQPage})

    def test_every_field_has_help_text(self):
        for model in (HomePage, SectionPage, FAQPage):
            own = model._meta.get_fields(include_parents=False)
            for field in own:
                if not field.concrete or field.auto_created or field.name.endswith("_ptr"):
                    continue
                assert field.help_text, f"{model.__name__}.{field.name} has no help text"

    def test_search_fields_cover_the_answers(self):
        names = {f.field_name for f in FAQPage.search_fields}
        assert {"title", "summary", "questions"} <= names
