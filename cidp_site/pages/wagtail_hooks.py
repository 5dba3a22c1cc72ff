from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .library import WarningList
from .rich_text import PrefetchedPageLinkHandler


@hooks.register("register_rich_text_features", order=10)  # after Wagtail's own "page" link type
def prefetched_page_links(features):
    features.register_link_type(PrefetchedPageLinkHandler)


class WarningListViewSet(SnippetViewSet):
    """Nurses see and edit shared warning lists; a reviewer's approval publishes them everywhere."""

    model = WarningList
    icon = "warning"
    menu_label = "Warning lists"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["title", "list_id", "level", "live"]
    search_fields = ["title", "list_id"]


register_snippet(WarningListViewSet)
