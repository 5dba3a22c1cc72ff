"""What readers said about a page: Yes/No counts per day, and the optional comments.

Nothing here records who a reader is: the answers are counts per day, and a comment is only the
text the reader chose to type. The tables keep the names they had when this lived in the search app
(``site_search_*``), so moving the models moved no data.
"""

from django.db import models
from django.utils import timezone
from wagtail.models import Page

from cidp_site.core.models import DailyCount


class PageFeedback(DailyCount):
    """How many readers said a page helped (or not) on one day."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    helpful = models.BooleanField()

    class Meta:
        db_table = "site_search_pagefeedback"
        constraints = [
            models.UniqueConstraint(fields=["page", "day", "helpful"], name="site_search_feedback_unique")
        ]
        verbose_name_plural = "page feedback"

    def __str__(self):
        return f"{self.page_id} {self.day} {'yes' if self.helpful else 'no'}: {self.count}"

    @classmethod
    def record(cls, page: Page, helpful: bool, day=None) -> None:
        cls.count_one(day, page=page, helpful=helpful)


class FeedbackComment(models.Model):
    """An optional comment a reader typed after answering Yes or No. Only its text and the day."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(default=timezone.localdate, db_index=True)
    helpful = models.BooleanField()
    comment = models.TextField(max_length=1000)

    class Meta:
        db_table = "site_search_feedbackcomment"
        ordering = ["-day", "-pk"]

    def __str__(self):
        return self.comment[:60]

    @property
    def helpful_label(self) -> str:
        return "Yes" if self.helpful else "No"
