"""Admin wiring: the "Edits and git" page, in the Reports menu."""

from django.urls import path, reverse
from wagtail import hooks

from cidp_site.core.editors import EditorsMenuItem

from .views import GitStatusView


@hooks.register("register_admin_urls")
def gitsync_urls():
    return [path("reports/edits-and-git/", GitStatusView.as_view(), name="gitsync_status")]


@hooks.register("register_reports_menu_item")
def git_status_menu_item():
    return EditorsMenuItem(
        "Edits and git", reverse("gitsync_status"), name="edits-and-git", icon_name="history", order=60
    )
