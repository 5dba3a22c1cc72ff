"""What a CMS change means for the files: the page's markdown exactly as export_content writes it.

The text comes from the export's own renderer (content_sync.serialise.render_file) and is proved to
map back to the page's values, as export_content proves before it writes. Unchanged parts are
copied from the file as the branch holds it, so each commit's diff shows only the nurse's change.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path, PurePosixPath

from django.conf import settings

from cidp_site.content_sync import compare
from cidp_site.content_sync.apply import SyncError, load
from cidp_site.content_sync.export import KIND_OF, _Ids
from cidp_site.content_sync.mapping import MappingError, page_fields
from cidp_site.content_sync.models import ContentSyncState
from cidp_site.content_sync.parse import ParsedFile, folder_of, parse_bytes
from cidp_site.content_sync.serialise import render_file
from cidp_site.content_sync.validate import validate

from . import git


class ChangeProblem(Exception):
    """The change cannot be written as a file yet; the message says why and what to do."""


def repo_dir() -> str:
    return str(getattr(settings, "CONTENT_GIT_DIR", "") or "")


def content_prefix() -> str:
    """Where content/ sits inside the repository (``content`` unless CONTENT_DIR says otherwise)."""
    try:
        rel = os.path.relpath(Path(settings.CONTENT_DIR).resolve(), Path(repo_dir()).resolve())
    except ValueError:
        return "content"
    return "content" if rel.startswith("..") else PurePosixPath(*Path(rel).parts).as_posix()


def in_repo(rel: str) -> str:
    return f"{content_prefix()}/{rel}" if content_prefix() not in ("", ".") else rel


def state_of(page) -> ContentSyncState:
    state = ContentSyncState.objects.filter(page_id=page.pk).first()
    if state is None:
        raise ChangeProblem(
            f"page '{page.title}' has no file in content/ yet; a developer adds the file "
            "(export cannot create new pages), then retry"
        )
    return state


def rel_for(page, parent=None) -> str:
    """The file a page has at its current place in the CMS tree (a moved page's new path)."""
    state = state_of(page)
    if KIND_OF.get(type(page.specific)) == "home" or page.depth <= 2:
        return state.source_path
    parent = parent or page.get_parent()
    base = folder_of(rel_for(parent.specific))
    name = PurePosixPath(state.source_path)
    leaf = f"{name.parent.name}/_index.md" if name.name == "_index.md" else name.name
    return f"{base}/{leaf}" if base else leaf


def current_bytes(commitish: str, rel: str, state: ContentSyncState) -> bytes | None:
    """The file as the branch holds it, else as the site's content/ holds it."""
    found = git.read_file(repo_dir(), commitish, in_repo(rel))
    if found is not None:
        return found
    disk = Path(settings.CONTENT_DIR) / state.source_path
    return disk.read_bytes() if disk.exists() else None


def page_text(page, rel: str, existing_raw: bytes | None) -> str:
    """The page's markdown as export_content writes it, checked to give back the page's values."""
    page = page.specific
    kind = KIND_OF.get(type(page))
    if kind is None:
        raise ChangeProblem(f"page '{page.title}' is not a content page")
    ids = _Ids(list(ContentSyncState.objects.all()))
    root, limit = Path(settings.CONTENT_DIR), settings.CONTENT_MAX_FILE_BYTES
    try:
        files = load(root)  # export_content works only on content that passes the check, and so do we
        existing = parse_bytes(existing_raw, root / rel, rel, limit) if existing_raw is not None else None
        if existing is not None:
            _checked(existing, files)
        existing_fields = page_fields(existing, ids.resolve) if existing is not None else None
        text = render_file(page, kind, existing, existing_fields, ids.content_id_of)
        new = _checked(parse_bytes(text.encode("utf-8"), root / rel, rel, limit), files)
        differ = compare.differences(page, page_fields(new, ids.resolve))
    except SyncError as exc:
        raise ChangeProblem("; ".join(str(p) for p in exc.problems)) from exc
    except (MappingError, KeyError) as exc:
        raise ChangeProblem(f"cannot write page '{page.title}' as a file: {exc}") from exc
    if differ:
        raise ChangeProblem(f"the file would not give back the same {', '.join(differ)} (please report this)")
    return text


def _checked(parsed: ParsedFile, files: list[ParsedFile]) -> ParsedFile:
    """Validate one file among all the others, as sync_content and export_content would."""
    merged = [parsed if other.rel == parsed.rel else other for other in files]
    if parsed.rel not in {other.rel for other in files}:
        merged.append(parsed)
    validate(merged, Path(settings.BASE_DIR) / "static" / "content-images")
    if parsed.problems:
        raise SyncError(parsed.problems)
    return parsed


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
