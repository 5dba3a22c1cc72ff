"""What the sync remembers per page, so it can skip unchanged files and notice CMS edits."""

from django.db import models


class FileSyncState(models.Model):
    """Which file a page or list came from, its hash when last imported, and the revision that made."""

    source_path = models.CharField(max_length=500, help_text="Path of the file under content/.")
    file_sha256 = models.CharField(max_length=64, help_text="Hash of the file last imported.")
    synced_revision_id = models.BigIntegerField(
        null=True, blank=True, help_text="The revision the last sync or export produced."
    )
    synced_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ContentSyncState(FileSyncState):
    content_id = models.SlugField(max_length=100, unique=True)
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="content_sync_state"
    )
    retired = models.BooleanField(default=False, help_text="The file was removed; page unpublished.")

    class Meta:
        verbose_name = "content sync state"

    def __str__(self) -> str:
        return f"{self.content_id} ({self.source_path})"


class WarningListSyncState(FileSyncState):
    """The same memory for a shared warning list (content/warnings/<id>.md)."""

    warning_list = models.OneToOneField(
        "pages.WarningList", on_delete=models.CASCADE, related_name="content_sync_state"
    )

    class Meta:
        verbose_name = "warning list sync state"

    def __str__(self) -> str:
        return self.source_path
