"""One row per CMS change that must reach git: what it was, and how far it got."""

from django.conf import settings
from django.db import models


class GitChange(models.Model):
    PUBLISH, UNPUBLISH, MOVE = "publish", "unpublish", "move"
    KINDS = [(PUBLISH, "Published"), (UNPUBLISH, "Unpublished"), (MOVE, "Moved")]
    WAITING, COMMITTED = "waiting", "committed"
    STATUSES = [(WAITING, "Waiting to reach git"), (COMMITTED, "Committed")]

    page = models.ForeignKey("wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(max_length=255)
    kind = models.CharField(max_length=20, choices=KINDS)
    path = models.CharField(max_length=500, help_text="The file in the repository after the change.")
    old_path = models.CharField(max_length=500, blank=True, help_text="Where a moved file was.")
    revision_id = models.BigIntegerField(null=True, blank=True, help_text="The published revision.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer = models.CharField(max_length=255, blank=True)
    comment = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=STATUSES, default=WAITING)
    error = models.TextField(blank=True, help_text="Why the last attempt did not reach git.")
    pushed = models.BooleanField(default=False)
    commit = models.CharField(max_length=64, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True, help_text="Hash of the committed file.")
    created_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "CMS change for git"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.title} ({self.path})"
