"""Admin: synonyms as a snippet nurses edit, and the 'what readers miss' reports."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymGroup
from .reports import CommentsReport, FeedbackReport, ZeroResultsReport

REPORTS = [
    ("zero-results/", ZeroResultsReport, "site_search_zero_results", "Searches with no results", "search"),
    ("feedback/", FeedbackReport, "site_search_feedback", "Was this page helpful?", "help"),
    ("feedback-comments/", CommentsReport, "site_search_comments", "Feedback comments", "comment"),
]


class SynonymViewSet(SnippetViewSet):
    model = SynonymGroup
    menu_label = "Search synonyms"
    icon = "search"
    list_display = ["__str__", "note"]
    search_fields = ["terms", "note"]


register_snippet(SynonymViewSet)


@hooks.register("register_admin_urls")
def report_urls():
    urls = []
    for prefix, view, name, *_ in REPORTS:
        urls.append(path(f"reports/{prefix}", view.as_view(), name=name))
        urls.append(
            path(f"reports/{prefix}results/", view.as_view(results_only=True), name=f"{name}_results")
        )
    return urls


def _menu_item(label, name, icon, order):
    class EditorsMenuItem(MenuItem):
        def is_shown(self, request):
            from wagtail.permission_policies.pages import PagePermissionPolicy

            return PagePermissionPolicy().user_has_any_permission(request.user, ["add", "change", "publish"])

    return EditorsMenuItem(label, reverse(name), name=name.replace("_", "-"), icon_name=icon, order=order)


for n, (_, _, name, label, icon) in enumerate(REPORTS):
    hooks.register(
        "register_reports_menu_item",
        lambda name=name, label=label, icon=icon, n=n: _menu_item(label, name, icon, 900 + n),
    )
