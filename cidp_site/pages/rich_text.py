"""The "page" rich-text link type, reading the pages a page prefetched (see link_prefetch.py)."""

from django.utils.html import escape
from wagtail.rich_text.pages import PageLinkHandler

from .link_prefetch import prefetched


class PrefetchedPageLinkHandler(PageLinkHandler):
    """Wagtail's page link handler, reading pages fetched for this request when there are any."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        pages = prefetched()
        ids = [str(attrs.get("id", "")) for attrs in attrs_list]
        if pages is None or not all(i.isdigit() and int(i) in pages for i in ids):
            return super().expand_db_attributes_many(attrs_list)
        return [f'<a href="{escape(pages[int(i)].url)}">' for i in ids]
