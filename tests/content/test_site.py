"""The real content imports cleanly, every page renders, and no page links to a missing page."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_site(settings):
    settings.CONTENT_DIR = settings.BASE_DIR / "content"
    call_command("sync_content", verbosity=0)


def test_content_check_passes():
    call_command("sync_content", "--check", content_dir=str(settings.BASE_DIR / "content"))


def test_every_page_renders_and_every_internal_link_resolves(real_site, client):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    assert pages.count() >= 18
    seen_links = set()
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert html.count("<h1") == 1, page.url
        for href in re.findall(r'href="(/[^"#]*)(?:#[^"]*)?"', html):
            if not href.startswith(("/static/", "/admin/")):
                seen_links.add(href)
        for anchor in re.findall(r'href="#([^"]+)"', html):
            assert f'id="{anchor}"' in html, f"{page.url}#{anchor} has no target"
    for href in sorted(seen_links):
        status = client.get(href).status_code
        assert status == 200, f"{href} answers {status}"


FIGURE_LINE = re.compile(r"^!\[", re.MULTILINE)


def test_pictures_have_text_alternatives_and_exist(real_site, client):
    """Every figure written in a content file renders as a picture that loads and has real alt text."""
    from cidp_site.content_sync.models import ContentSyncState

    content = settings.BASE_DIR / "content"
    rendered = 0
    for state in ContentSyncState.objects.filter(retired=False).select_related("page"):
        written = len(FIGURE_LINE.findall((content / state.source_path).read_text(encoding="utf-8")))
        html = client.get(state.page.url).content.decode()
        pictures = [tag for tag in re.findall(r"<img [^>]*>", html) if "/content-images/" in tag]
        assert len(pictures) == written, f"{state.page.url}: {written} figures written, {len(pictures)} shown"
        for tag in pictures:
            assert re.search(r'alt="[^"]{10,}"', tag), f"{state.page.url}: {tag}"
            src = re.search(r'src="([^"]+)"', tag).group(1)
            assert client.get(src).status_code == 200, src
        rendered += len(pictures)
    every_figure = sum(len(FIGURE_LINE.findall(p.read_text(encoding="utf-8"))) for p in content.rglob("*.md"))
    assert rendered == every_figure > 0, "a check that sees no picture proves nothing"


def test_no_file_names_the_source_text_as_a_reference():
    """Where this site's first draft came from is not a source a reader can check: it stays out."""
    content = settings.BASE_DIR / "content"
    offenders = [
        path.relative_to(content).as_posix()
        for path in sorted(content.rglob("*"))
        if path.is_file() and path.suffix in (".md", ".yaml") and path.name != "README.md"
        if "source text used by this site" in path.read_text(encoding="utf-8").lower()
    ]
    assert not offenders, offenders


def test_no_page_claims_a_review_no_clinician_made(real_site, client):
    """Every FAQ page either names the reviewer who approved it or says it is not yet checked."""
    from cidp_site.pages.models import FAQPage

    for page in FAQPage.objects.live():
        html = client.get(page.url).content.decode()
        if page.is_reviewed:
            assert f"by {page.reviewed_by}" in html, page.url
        else:
            assert "Not yet checked by a clinician" in html, page.url
            assert "Checked by a clinician:" not in html and '"reviewedBy"' not in html, page.url
        assert "CIDP site clinical review team" not in html, page.url


def test_a_reader_with_thoughts_of_suicide_finds_help_now_and_can_tap_to_call(real_site, client):
    """The site's readers live with a long-term illness; one who searches in crisis must land on
    where to get help now, with numbers a weak or numb hand can tap rather than type."""
    from bs4 import BeautifulSoup

    # Two of its listed phrasings, and two a reader might type that it does not list.
    for query in ("suicidal", "i want to end my life", "sucidal", "feel like ending it"):
        html = BeautifulSoup(client.get("/search/", {"q": query}).content, "html.parser")
        first = html.select_one("ol.results li.result h3 a")
        assert first["href"] == "/help/support-organisations/#thoughts-of-suicide", query
    page = BeautifulSoup(client.get("/help/support-organisations/").content, "html.parser")
    answer = page.select_one("#thoughts-of-suicide")
    box = answer.select_one("aside.callout-emergency")
    assert box is not None and "call 999" in " ".join(box.get_text().split())
    assert "someone you are with" in box.get_text()  # a carer reads it too
    assert {a["href"] for a in answer.select("a[href^='tel:']")} == {"tel:116123", "tel:111", "tel:988"}


def test_a_reader_who_has_taken_too_many_tablets_lands_on_the_emergency_list(real_site, client):
    """Taking too many tablets is an overdose, which the crisis answer's emergency list names; the
    word "tablets" alone would lead to the answers about steroid tablets (content/glossary.yaml)."""
    from bs4 import BeautifulSoup

    for query in (
        "i took too many of my tablets on purpose",
        "took a bottle of pills",
        "overdosed on my meds",
    ):
        html = BeautifulSoup(client.get("/search/", {"q": query}).content, "html.parser")
        first = html.select_one("ol.results li.result h3 a")
        assert first["href"] == "/help/support-organisations/#thoughts-of-suicide", query


def test_a_reader_who_feels_low_finds_where_to_get_help_with_their_mood(real_site, client):
    """Low mood is common with a long-term illness, and a reader searching for it needs the answer
    that says what help there is, before the answer for a crisis or the list of the care team."""
    from bs4 import BeautifulSoup

    # Two of its listed phrasings, and two it does not list.
    for query in ("feeling low", "talking therapy", "feeling depresed", "counsellor on the nhs"):
        html = BeautifulSoup(client.get("/search/", {"q": query}).content, "html.parser")
        first = html.select_one("ol.results li.result h3 a")
        assert first["href"] == "/help/support-organisations/#low-mood", query
    page = BeautifulSoup(client.get("/help/support-organisations/").content, "html.parser")
    words = " ".join(page.select_one("#low-mood").get_text().split())
    assert "refer yourself" in words and "thoughts of ending your life" in words


def test_a_reader_who_asks_about_privacy_learns_what_the_site_keeps(real_site, client):
    """The answer's promises are what the site is held to elsewhere: no cookie and no other
    company's resources (tests/core/test_headers.py), no search words or address in the access
    log (test_access_log.py), and reader text kept only for READER_TEXT_KEEP_DAYS."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get("/help/about-this-information/").content, "html.parser")
    words = " ".join(page.select_one("#privacy").get_text().split())
    assert "sets no cookies" in words
    assert settings.READER_TEXT_KEEP_DAYS == 180 and words.count("about 6 months") == 2

    for query in ("privacy", "cookies", "do you save my searches", "is my data sold"):
        html = BeautifulSoup(client.get("/search/", {"q": query}).content, "html.parser")
        first = html.select_one("ol.results li.result h3 a")
        assert first["href"] == "/help/about-this-information/#privacy", query
    # Readers look for a privacy statement at the foot of a page, and every page has one there.
    for url in ("/", "/cidp/symptoms/", "/search/?q=ivig"):
        footer = BeautifulSoup(client.get(url).content, "html.parser").select_one("footer")
        links = {a.get_text(strip=True): a["href"] for a in footer.select("a")}
        assert links.get("Privacy") == "/help/about-this-information/#privacy", url
