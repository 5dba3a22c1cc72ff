"""The apply layer for what pages share: the bibliography and the warning lists.

Sources are written by git only, so the rows simply follow content/sources.yaml. Warning lists can
also be edited in the CMS (through the Clinical review workflow), so, like pages, a list changed on
both sides since the last sync is a conflict that neither side overwrites.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from cidp_site.pages.library import Source, WarningList

from .mapping import MappingError
from .models import WarningListSyncState
from .parse import ParsedFile, Problem
from .warning_lists import list_fields


@dataclass
class ListAction:
    verb: str  # create, update, unchanged, keep-cms, conflict
    list_id: str
    parsed: ParsedFile
    state: WarningListSyncState | None = None

    def __str__(self) -> str:
        return f"{self.verb:<10} warning list {self.list_id} ({self.parsed.rel_for_humans})"


def _source_rows_differ(bib) -> bool:
    rows = {s.source_id: s for s in Source.objects.all()}
    if set(rows) != set(bib.entries):
        return True
    for cid, entry in bib.entries.items():
        row = rows[cid]
        if any(getattr(row, key) != value for key, value in entry.values.items()):
            return True
    return False


def plan_library(plan, prefer: str | None) -> None:
    library = plan.library
    plan.sources_changed = _source_rows_differ(library.sources)
    states = {s.warning_list.list_id: s for s in WarningListSyncState.objects.select_related("warning_list")}
    for list_id, parsed in sorted(library.warnings.files.items()):
        state = states.get(list_id)
        action = ListAction("create", list_id, parsed, state)
        plan.list_actions.append(action)
        if state is None:
            if WarningList.objects.filter(list_id=list_id).exists():
                action.verb = "update"  # made in the CMS first: the file now takes it over
            continue
        warning_list = state.warning_list
        file_changed = state.file_sha256 != parsed.sha256
        cms_changed = warning_list.latest_revision_id != state.synced_revision_id
        if file_changed and cms_changed:
            if prefer == "file":
                action.verb = "update"
            elif prefer == "cms":
                action.verb = "keep-cms"
            else:
                action.verb = "conflict"
                plan.problems.append(
                    Problem(
                        parsed.rel_for_humans,
                        1,
                        f"warning list '{list_id}' was changed both in this file and in the CMS since "
                        "the last sync. Nothing was changed. Either export_content --prefer-cms, or "
                        "sync_content --prefer-file.",
                    )
                )
        else:
            action.verb = "update" if file_changed else "unchanged"


class ListPks(dict):
    """Every list's pk by id, for pages that include them; read on first use only."""

    loaded = False

    def __missing__(self, list_id: str) -> int:
        if not self.loaded:
            self.loaded = True
            self.update(WarningList.objects.values_list("list_id", "pk"))
            if list_id in self:
                return self[list_id]
        raise MappingError(1, f"warning list '{list_id}' is not in the site")


def write_library(plan, sync_user) -> ListPks:
    """Write sources and lists; returns the lists' pks by id, for pages that include them."""
    if plan.sources_changed:
        _write_sources(plan.library.sources)
    user = None
    for action in plan.list_actions:
        if action.verb not in ("create", "update"):
            continue
        user = user or sync_user()
        _write_list(action, user)
    return ListPks()


def _write_sources(bib) -> None:
    Source.objects.exclude(source_id__in=list(bib.entries)).delete()
    for cid, entry in bib.entries.items():
        Source.objects.update_or_create(source_id=cid, defaults=entry.values)
    from cidp_site.pagecache.signals import invalidate

    invalidate()  # every page citing a changed source shows it differently now


def _write_list(action: ListAction, user) -> None:
    from .apply import SyncError, _pk_for_content_id

    parsed = action.parsed
    try:
        fields = list_fields(parsed, _pk_for_content_id)
    except MappingError as exc:
        raise SyncError([Problem(parsed.rel_for_humans, exc.line, str(exc))]) from exc
    warning_list = WarningList.objects.filter(list_id=action.list_id).first()
    if warning_list is None:
        warning_list = WarningList(**fields, live=False)
        warning_list.save()
    else:
        warning_list = warning_list.get_latest_revision_as_object()
        for name, value in fields.items():
            setattr(warning_list, name, value)
    with transaction.atomic():
        revision = warning_list.save_revision(user=user, log_action=True)
        revision.publish(user=user, log_action=True, skip_permission_checks=True)
    WarningListSyncState.objects.update_or_create(
        warning_list=warning_list,
        defaults={
            "source_path": parsed.rel,
            "file_sha256": parsed.sha256,
            "synced_revision_id": revision.pk,
        },
    )
