"""Plain descriptions of both sides of a conflict, so whoever runs the sync can decide."""

from __future__ import annotations

from django.utils import timezone
from wagtail.models import Revision


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M %Z")


def _who(user) -> str:
    if user is None:
        return "an unknown user"
    return user.get_full_name() or user.get_username()


def file_side(path: str, old_sha: str, new_sha: str) -> str:
    return f"file {path} changed since the last sync (sha256 {old_sha[:12] or 'none'} -> {new_sha[:12]})"


def cms_side(page, synced_revision_id: int | None) -> str:
    """What happened to the page in the CMS since the revision the last sync or export produced."""
    newer = Revision.page_revisions.filter(object_id=str(page.pk))
    if synced_revision_id is not None:
        newer = newer.filter(pk__gt=synced_revision_id)
    newer = newer.select_related("user").order_by("-created_at", "-pk")
    latest = newer.first()
    parts = []
    if latest is not None:
        status = "published" if latest.pk == page.live_revision_id else "draft, not published"
        parts.append(
            f"CMS revision {latest.pk} ({status}) saved by {_who(latest.user)} at {_when(latest.created_at)}"
            f"; {newer.count()} CMS revision(s) since the last sync (revision {synced_revision_id})"
        )
    state = page.specific_deferred.current_workflow_state
    if state is not None:
        parts.append(
            f"in workflow '{state.workflow.name}' ({state.get_status_display().lower()}), "
            f"submitted by {_who(state.requested_by)} at {_when(state.created_at)}"
        )
    return "; ".join(parts) or "no CMS revision since the last sync"
