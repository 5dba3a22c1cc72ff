"""The clinical review task: a Wagtail group approval that also stamps the page's review dates.

Approving publishes the latest revision (Wagtail's default finish action). Before that happens this
task saves one more revision carrying reviewed_on / reviewed_by / review_due, so the published
revision itself holds the stamp: page history shows who approved, and export_content writes the
dates to the file like any other published change.
"""

from __future__ import annotations

import datetime

from django import forms
from django.db import models, transaction
from django.utils.dateparse import parse_date
from wagtail.admin.widgets import AdminDateInput
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask

from .review import DEFAULT_REVIEW_MONTHS, stamp


class ApproveWithReviewDateForm(TaskStateCommentForm):
    review_due = forms.DateField(
        required=False,
        widget=AdminDateInput,
        label="Next review due",
        help_text="Leave empty for the usual interval (12 months from today).",
    )


class ClinicalReviewTask(AbstractGroupApprovalTask):
    review_months = models.PositiveSmallIntegerField(
        default=DEFAULT_REVIEW_MONTHS,
        help_text="When a reviewer approves a page, its next review is due this many months later.",
    )

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields + ["review_months"]

    class Meta:
        verbose_name = "Clinical review task"
        verbose_name_plural = "Clinical review tasks"

    @classmethod
    def get_description(cls):
        return (
            "Members of the chosen groups approve or request changes. Approving publishes the page "
            "and stamps its review dates."
        )

    def get_form_for_action(self, action):
        if action == "approve":
            return ApproveWithReviewDateForm
        return super().get_form_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        review_due = kwargs.pop("review_due", None)
        if action_name == "approve":
            self.stamp_latest_revision(task_state, user, review_due)
        return super().on_action(task_state, user, action_name, **kwargs)

    def stamp_latest_revision(self, task_state, user, review_due) -> None:
        """Save the reviewer's stamp as the newest revision, which the workflow then publishes."""
        if isinstance(review_due, str):  # the editor's "approve while editing" passes JSON strings
            review_due = parse_date(review_due)
        if review_due is not None and not isinstance(review_due, datetime.date):
            review_due = None
        content_object = task_state.workflow_state.content_object
        if not hasattr(content_object, "specific"):
            return  # a snippet (a shared warning list): approval publishes it, there is no date to stamp
        draft = content_object.specific.get_latest_revision_as_object()
        if not hasattr(draft, "review_due"):
            return  # home and section pages carry no review dates
        stamp(draft, user, review_due=review_due, months=self.review_months)
        draft.save_revision(user=user, log_action=True, clean=False)
        # The workflow publishes content_object.get_latest_revision(); its cached copy predates ours.
        content_object.refresh_from_db()
