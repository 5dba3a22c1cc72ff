"""axe-core in Chromium: WCAG 2.0/2.1/2.2 A and AA, plus 7:1 text contrast, in light and dark mode."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.rendering

WCAG_TAGS = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"}
EXTRA_RULES = {"color-contrast-enhanced"}  # AAA contrast (7:1): our own bar for body text.


def violations(page):
    """axe runs every rule it has; we keep the WCAG A/AA ones and the enhanced contrast rule."""
    result = Axe().run(page)
    found = []
    for rule in result.response["violations"]:
        if WCAG_TAGS & set(rule["tags"]) or rule["id"] in EXTRA_RULES:
            targets = [node["target"] for node in rule["nodes"]][:5]
            found.append(f"{rule['id']}: {rule['help']} at {targets}")
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations(new_page, pages, scheme):
    problems = {}
    for path, status in pages:
        page, response = new_page(path, color_scheme=scheme)
        assert response.status == status, path
        if found := violations(page):
            problems[path] = found
        page.context.close()
    assert problems == {}
