"""The whole editorial path in a real browser, ending in git.

A Site manager creates a nurse's account; the nurse edits a page (the review fields are not hers to
type in) and sends it for clinical review; a reviewer approves it; patients see the change and the
commit is on cms-edits of the site's repository. Each step shows its confirmation. Screenshots of
the dashboards and the guide at 1280 px go to screenshots/ for a person to look at.
"""

import subprocess
from pathlib import Path

import pytest

from .server import ROOT, LiveSite

pytestmark = pytest.mark.browser

PASSWORD = "a long pass phrase for 2026"
NEW_NURSE = "nadia"
SUMMARY = "IVIG is a medicine given through a drip. It helps most people with CIDP feel stronger."
SHOTS = ROOT / "screenshots"


def git(repo, *args):
    return subprocess.run(  # noqa: S603 - fixed arguments
        ["git", "-C", str(repo), "-c", "user.name=Dev", "-c", "user.email=dev@example.org", *args],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


@pytest.fixture(scope="module")
def site_with_repo():
    """A live site whose CONTENT_GIT_DIR is a repository holding its content/ on main (as scripts/run)."""
    site = LiveSite()
    repo = Path(site.tmpdir)  # the site's content/ is copied here by start()
    site.env["TEST_CONTENT_GIT_DIR"] = str(repo)
    site.start()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "content")
    git(repo, "commit", "-q", "-m", "Content")
    site.manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth.models import Group\n"
        "from django.contrib.auth import get_user_model\n"
        "User = get_user_model()\n"
        "people = (('sam', 'Sam', 'Site managers'), ('rita', 'Rita', 'Clinical reviewers'))\n"
        "for name, first, group in people:\n"
        "    u = User.objects.create_user(name, name + '@clinic.example', "
        f"{PASSWORD!r}, first_name=first, last_name='Example')\n"
        "    u.groups.add(Group.objects.get(name=group))\n",
    )
    page_id = site.manage(
        "shell",
        "--no-imports",
        "-c",
        "from cidp_site.pages.models import FAQPage\n"
        "print(FAQPage.objects.get(content_id='ivig-treatment').pk)",
    ).strip()
    yield site, repo, page_id
    site.stop()


def log_in(browser, site, username):
    context = browser.new_context(base_url=site.base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return context, page


def message(page) -> str:
    page.wait_for_selector(".messages li", timeout=15000)
    return page.inner_text(".messages")


def shoot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}-1280.png", full_page=True)


def footer_action(page, selector):
    """Open the editor's action menu (the arrow by the main button) and press one of its actions."""
    button = page.locator(selector).first
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target=toggle], footer .dropdown-toggle").first.click()
    button.click()


def test_manager_nurse_reviewer_patient_and_git(browser, site_with_repo):
    site, repo, page_id = site_with_repo

    # A Site manager creates the nurse's account.
    context, page = log_in(browser, site, "sam")
    page.goto("/admin/users/new/")
    assert page.locator("input[name=is_superuser]").count() == 0
    page.fill("input[name=username]", NEW_NURSE)
    page.fill("input[name=email]", "nadia@clinic.example")
    page.fill("input[name=first_name]", "Nadia")
    page.fill("input[name=last_name]", "Nurse")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("#tab-label-roles")
    page.get_by_label("Nurse editors").check()
    page.locator("form button[type=submit]").last.click()
    assert "nadia" in message(page).lower()
    context.close()

    # The new nurse edits the summary; the review fields are shown, not editable; she sends it.
    context, page = log_in(browser, site, NEW_NURSE)
    page.goto(f"/admin/pages/{page_id}/edit/")
    page.wait_for_selector("#id_summary", timeout=15000)
    for field in ("reviewed_on", "review_due", "reviewed_by"):
        assert page.locator(f"[name={field}]").count() == 0
    assert "Set when a clinical reviewer approves the page" in page.content()
    assert "Your changes save themselves as a draft" in page.content()
    page.fill("#id_summary", SUMMARY)
    footer_action(page, "button[name=action-submit]")
    said = message(page)
    assert "sent for clinical review" in said and "moderation" not in said
    page.goto(f"/admin/pages/{page_id}/edit/")
    assert page.input_value("#id_summary") == SUMMARY  # the draft sent for review holds her edit
    page.goto("/admin/")
    assert "Waiting for clinical review" in page.content()
    shoot(page, "admin-nurse-dashboard")
    page.goto("/admin/guide/")
    assert "What happens after approval" in page.content()
    shoot(page, "admin-nurse-guide")
    context.close()

    # The reviewer approves from the editor.
    context, page = log_in(browser, site, "rita")
    shoot(page, "admin-reviewer-dashboard")
    page.goto(f"/admin/pages/{page_id}/edit/")
    page.wait_for_selector("#id_summary", timeout=15000)
    footer_action(page, "button[data-workflow-action-name=approve][data-workflow-action-modal-url]")
    page.wait_for_selector(".modal textarea[name=comment]", timeout=15000)
    page.fill(".modal textarea[name=comment]", "Checked against the guideline.")
    page.locator(".modal form button[type=submit], .modal form input[type=submit]").first.click()
    said = message(page)
    assert "Approved." in said and "live for patients now" in said
    page.goto("/admin/reports/edits-and-git/")
    assert "Committed, not yet merged (1)" in page.content(), page.inner_text("main")
    shoot(page, "admin-edits-and-git")
    context.close()

    # Patients see it; git has it on cms-edits, by the nurse, with the reviewer named.
    committed = git(repo, "show", "cms-edits:content/treatment/ivig.md")
    public = site.fetch_text("/treatment/ivig/")
    assert "feel stronger" in public, (committed[:600], public[public.find('class="summary"') - 100 :][:400])
    assert git(repo, "rev-list", "--count", "main..cms-edits") == "1"
    assert git(repo, "log", "-1", "--format=%an", "cms-edits") == "Nadia Nurse"
    assert 'Approved by Rita Example: "Checked against the guideline."' in git(
        repo, "log", "-1", "--format=%B", "cms-edits"
    )
    assert "feel stronger" in git(repo, "show", "cms-edits:content/treatment/ivig.md")
    assert (
        git(repo, "status", "--porcelain", "--", "content") == ""
        and git(repo, "symbolic-ref", "HEAD") == "refs/heads/main"
    )
