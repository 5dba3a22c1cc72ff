from wagtail import hooks

from .rich_text import PrefetchedPageLinkHandler


@hooks.register("register_rich_text_features", order=10)  # after Wagtail's own "page" link type
def prefetched_page_links(features):
    features.register_link_type(PrefetchedPageLinkHandler)
