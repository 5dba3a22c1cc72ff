"""A nurse's admin works in a real browser under the admin's Content-Security-Policy.

The server-side tests check the header; only a browser shows whether the policy blocks a script,
a style or a frame the editor needs. A blocked one is reported as a `securitypolicyviolation`
event, which this test collects from every admin page it opens.
"""

import pytest

pytestmark = pytest.mark.browser

NURSE, PASSWORD = "browser-nurse", "a long nurse pass phrase 2026"
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""


@pytest.fixture(scope="module")
def nurse_and_page(live_site):
    """A member of the 'Nurse editors' group (no publish right) and the IVIG page's id."""
    return live_site.manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth.models import Group\n"
        "from django.contrib.auth import get_user_model\n"
        "from cidp_site.pages.models import FAQPage\n"
        f"u, _ = get_user_model().objects.get_or_create(username={NURSE!r})\n"
        f"u.set_password({PASSWORD!r}); u.save()\n"
        "u.groups.add(Group.objects.get(name='Nurse editors'))\n"
        "print(FAQPage.objects.get(content_id='ivig-treatment').pk)",
    ).strip()


def violations(page):
    return page.evaluate("window.__cspViolations")


def test_a_nurse_logs_in_edits_and_saves_a_draft_with_no_policy_violation(browser, live_site, nurse_and_page):
    context = browser.new_context(base_url=live_site.base_url)
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    try:
        page.goto("/admin/login/")
        page.fill("input[name=username]", NURSE)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/")
        assert violations(page) == []

        response = page.goto(f"/admin/pages/{nurse_and_page}/edit/")
        assert response.status == 200
        assert "'unsafe-inline'" in response.headers["content-security-policy"]
        # Both are drawn by the admin's JavaScript: blocked scripts would leave them missing.
        page.wait_for_selector(".Draftail-Editor", timeout=15000)
        page.wait_for_selector("[data-streamfield-stream-container]", timeout=15000)
        assert violations(page) == []

        page.fill("#id_title", "IVIG treatment for CIDP (draft)")
        page.click("button[name=action-draft], button:has-text('Save draft')")
        page.wait_for_selector(".messages .success, .messages [class*=success]", timeout=15000)
        assert "IVIG treatment for CIDP (draft)" in page.content()
        assert violations(page) == []
    finally:
        context.close()
    # The draft is saved for the reviewer; readers still get the published page.
    assert "IVIG treatment for CIDP (draft)" not in live_site.fetch_text("/treatment/ivig/")
