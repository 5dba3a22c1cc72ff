"""A "when to get help" box reads the same words as the level a nurse picked and the guide explains."""

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.urls import reverse

from cidp_site.pages.blocks import CALLOUT_LEVELS, CALLOUTS
from tests.users import make_user


def box(level):
    html = render_to_string("includes/callout_box.html", {"level": level, "body": "<p>Watch for a rash.</p>"})
    return BeautifulSoup(html, "html.parser").find("aside")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", CALLOUTS, ids=lambda kind: kind.value)
def test_each_level_shows_its_own_heading_icon_and_name(kind):
    aside = box(kind.value)
    title = aside.select_one(".callout-title")
    number = " 999" if kind.value == "emergency" else ""  # the default emergency number
    assert aside["class"] == ["callout", f"callout-{kind.value}"]
    assert title.select_one(".callout-icon").get_text() == kind.icon
    assert " ".join(title.get_text().split()) == f"{kind.icon} {kind.heading}{number}"
    assert aside["aria-label"] == f"{kind.heading}{number}"


@pytest.mark.django_db
def test_an_unknown_level_still_gets_a_heading():
    # A revision saved before a level was renamed must still show words, not an empty box.
    assert box("retired-level").select_one(".callout-title").get_text().strip().endswith(CALLOUTS[0].heading)


def test_the_editor_offers_the_same_levels_in_the_same_order():
    assert CALLOUT_LEVELS == [(kind.value, kind.label) for kind in CALLOUTS]


@pytest.mark.django_db
def test_the_nurses_guide_explains_every_level_a_nurse_can_pick(client):
    client.force_login(make_user("nina", "Nina", "Nurse", "Nurse editors"))
    html = BeautifulSoup(client.get(reverse("nurses_guide")).content, "html.parser")
    listed = [" ".join(li.get_text().split()) for li in html.select("#warnings + p + ul li")]
    assert listed == [f"{kind.label} – {kind.use_for}" for kind in CALLOUTS]
