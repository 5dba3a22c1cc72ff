"""The discharge-note box on /l/, in Chromium: copy with the keyboard, or select all without JavaScript."""

import pytest

pytestmark = pytest.mark.rendering

FIRST_NOTE = "details.note-box"


def test_the_copy_button_is_reached_by_keyboard_and_copies_the_note(new_page):
    page, _ = new_page("/l/", permissions=["clipboard-read", "clipboard-write"])
    box = page.locator(FIRST_NOTE).first
    box.locator("summary").focus()
    page.keyboard.press("Enter")  # opens the disclosure
    text = box.locator("textarea.note-text").input_value()
    assert text.endswith("Ask your care team if anything here does not match what you were told.")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "note-text"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "copy-note"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.textContent === 'Copied'")
    assert page.evaluate("() => navigator.clipboard.readText()") == text


def test_without_javascript_the_whole_note_can_be_selected(new_page):
    page, _ = new_page("/l/", java_script_enabled=False)
    box = page.locator(FIRST_NOTE).first
    box.locator("summary").click()
    area = box.locator("textarea.note-text")
    assert area.get_attribute("readonly") is not None
    assert box.locator("button.copy-note").is_hidden()  # no button that cannot work
    area.focus()
    page.keyboard.press("Control+A")
    selected = area.evaluate("el => el.value.slice(el.selectionStart, el.selectionEnd)")
    assert selected == area.input_value() and selected.count("\n") == 3
