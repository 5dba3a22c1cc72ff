"""Admin: synonyms as a snippet nurses edit, and the 'searches with no results' report."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cidp_site.core.editors import register_report_menu, report_urls

from .models import SynonymGroup
from .reports import ZeroResultsReport

REPORTS = [("zero-results/", ZeroResultsReport)]


class SynonymViewSet(SnippetViewSet):
    model = SynonymGroup
    menu_label = "Search synonyms"
    icon = "search"
    list_display = ["__str__", "note"]
    search_fields = ["terms", "note"]


register_snippet(SynonymViewSet)
hooks.register("register_admin_urls", lambda: report_urls(REPORTS))
register_report_menu(hooks, REPORTS, first_order=900)
