"""Admin reports for nurses: searches that found nothing, and what readers said about each page."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Sum
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from cidp_site.core.exports import SafeCSVMixin

from .models import FeedbackComment, PageFeedback, ZeroResultQuery


class EditorReport(SafeCSVMixin, ReportView):
    """Readable by anyone who may edit pages."""

    def dispatch(self, request, *args, **kwargs):
        if not PagePermissionPolicy().user_has_any_permission(request.user, ["add", "change", "publish"]):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ZeroResultsReport(EditorReport):
    page_title = "Searches with no results"
    header_icon = "search"
    index_url_name = "site_search_zero_results"
    index_results_url_name = "site_search_zero_results_results"
    list_export = ["query", "total", "days", "last_seen"]
    export_headings = {"query": "Search", "total": "Times", "days": "Days", "last_seen": "Last seen"}
    columns = [
        Column("query", label="What readers searched for"),
        Column("total", label="Times"),
        Column("days", label="On how many days"),
        Column("last_seen", label="Last seen"),
    ]

    def get_queryset(self):
        return (
            ZeroResultQuery.objects.values("query")
            .annotate(total=Sum("count"), days=Count("day"), last_seen=Max("day"))
            .order_by("-total", "-last_seen", "query")
        )


class FeedbackReport(EditorReport):
    page_title = "Was this page helpful?"
    header_icon = "help"
    index_url_name = "site_search_feedback"
    index_results_url_name = "site_search_feedback_results"
    list_export = ["title", "yes", "no", "comments"]
    columns = [
        Column("title", label="Page"),
        Column("yes", label="Yes"),
        Column("no", label="No"),
        Column("comments", label="Comments"),
    ]

    def get_queryset(self):
        return self._rows()

    def _rows(self):
        yes = dict(PageFeedback.objects.filter(helpful=True).values_list("page_id").annotate(n=Sum("count")))
        no = dict(PageFeedback.objects.filter(helpful=False).values_list("page_id").annotate(n=Sum("count")))
        comments = dict(FeedbackComment.objects.values_list("page_id").annotate(n=Count("pk")))
        ids = set(yes) | set(no) | set(comments)
        titles = dict(Page.objects.filter(pk__in=ids).values_list("pk", "title"))
        rows = [
            {
                "title": titles.get(pk, "(deleted page)"),
                "yes": yes.get(pk, 0),
                "no": no.get(pk, 0),
                "comments": comments.get(pk, 0),
            }
            for pk in ids
        ]
        # Most answers first; pages readers found unhelpful rise to the top among equals.
        return sorted(rows, key=lambda r: (-(r["yes"] + r["no"] + r["comments"]), -r["no"], r["title"]))


class CommentsReport(EditorReport):
    page_title = "Feedback comments"
    header_icon = "comment"
    index_url_name = "site_search_comments"
    index_results_url_name = "site_search_comments_results"
    list_export = ["day", "page.title", "helpful", "comment"]
    columns = [
        Column("day", label="Day"),
        Column("page", label="Page"),
        Column("helpful", label="Helpful?", accessor="helpful_label"),
        Column("comment", label="Comment"),
    ]

    def get_queryset(self):
        return FeedbackComment.objects.select_related("page").order_by("-day", "-pk")
