"""Sources a reader can check, and warning lists that read the same wherever they appear.

Citations are numbered by first appearance, the page ends with exactly the cited entries in that
order, every shared warning list renders identically on each page and handout that includes it, and
every emergency box names the number the site's setting gives.
"""

import re

import pytest
from wagtail.models import Site

from cidp_site.core.models import EmergencySettings
from cidp_site.links.models import ShortCode
from cidp_site.pages.models import FAQPage

pytestmark = pytest.mark.django_db

SUP_RE = re.compile(r'<sup class="cite">.*?</sup>', re.S)
LIST_RE = re.compile(
    r'<div class="warning-list" data-warning-list="([a-z0-9-]+)">(.*?)</aside>\s*</div>', re.S
)


def references(html):
    section = re.search(r'<section class="references".*?</section>', html, re.S).group(0)
    return re.findall(r'<li id="ref-(\d+)" value="\d+">(.*?)</li>', section, re.S)


def test_citations_are_numbered_links_in_order_of_first_appearance(synced, client):
    html = client.get("/treatment/ivig-side-effects/").content.decode()
    assert "[@" not in html
    # "[@gamunex-c-label; @ice-trial-2008]" is the page's first citation: 1 and 2, on the word.
    assert (
        'like a headache<sup class="cite"><a href="#ref-1">'
        '<span class="visually-hidden">Reference </span>1</a>, '
        '<a href="#ref-2"><span class="visually-hidden">Reference </span>2</a></sup>.'
    ) in html
    refs = references(html)
    assert [number for number, _ in refs] == ["1", "2", "3"]
    # Exactly the cited entries, in that order: the label, the trial, then the NHS page (cited only
    # by the shared warning list further down).
    assert "GAMUNEX-C prescribing information" in refs[0][1]
    assert '<a href="https://www.fda.gov/media/75326/download">' in refs[0][1]
    assert (
        "Hughes RAC, Donofrio P, Bril V, et al." in refs[1][1]
        and "<cite>The Lancet Neurology</cite>" in refs[1][1]
    )
    assert (
        '<a href="https://doi.org/10.1016/S1474-4422(07)70329-0">doi:10.1016/S1474-4422(07)70329-0</a>'
        in refs[1][1]
    )
    assert "NHS. Anaphylaxis." in refs[2][1] and "Accessed 2 December 2026." in refs[2][1]


def test_an_entry_ending_in_a_full_stop_gets_no_second_one(synced, client):
    refs = references(client.get("/treatment/ivig-side-effects/").content.decode())
    assert "Hughes RAC, Donofrio P, Bril V, et al. " in refs[1][1]
    assert not [text for _, text in refs if ".." in text]


def test_a_page_lists_only_the_sources_it_cites(synced, client):
    html = client.get("/treatment/ivig/").content.decode()
    titles = [text for _, text in references(html)]
    assert (
        len(titles) == 3
        and "ICE study" in titles[0]
        and "GAMUNEX-C" in titles[1]
        and "Anaphylaxis" in titles[2]
    )
    assert "Source text used by this site" not in html


def included_lists(html):
    """Each shared list's HTML, citation numbers removed (they count from each page's own top)."""
    return [(name, SUP_RE.sub("", body)) for name, body in LIST_RE.findall(html)]


def handout(client, page):
    code = ShortCode.objects.get(page=page, kind=ShortCode.PAGE).code
    return client.get(f"/l/{code}/handout/").content.decode()


@pytest.fixture
def with_codes(synced):
    """Handouts are reached by short link: give the sample pages theirs."""
    from django.core.management import call_command

    call_command("assign_short_codes", verbosity=0)
    call_command("sync_content", verbosity=0)
    return synced


def test_every_included_list_renders_identically_on_each_page_and_handout(with_codes, client):
    seen: dict[str, str] = {}
    pages = 0
    for page in FAQPage.objects.live():
        includes = [
            child.value.list_id
            for block in page.questions
            for child in block.value["answer"]
            if child.block_type == "include"
        ]
        if not includes:
            continue
        pages += 1
        for html in (client.get(page.url).content.decode(), handout(client, page)):
            found = included_lists(html)
            assert [name for name, _ in found] == includes, page.url
            for name, body in found:
                assert (
                    "After IVIG: get help now" in body and "any new chest pain, pressure or tightness" in body
                )
                assert seen.setdefault(name, body) == body, f"{name} differs on {page.url}"
    assert pages == 2 and list(seen) == ["ivig-emergency"]


def test_the_emergency_number_follows_the_site_setting(with_codes, client):
    url = "/treatment/ivig-side-effects/"
    page = FAQPage.objects.get(content_id="ivig-side-effects")
    html = client.get(url).content.decode()
    assert html.count('Emergency: call <strong class="callout-number">999</strong>') == 2  # inline and shared
    setting = EmergencySettings.for_site(Site.objects.get(is_default_site=True))
    setting.emergency_number = "112"
    setting.save()
    for html in (client.get(url).content.decode(), handout(client, page)):  # the cached copy is dropped
        assert html.count('Emergency: call <strong class="callout-number">112</strong>') == 2
        assert 'call <strong class="callout-number">999' not in html
