"""export_content: write published CMS edits back to their files in content/.

The counterpart of the sync: a page whose live revision is not the one the last sync or export
produced gets its file rewritten (unchanged parts verbatim), and its ContentSyncState records the
new file hash and that revision, so the next sync_content sees nothing to do. Before any file is
written, every new file is parsed, validated and mapped again and must give back exactly the page's
values; otherwise nothing is written. A file that changed in git since the last sync is never
overwritten unless --prefer-cms says so.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from wagtail.models import Page

from . import compare
from .apply import PAGE_CLASSES, Step, SyncError, load
from .describe import cms_side, file_side
from .mapping import MappingError, page_fields
from .models import ContentSyncState
from .parse import ParsedFile, Problem, folder_of, parse_bytes
from .serialise import render_file
from .validate import validate

KIND_OF = {cls: kind for kind, cls in PAGE_CLASSES.items()}


@dataclass
class ExportItem(Step):
    """verb: write, same, up-to-date, not-live, conflict."""

    text: str = ""
    state: ContentSyncState | None = None
    revision_id: int | None = None


@dataclass
class ExportPlan:
    root: Path
    items: list[ExportItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def counts(self) -> Counter:
        return Counter(item.verb for item in self.items)

    @property
    def pending(self) -> list[ExportItem]:
        """Pages with published CMS edits that are not in their files yet."""
        return [i for i in self.items if i.verb in ("write", "same", "conflict")]


class _Ids:
    """content id <-> page pk, for page links and related pages."""

    def __init__(self, states):
        self.pk_of = {s.content_id: s.page_id for s in states}
        self.cid_of = {s.page_id: s.content_id for s in states}

    def resolve(self, cid: str) -> int:
        return self.pk_of[cid]

    def content_id_of(self, pk: int) -> str:
        if pk not in self.cid_of:
            page = Page.objects.filter(pk=pk).first()
            title = f"'{page.title}' " if page else ""
            raise MappingError(1, f"it links to page {title}(id {pk}), which has no file in content/")
        return self.cid_of[pk]


def make_export_plan(
    content_root: Path | None = None, prefer_cms: bool = False, everything: bool = False
) -> ExportPlan:
    """Work out every file export would write, and prove each one round-trips. Writes nothing."""
    root = Path(content_root or settings.CONTENT_DIR)
    files = load(root)  # refuses to work on a content folder that does not pass the check
    by_rel = {parsed.rel: parsed for parsed in files}
    states = list(ContentSyncState.objects.select_related("page").order_by("source_path"))
    ids = _Ids(states)
    plan = ExportPlan(root)
    replaced: dict[str, ParsedFile] = {}
    for state in states:
        if state.retired:
            continue
        page = state.page.specific
        path = f"content/{state.source_path}"
        item = ExportItem(
            "up-to-date", state.content_id, path, state=state, revision_id=page.live_revision_id
        )
        plan.items.append(item)
        if not page.live or page.live_revision_id is None:
            item.verb, item.detail = "not-live", "unpublished in the CMS; only live pages are exported"
            continue
        if page.live_revision_id == state.synced_revision_id and not everything:
            continue
        existing = by_rel.get(state.source_path)
        changed = existing is None or existing.sha256 != state.file_sha256
        if changed and not prefer_cms:
            now = "is gone" if existing is None else "changed"
            side = f"file {path} {now} since the last sync" if existing is None else None
            side = side or file_side(path, state.file_sha256, existing.sha256)
            item.verb = "conflict"
            item.detail = (
                f"page '{state.content_id}' was changed on both sides: {side}; "
                f"{cms_side(page, state.synced_revision_id)}. Nothing was written. Either "
                "export_content --prefer-cms (the CMS version replaces the file; check git diff), "
                "or sync_content --prefer-file (the file replaces the CMS version)."
            )
            plan.problems.append(Problem(path, 1, item.detail))
            continue
        try:
            _check_place(page, state, states)
            existing_fields = page_fields(existing, ids.resolve) if existing is not None else None
            item.text = render_file(page, KIND_OF[type(page)], existing, existing_fields, ids.content_id_of)
        except (MappingError, KeyError) as exc:
            plan.problems.append(Problem(path, 1, f"cannot export page '{state.content_id}': {exc}"))
            continue
        if existing is not None and item.text == existing.text:
            item.verb, item.detail = "same", "the file already says this; only the sync state is updated"
        else:
            item.verb = "write"
        new = parse_bytes(
            item.text.encode("utf-8"),
            root / state.source_path,
            state.source_path,
            settings.CONTENT_MAX_FILE_BYTES,
        )
        replaced[state.source_path] = new
    _prove_round_trip(plan, files, replaced, ids)
    _plan_lists(plan, files.library, ids, prefer_cms, everything)
    return plan


def _plan_lists(plan: ExportPlan, library, ids: _Ids, prefer_cms: bool, everything: bool) -> None:
    """Published warning-list edits back to content/warnings/<id>.md, proven to map back first."""
    from cidp_site.core import citations
    from cidp_site.pages.library import WarningList

    from .models import WarningListSyncState
    from .warning_lists import FOLDER, list_fields, render_list, validate_list

    for warning_list in WarningList.objects.order_by("list_id"):
        state = WarningListSyncState.objects.filter(warning_list=warning_list).first()
        rel = state.source_path if state else f"{FOLDER}/{warning_list.list_id}.md"
        path = f"content/{rel}"
        if state is None:
            state = WarningListSyncState(warning_list=warning_list, source_path=rel, file_sha256="")
        item = ExportItem(
            "up-to-date", f"warnings/{warning_list.list_id}", path, state=state,
            revision_id=warning_list.live_revision_id,
        )  # fmt: skip
        if not warning_list.live or warning_list.live_revision_id is None:
            continue  # a list never published has nothing a reader saw
        if warning_list.live_revision_id == state.synced_revision_id and not everything:
            continue  # up to date: not listed, so the page counts read as before
        plan.items.append(item)
        existing = library.warnings.files.get(warning_list.list_id)
        if existing is not None and existing.sha256 != state.file_sha256 and state.pk and not prefer_cms:
            item.verb = "conflict"
            item.detail = (
                f"warning list '{warning_list.list_id}' was changed both in {path} and in the CMS. "
                "Nothing was written. Either export_content --prefer-cms or sync_content --prefer-file."
            )
            plan.problems.append(Problem(path, 1, item.detail))
            continue
        try:
            item.text = render_list(warning_list, existing, ids.content_id_of)
        except (MappingError, KeyError) as exc:
            plan.problems.append(Problem(path, 1, f"cannot export warning list: {exc}"))
            continue
        item.verb = "same" if existing is not None and item.text == existing.text else "write"
        new = parse_bytes(item.text.encode("utf-8"), plan.root / rel, rel, settings.CONTENT_MAX_FILE_BYTES)
        if not new.problems:
            validate_list(new)
        for cid in citations.cited_ids(new.intro):
            if cid not in library.sources.entries:
                new.problem(1, f"unknown source '[@{cid}]': add it to content/sources.yaml")
        plan.problems.extend(new.problems)
        if new.problems:
            continue
        mapped = list_fields(new, ids.resolve)
        if (
            mapped["list_id"] != warning_list.list_id
            or mapped["level"] != warning_list.level
            or mapped["title"] != " ".join(warning_list.title.split())
            or compare.html(mapped["text"]) != compare.html(warning_list.text)
        ):
            plan.problems.append(
                Problem(path, 1, "the exported list would not give back the same list; nothing was written")
            )


def _check_place(page, state, states) -> None:
    """A page moved to another section in the CMS needs its file moved by hand first."""
    if KIND_OF[type(page)] == "home":
        return
    folder = folder_of(state.source_path)
    file_parent = folder_of(folder) if state.source_path.endswith("_index.md") else folder
    parent = page.get_parent()
    parent_state = next((s for s in states if s.page_id == parent.pk), None)
    if parent_state is None:
        raise MappingError(1, f"its parent '{parent.title}' has no file in content/")
    if folder_of(parent_state.source_path) != file_parent:
        raise MappingError(
            1,
            f"it was moved in the CMS under '{parent.title}'; move the file into "
            f"content/{folder_of(parent_state.source_path)} with git mv, run sync_content, then export again",
        )


def _prove_round_trip(plan: ExportPlan, files, replaced: dict[str, ParsedFile], ids: _Ids) -> None:
    """Check the new files as sync_content would, and that they map back to the page values."""
    if not replaced:
        return
    merged = [replaced.get(parsed.rel, parsed) for parsed in files]
    merged += [new for rel, new in replaced.items() if rel not in {p.rel for p in files}]
    validate(merged, Path(settings.BASE_DIR) / "static" / "content-images", getattr(files, "library", None))
    items = {item.state.source_path: item for item in plan.items if item.state is not None}
    for parsed in merged:  # the files on disk passed the check, so any problem is the export's
        plan.problems.extend(parsed.problems)
    for rel, new in replaced.items():
        if new.problems:
            continue
        page = items[rel].state.page.specific
        try:
            differ = compare.differences(page, page_fields(new, ids.resolve))
        except (MappingError, KeyError) as exc:
            plan.problems.append(Problem(f"content/{rel}", 1, f"the exported file does not map back: {exc}"))
            continue
        if differ:
            plan.problems.append(
                Problem(
                    f"content/{rel}",
                    1,
                    f"the exported file would not give back the same {', '.join(differ)}; "
                    "nothing was written (please report this)",
                )
            )


def apply_export(plan: ExportPlan) -> Counter:
    """Write the files, then record their hashes and revisions. All or nothing on problems."""
    if plan.problems:
        raise SyncError(plan.problems)
    with transaction.atomic():
        for item in plan.items:
            if item.verb not in ("write", "same"):
                continue
            path = plan.root / item.state.source_path
            raw = item.text.encode("utf-8")
            if item.verb == "write":
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(f".{path.name}.export-tmp")
                tmp.write_bytes(raw)
                os.replace(tmp, path)
            item.state.file_sha256 = hashlib.sha256(raw).hexdigest()
            item.state.synced_revision_id = item.revision_id
            if item.state.pk is None:  # a list made in the CMS gets its first file
                item.state.save()
            else:
                item.state.save(update_fields=["file_sha256", "synced_revision_id", "synced_at"])
    return plan.counts()
