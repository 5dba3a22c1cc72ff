"""Admin reports for nurses: what readers said about each page, and their comments."""

from django.db.models import Count, Sum
from wagtail.admin.ui.tables import Column
from wagtail.models import Page

from cidp_site.core.editors import EditorReport

from .models import FeedbackComment, PageFeedback


class FeedbackReport(EditorReport):
    page_title = "Was this page helpful?"
    header_icon = "help"
    url_name = "feedback_report"
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
    url_name = "feedback_comments"
    list_export = ["day", "page.title", "helpful", "comment"]
    columns = [
        Column("day", label="Day"),
        Column("page", label="Page"),
        Column("helpful", label="Helpful?", accessor="helpful_label"),
        Column("comment", label="Comment"),
    ]

    def get_queryset(self):
        return FeedbackComment.objects.select_related("page").order_by("-day", "-pk")
