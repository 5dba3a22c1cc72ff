"""Keyboard focus, JavaScript off, and the page-weight budget, in Chromium."""

from urllib.parse import urlsplit

import pytest

BUDGET_BYTES = 50 * 1024
# The clinicians' page lists every page and question with its short link and discharge-note text
# (issue 17): it is for clinic staff at a desk, not for patients on a phone.
BUDGET_BYTES_FOR = {"/l/": 80 * 1024}

FOCUS_STYLE = """() => {
  const s = getComputedStyle(document.activeElement);
  return [s.outlineStyle, s.outlineWidth, s.boxShadow].join("|");
}"""
ACTIVE = "() => { const a = document.activeElement; return a.getAttribute('href') || a.id || a.tagName; }"


@pytest.mark.rendering
def test_tab_reaches_search_early_and_every_link_with_a_visible_ring(new_page, pages):
    problems = {}
    for path, _status in pages:
        page, _response = new_page(path)
        # Links inside a closed disclosure (<details>) are not Tab stops until it is opened.
        links = page.eval_on_selector_all(
            "a[href]",
            "els => els.filter(e => e.getClientRects().length && !e.closest('details:not([open])')).length",
        )
        stops = page.eval_on_selector_all(
            "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])",
            "els => els.filter(e => e.getClientRects().length"
            " && (e.tagName === 'SUMMARY' || !e.closest('details:not([open])'))).length",
        )
        printout = page.locator("header.site-header").count() == 0  # handouts: no site chrome
        order, unfocused = [], []
        for _ in range(stops + 10):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement === document.body"):
                break
            order.append(page.evaluate(ACTIVE))
            ring = page.evaluate(FOCUS_STYLE)
            if ring.startswith("none") and ring.endswith("none"):
                unfocused.append(order[-1])
        found = []
        # The search page has one box, its own (issue 14); every other page has the header's.
        if not printout and not {"header-search-q", "page-search-q"} & set(order[:4]):
            found.append(f"search box not in first 4 Tab stops: {order[:4]}")
        if len([o for o in order if o not in ("header-search-q", "BUTTON", "page-search-q")]) < links:
            found.append(f"Tab reached {len(order)} stops for {links} links")
        if unfocused:
            found.append(f"no focus ring on {unfocused[:5]}")
        if found:
            problems[path] = found
        page.context.close()
    assert problems == {}


def test_search_works_with_javascript_off(new_page):
    page, _response = new_page("/", java_script_enabled=False)
    page.fill("#header-search-q", "ivig")
    page.press("#header-search-q", "Enter")
    page.wait_for_load_state()
    assert "/search/?q=ivig" in page.url
    assert page.locator("ol.results li.result").count() > 0


@pytest.mark.rendering
def test_every_page_within_50kb_and_no_other_host(browser, pages, live_site):
    problems = {}
    host = urlsplit(live_site.base_url).netloc
    for path, _status in pages:
        context = browser.new_context(base_url=live_site.base_url)
        page = context.new_page()
        requests = []
        page.on("request", lambda request, seen=requests: seen.append(request))
        page.goto(path, wait_until="networkidle")
        total, foreign = 0, []
        for request in requests:
            if urlsplit(request.url).netloc != host:
                foreign.append(request.url)
            else:  # bytes on the wire: compressed body plus headers
                sizes = request.sizes()
                total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        if total > BUDGET_BYTES_FOR.get(path, BUDGET_BYTES) or foreign or not requests:
            problems[path] = (total, foreign)
        context.close()
    assert problems == {}
