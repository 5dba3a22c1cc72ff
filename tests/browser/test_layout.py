"""Small screens and zoom: no sideways scrolling, text >= 18 px, every control >= 44x44 px."""

import pytest

pytestmark = pytest.mark.rendering

# 200 % zoom of a 1280 px window is a 640 px-wide CSS viewport.
WIDTHS = {"phone": 320, "zoom-200": 640}

HORIZONTAL_OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"

SMALL_TEXT = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el.getClientRects().length) continue;
    if (el.closest('.visually-hidden, [hidden]')) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 18) small.push(`${el.tagName} ${size}px: ${node.textContent.trim().slice(0, 30)}`);
  }
  return small;
}"""

SMALL_TARGETS = """() => {
  const small = [];
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex="0"]';
  for (const el of document.querySelectorAll(selector)) {
    if (el.classList.contains('skip-link')) continue;  // tested when focused, by the keyboard test
    const r = el.getBoundingClientRect();
    if (!r.width && !r.height) continue;
    if (r.width < 44 || r.height < 44) {
      const size = `${Math.round(r.width)}x${Math.round(r.height)}`;
      small.push(`${el.tagName} ${size}: ${el.textContent.trim().slice(0, 30)}`);
    }
  }
  return small;
}"""

CLIPPED_TEXT = """() => {
  const clipped = [];
  for (const el of document.querySelectorAll('main *, header *, footer *')) {
    const style = getComputedStyle(el);
    if (!['hidden', 'clip'].includes(style.overflowX) || el.clientWidth <= 1) continue;
    if (el.scrollWidth > el.clientWidth + 1) clipped.push(`${el.tagName}.${el.className}`);
  }
  return clipped;
}"""


SCROLLS_SIDEWAYS = "() => (" + HORIZONTAL_OVERFLOW + ")() > 0 ? ['scrolls sideways'] : []"


def check_all(new_page, pages, width, checks: dict[str, str]) -> dict:
    """Each page is loaded once per width and every check runs on it: loading, not checking, is what
    takes the time (five loads of every page became two)."""
    problems = {}
    for path, _status in pages:
        page, _response = new_page(path, viewport={"width": width, "height": 800})
        found = {name: hits for name, script in checks.items() if (hits := page.evaluate(script))}
        if found:
            problems[path] = found
        page.context.close()
    return problems


def test_on_a_phone_nothing_scrolls_sideways_text_is_18px_or_more_and_controls_44px_square(new_page, pages):
    checks = {
        "sideways scroll": SCROLLS_SIDEWAYS,
        "text under 18px": SMALL_TEXT,
        "control under 44px": SMALL_TARGETS,
    }
    assert check_all(new_page, pages, WIDTHS["phone"], checks) == {}


def test_at_200_percent_zoom_nothing_scrolls_sideways_and_no_text_is_clipped(new_page, pages):
    checks = {"sideways scroll": SCROLLS_SIDEWAYS, "clipped text": CLIPPED_TEXT}
    assert check_all(new_page, pages, WIDTHS["zoom-200"], checks) == {}
