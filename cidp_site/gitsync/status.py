"""Where each CMS change stands: waiting to reach git, committed but not merged, or in git.

"In git" means a sync of the site's merged main now holds what was committed: the sync state's file
hash is the committed file's (publish), the file is gone (unpublish) or at its new path (move).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cidp_site.content_sync.models import ContentSyncState

from .models import GitChange

RECENT = 50


@dataclass
class Board:
    waiting: list[GitChange] = field(default_factory=list)
    committed: list[GitChange] = field(default_factory=list)
    in_git: list[GitChange] = field(default_factory=list)


def _matches(change: GitChange, state: ContentSyncState | None) -> bool:
    if state is None:
        return False
    if change.kind == GitChange.PUBLISH:
        return bool(change.file_sha256) and state.file_sha256 == change.file_sha256
    if change.kind == GitChange.UNPUBLISH:
        return state.retired
    return state.source_path == change.path


def board() -> Board:
    result = Board(waiting=list(GitChange.objects.filter(status=GitChange.WAITING).select_related("author")))
    done = GitChange.objects.filter(status=GitChange.COMMITTED).exclude(commit="").select_related("author")
    done = list(done[:RECENT])
    states = {s.page_id: s for s in ContentSyncState.objects.filter(page_id__in=[c.page_id for c in done])}
    merged_pages = set()
    for change in done:  # newest first: once a page's newer change is in git, its older ones are too
        if change.page_id in merged_pages or _matches(change, states.get(change.page_id)):
            merged_pages.add(change.page_id)
            result.in_git.append(change)
        else:
            result.committed.append(change)
    return result
