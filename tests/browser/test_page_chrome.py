"""Small polish a reader sees (issue 14): a calm breadcrumb on a phone, question links only on demand."""

import pytest

pytestmark = pytest.mark.rendering

FAQ = "/treatment/ivig/"

VISIBLE_CRUMBS = """() => [...document.querySelectorAll('nav.breadcrumbs li')]
  .filter(li => li.getClientRects().length)
  .map(li => ({text: li.innerText.trim(), top: Math.round(li.getBoundingClientRect().top),
               link: li.querySelector('a') ? li.querySelector('a').getAttribute('href') : null}))"""


def test_on_a_phone_the_breadcrumb_is_one_line_back_to_the_parent(new_page):
    page, _ = new_page(FAQ, viewport={"width": 375, "height": 800})
    crumbs = page.evaluate(VISIBLE_CRUMBS)
    assert [c["text"].lstrip("‹ ").strip() for c in crumbs] == ["Treatment"]
    assert crumbs[0]["link"] == "/treatment/"
    nav = page.locator("nav.breadcrumbs").bounding_box()
    assert nav["height"] < 2 * 44  # one row of 44 px tap targets, not two


def test_on_a_wide_screen_the_whole_trail_shows_with_the_current_page_not_linked(new_page):
    page, _ = new_page(FAQ, viewport={"width": 1280, "height": 800})
    crumbs = page.evaluate(VISIBLE_CRUMBS)
    title = page.locator("h1").inner_text().strip()
    assert [c["text"].lstrip("›‹ ").strip() for c in crumbs] == ["Home", "Treatment", title]
    assert crumbs[-1]["link"] is None
    assert len({c["top"] for c in crumbs}) == 1


def test_a_question_link_is_hidden_until_the_keyboard_reaches_it(new_page):
    page, _ = new_page(FAQ, viewport={"width": 375, "height": 800})
    link = page.locator("section.question h2 a.anchor-link").first
    question = page.locator("section.question").first
    assert link.evaluate("a => getComputedStyle(a).opacity") == "0"  # no "#" after every heading
    for _ in range(60):
        page.keyboard.press("Tab")
        if link.evaluate("a => a === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached the first question's link")
    assert link.evaluate("a => getComputedStyle(a).opacity") == "1"
    assert link.get_attribute("href") == "#" + question.get_attribute("id")
    assert link.get_attribute("aria-label").startswith("Link to this question: ")
    box = link.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44


CITATIONS = """() => {
  const seen = [], apart = [];
  const charBox = (node, i) => {
    const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
    return r.getBoundingClientRect();
  };
  for (const sup of document.querySelectorAll('sup.cite')) {
    const before = sup.previousSibling, after = sup.nextSibling;
    if (!before || before.nodeType !== 3 || !/\\S$/.test(before.textContent)) continue;
    if (!after || after.nodeType !== 3 || !/^[.,;:]/.test(after.textContent)) continue;
    const word = charBox(before, before.textContent.length - 1), stop = charBox(after, 0);
    const digits = [...sup.querySelectorAll('a')].map(a => a.lastChild);
    const number = charBox(digits[0], 0);
    seen.push(before.textContent.slice(-12));
    if (Math.abs(word.top - stop.top) > 2) apart.push(`full stop on its own line: ${seen.at(-1)}`);
    if (number.left - word.right > 6) apart.push(`number far from its word: ${seen.at(-1)}`);
  }
  return {seen: seen.length, apart};
}"""


def test_a_citation_number_sits_on_its_word_with_the_full_stop_beside_it(new_page):
    for width in (320, 375, 414):
        page, _ = new_page(FAQ, viewport={"width": width, "height": 800})
        found = page.evaluate(CITATIONS)
        assert found["seen"] > 3, "a check that sees no citation proves nothing"
        assert found["apart"] == [], width


LEFT_EDGES = """() => [
  ['.card h3 a', '.card p'], ['.footer-links a', '.site-footer p'],
].map(([link, text]) => [link, document.querySelector(link).getBoundingClientRect().left
                               - document.querySelector(text).getBoundingClientRect().left])"""


def test_card_titles_and_footer_links_line_up_with_their_text(new_page):
    page, _ = new_page("/", viewport={"width": 375, "height": 800})
    for selector, offset in page.evaluate(LEFT_EDGES):
        assert abs(offset) < 1, selector
