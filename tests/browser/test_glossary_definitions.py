"""An inline definition at 320 px: opened from the keyboard, announced, axe clean, no sideways scroll."""

import pytest

from .test_axe import violations
from .test_layout import HORIZONTAL_OVERFLOW

pytestmark = pytest.mark.rendering


def test_a_definition_opens_from_the_keyboard_and_stays_accessible_at_320_px(new_page):
    page, response = new_page("/cidp/what-is-cidp/", viewport={"width": 320, "height": 800})
    assert response.status == 200
    summary = page.locator("details.define summary").first
    details = page.locator("details.define").first
    assert not details.evaluate("d => d.open")
    summary.focus()
    page.keyboard.press("Enter")
    assert details.evaluate("d => d.open")
    assert details.locator("p").is_visible()
    assert details.locator("a").get_attribute("href").startswith("/help/glossary/#")
    # The summary itself holds focus (a native disclosure control, named by its own text).
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    assert summary.inner_text().startswith("What does")
    assert summary.evaluate("s => getComputedStyle(s).display") != "none"
    assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0
    assert violations(page) == []


def test_result_titles_line_up_with_their_text(new_page):
    page, _ = new_page("/search/?q=why+might+ivig+be+chosen", viewport={"width": 375, "height": 800})
    title = page.locator("li.result h3 a").first.bounding_box()
    text = page.locator("li.result p").first.bounding_box()
    assert abs(title["x"] - text["x"]) < 1
