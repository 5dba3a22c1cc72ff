"""The nurses' guide inside the admin: how to edit, and what happens after approval, in one page."""

from cidp_site.core.editors import AdminPageView
from cidp_site.pages.readability import PAGE_MAX_GRADE, SUMMARY_MAX_GRADE

from .review import DEFAULT_REVIEW_MONTHS


class GuideView(AdminPageView):
    page_title = "Guide for nurses"
    header_icon = "help"
    template_name = "workflow/guide.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_max=PAGE_MAX_GRADE, summary_max=SUMMARY_MAX_GRADE, review_months=DEFAULT_REVIEW_MONTHS
        )
        return context
