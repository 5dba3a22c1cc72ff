"""Admin report and dashboard panel: pages whose clinical review is overdue or due soon."""

from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.admin.views.reports import PageReportView

from cidp_site.core.editors import EDITOR_ACTIONS, is_editor
from cidp_site.core.exports import SafeCSVMixin

from .review import DUE_SOON_DAYS, due_pages


def _annotate(pages):
    today = timezone.localdate()
    for page in pages:
        page.days_left = (page.review_due - today).days
        page.is_overdue = page.days_left < 0
    return pages


class ReviewDueReportView(SafeCSVMixin, PageReportView):
    page_title = "Reviews due"
    header_icon = "date"
    index_url_name = "review_due_report"
    index_results_url_name = "review_due_report_results"
    results_template_name = "workflow/review_due_results.html"
    list_export = ["title", "review_due", "reviewed_on", "reviewed_by", "url"]
    export_headings = {
        "review_due": "Review due",
        "reviewed_on": "Last reviewed",
        "reviewed_by": "Reviewed by",
        "url": "Address",
    }
    any_permission_required = EDITOR_ACTIONS

    def get_queryset(self):
        return due_pages()

    def decorate_paginated_queryset(self, object_list):
        return _annotate(list(object_list))

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["due_soon_days"] = DUE_SOON_DAYS
        return context


class ReviewDuePanel(Component):
    """Dashboard panel for anyone who can edit pages; says so when nothing is due."""

    name = "review_due"
    template_name = "workflow/review_due_panel.html"
    order = 90  # above Wagtail's own panels: an overdue medical page is the most urgent thing

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        can_edit = is_editor(self.user)
        pages = _annotate(list(due_pages()[:10])) if can_edit else []
        context.update(pages=pages, due_soon_days=DUE_SOON_DAYS, can_edit=can_edit)
        return context
