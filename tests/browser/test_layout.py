"""Small screens and zoom: no sideways scrolling, text >= 18 px, every control >= 44x44 px."""

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


def check_all(new_page, pages, width, script):
    problems = {}
    for path, _status in pages:
        page, _response = new_page(path, viewport={"width": width, "height": 800})
        if found := page.evaluate(script):
            problems[path] = found
        page.context.close()
    return problems


def test_no_horizontal_scroll_on_a_phone_or_at_200_percent_zoom(new_page, pages):
    for width in WIDTHS.values():
        assert (
            check_all(
                new_page,
                pages,
                width,
                "() => (" + HORIZONTAL_OVERFLOW + ")() > 0 ? ['scrolls sideways'] : []",
            )
            == {}
        )


def test_no_text_clipped_at_200_percent_zoom(new_page, pages):
    assert check_all(new_page, pages, WIDTHS["zoom-200"], CLIPPED_TEXT) == {}


def test_all_text_is_at_least_18px(new_page, pages):
    assert check_all(new_page, pages, WIDTHS["phone"], SMALL_TEXT) == {}


def test_every_control_is_at_least_44px_square(new_page, pages):
    assert check_all(new_page, pages, WIDTHS["phone"], SMALL_TARGETS) == {}
