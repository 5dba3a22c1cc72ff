"""A dashboard a nurse can work from: her drafts, what waits for review, and what readers told us.

Each panel lists a few items, each linking to where it is acted on (the editor or a report), and
says plainly when there is nothing to do, so an empty panel still tells the nurse something.
"""

from __future__ import annotations

import datetime

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from cidp_site.core.editors import is_editor
from cidp_site.feedback.models import FeedbackComment, PageFeedback
from cidp_site.search.models import ZeroResultQuery

LIMIT = 8
READER_DAYS = 90


def _in_review():
    return WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS, base_content_type__model="page"
    ).select_related("requested_by")


def _edit(page_id) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def _reader_since() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=READER_DAYS)


def _most_counted(model, *fields: str, **filters) -> list[dict]:
    """The LIMIT most counted rows of a daily count (``fields`` and ``total``) in the reader window,
    ties by the last of ``fields``."""
    rows = model.objects.filter(day__gte=_reader_since(), **filters).values(*fields)
    return list(rows.annotate(total=Sum("count")).order_by("-total", fields[-1])[:LIMIT])


class ListPanel(Component):
    template_name = "workflow/dashboard_panel.html"
    heading = ""
    intro = ""
    empty = ""
    more_label = ""
    more_url_name = ""

    def __init__(self, user):
        self.user = user

    def items(self) -> list[dict]:
        raise NotImplementedError

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(
            panel_id=self.name,
            heading=self.heading,
            intro=self.intro,
            empty=self.empty,
            items=self.items() if is_editor(self.user) else [],
            more_label=self.more_label,
            more_url=reverse(self.more_url_name) if self.more_url_name else "",
        )
        return context

    def render_html(self, parent_context=None):
        return super().render_html(parent_context) if is_editor(self.user) else ""


class MyDraftsPanel(ListPanel):
    name = "my-drafts"
    order = 60
    heading = "My drafts"
    intro = "Pages you changed that patients do not see yet. Open one and send it for clinical review."
    empty = "You have no unsent drafts."

    def items(self):
        waiting = {int(pk) for pk in _in_review().values_list("object_id", flat=True) if pk.isdigit()}
        pages = (
            Page.objects.filter(has_unpublished_changes=True, latest_revision__user=self.user)
            .exclude(pk__in=waiting)
            .order_by("-latest_revision_created_at")[:LIMIT]
        )
        return [
            {
                "title": page.title,
                "url": _edit(page.pk),
                "detail": f"saved {timezone.localtime(page.latest_revision_created_at):%-d %b, %H:%M}",
            }
            for page in pages
        ]


class WaitingForReviewPanel(ListPanel):
    name = "waiting-for-review"
    order = 70
    heading = "Waiting for clinical review"
    intro = "Pages sent for review. A clinical reviewer approves them (they go live) or asks for changes."
    empty = "No page is waiting for clinical review."

    def items(self):
        states = list(_in_review().order_by("created_at")[:LIMIT])
        titles = dict(
            Page.objects.filter(pk__in=[int(s.object_id) for s in states]).values_list("pk", "title")
        )
        return [
            {
                "title": titles.get(int(state.object_id), "(deleted page)"),
                "url": _edit(state.object_id),
                "detail": (
                    f"sent by {state.requested_by.get_full_name() or state.requested_by.get_username()} "
                    if state.requested_by
                    else "sent "
                )
                + f"on {timezone.localtime(state.created_at):%-d %b}",
            }
            for state in states
        ]


class NotFoundPanel(ListPanel):
    name = "searches-not-found"
    order = 95
    heading = "What readers searched for and did not find"
    intro = (
        f"Searches in the last {READER_DAYS} days whose words no page uses: they found nothing, or "
        "only answers close in meaning. A missing word may need a synonym or a new question."
    )
    empty = "Every search found something."
    more_label = "All searches whose words no page uses"
    more_url_name = "search_zero_results"

    def items(self):
        rows = _most_counted(ZeroResultQuery, "query")
        url = reverse("search_zero_results")
        return [{"title": row["query"], "url": url, "detail": f"{row['total']} time(s)"} for row in rows]


class UnhelpfulPanel(ListPanel):
    name = "unhelpful-pages"
    order = 96
    heading = "Pages readers marked unhelpful"
    intro = (
        f'Pages readers answered No to "Was this page helpful?" in the last {READER_DAYS} days, '
        "with what they wrote."
    )
    empty = "No reader said a page was unhelpful."
    more_label = "All feedback comments"
    more_url_name = "feedback_comments"

    def items(self):
        since = _reader_since()
        items = []
        for row in _most_counted(PageFeedback, "page_id", "page__title", helpful=False):
            comments = FeedbackComment.objects.filter(page_id=row["page_id"], helpful=False, day__gte=since)
            items.append(
                {
                    "title": row["page__title"],
                    "url": _edit(row["page_id"]),
                    "detail": f"{row['total']} No",
                    "quotes": [c.comment for c in comments[:3]],
                }
            )
        return items
