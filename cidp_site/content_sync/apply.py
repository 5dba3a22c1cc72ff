"""Layer 4: plan what a sync would do, then apply the plan in one transaction.

Pages are always updated in place (same primary key, so revisions, links and redirects survive);
a removed file only unpublishes its page. Unchanged files are skipped without a single write.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.actions.move_page import MovePageAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Page, Site

from cidp_site.links.connect.sync import record as record_diagnosis_codes
from cidp_site.pages.models import FAQPage, HomePage, SectionPage

from .describe import cms_side, file_side
from .mapping import MappingError, page_fields
from .models import ContentSyncState
from .parse import ParsedFile, Problem, parse_file
from .shared_sync import plan_library, write_library
from .short_codes import record as record_short_codes
from .short_codes import reuse_problems as short_code_reuse
from .sources import Bibliography, load_sources
from .validate import slug_of, validate
from .warning_lists import FOLDER as WARNINGS_FOLDER
from .warning_lists import WarningLibrary, load_warnings

PAGE_CLASSES = {"home": HomePage, "section": SectionPage, "faq": FAQPage}
PREFER_CHOICES = ("file", "cms")


class SyncError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Step:
    """One line of a sync or export plan, as the commands print it."""

    verb: str
    content_id: str
    path: str
    detail: str = ""

    def __str__(self) -> str:
        text = f"{self.verb:<10} {self.content_id} ({self.path})"
        return f"{text}: {self.detail}" if self.detail else text


@dataclass
class Action(Step):
    """verb: create, update, unchanged, unpublish, keep-cms, conflict."""

    parsed: ParsedFile | None = None
    state: ContentSyncState | None = None


@dataclass
class Plan:
    actions: list[Action] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    library: Library | None = None
    list_actions: list = field(default_factory=list)  # see shared_sync
    sources_changed: bool = False

    def counts(self) -> Counter:
        return Counter(a.verb for a in self.actions)


@dataclass
class Library:
    """What pages refer to by id: the bibliography and the shared warning lists."""

    sources: Bibliography
    warnings: WarningLibrary

    @property
    def problems(self) -> list[Problem]:
        return self.sources.problems + self.warnings.problems


class Content(list):
    """The parsed page files, carrying the library they were checked against."""

    library: Library


def load_library(content_root: Path | None = None) -> Library:
    root = Path(content_root or settings.CONTENT_DIR)
    return Library(load_sources(root), load_warnings(root, settings.CONTENT_MAX_FILE_BYTES))


def is_page_file(path: Path, root: Path) -> bool:
    """content/warnings/ holds shared lists, not pages; README.md files describe the format."""
    rel = path.relative_to(root)
    return path.name.lower() != "readme.md" and rel.parts[0] != WARNINGS_FOLDER


def load(content_root: Path | None = None) -> Content:
    """Parse and validate every page file and the library; raise SyncError listing every problem."""
    root = Path(content_root or settings.CONTENT_DIR)
    if not root.is_dir():
        raise SyncError([Problem(str(root), 0, "the content folder does not exist")])
    paths = sorted(p for p in root.rglob("*.md") if is_page_file(p, root))
    files = Content(parse_file(p, root, settings.CONTENT_MAX_FILE_BYTES) for p in paths)
    files.library = load_library(root)
    validate(files, Path(settings.BASE_DIR) / "static" / "content-images", files.library)
    _check_mapping(files)
    problems = files.library.problems + [problem for parsed in files for problem in parsed.problems]
    if problems:
        raise SyncError(problems)
    return files


def _check_mapping(files: list[ParsedFile]) -> None:
    """Convert every valid file as the sync will, so --check refuses exactly what the sync refuses.

    Page links and shared lists are resolved to a placeholder id: which page or list they point to
    is checked in validate.
    """
    for parsed in files:
        if parsed.problems:
            continue
        try:
            page_fields(parsed, resolve=lambda cid: 0, resolve_list=lambda list_id: 0)
        except MappingError as exc:
            parsed.problem(exc.line, str(exc))


def _pk_for_content_id(cid: str) -> int:
    """A page link inside a warning list: the page must already exist in the site."""
    state = ContentSyncState.objects.filter(content_id=cid).first()
    if state is None:
        raise MappingError(1, f"it links to page '{cid}', which is not in the site yet: sync again")
    return state.page_id


def _tree_order(parsed: ParsedFile):
    depth = len(Path(parsed.folder).parts) if parsed.folder else 0
    return (depth, not parsed.is_index, parsed.rel)


def make_plan(files: list[ParsedFile], prefer: str | None = None) -> Plan:
    """Compare files with what the database holds. Reads only; never writes."""
    plan = Plan(library=getattr(files, "library", None))
    if plan.library is not None:
        plan_library(plan, prefer)
    states = {s.content_id: s for s in ContentSyncState.objects.select_related("page")}
    folder_ids = {p.folder: p.front["id"] for p in files if p.is_index}
    for parsed in sorted(files, key=_tree_order):
        cid = parsed.front["id"]
        state = states.get(cid)
        action = Action("create", cid, parsed.rel_for_humans, parsed=parsed, state=state)
        plan.actions.append(action)
        if state is None:
            continue
        expected = PAGE_CLASSES[parsed.kind]
        actual = state.page.specific_class
        if actual is not expected:
            plan.problems.append(
                Problem(
                    parsed.rel_for_humans,
                    1,
                    f"page '{cid}' is a {actual.__name__ if actual else '?'} in the site; "
                    f"this file would make it a {expected.__name__}. Give the file a new id.",
                )
            )
            continue
        moved = _parent_changed(parsed, state, states, folder_ids)
        # A renamed or moved file may change the slug or parent, so it counts as a change too.
        file_changed = state.file_sha256 != parsed.sha256 or state.retired or state.source_path != parsed.rel
        cms_changed = (
            state.synced_revision_id is not None and state.page.latest_revision_id != state.synced_revision_id
        )
        in_review = file_changed and _in_workflow(state.page)
        if file_changed and (cms_changed or in_review):
            sides = f"{file_side(parsed.rel_for_humans, state.file_sha256, parsed.sha256)}; " + cms_side(
                state.page, state.synced_revision_id
            )
            if prefer == "cms":
                action.verb = "keep-cms"
                action.detail = f"file change set aside, CMS version kept ({sides})"
                continue
            if prefer == "file":
                action.verb = "update"
                lost = "the review in progress is cancelled and " if in_review else ""
                action.detail = f"file wins: {lost}the CMS revisions stay in page history, not live ({sides})"
                continue
            action.verb = "conflict"
            action.detail = (
                f"page '{cid}' was changed on both sides: {sides}. Nothing was changed. Either run "
                "export_content --prefer-cms to write the CMS version to the file (then review it with "
                "git diff), or sync_content --prefer-file to publish the file over the CMS version."
            )
            plan.problems.append(Problem(parsed.rel_for_humans, 1, action.detail))
        elif file_changed:
            action.verb = "update"
            if state.source_path != parsed.rel or moved:
                action.detail = f"moved from content/{state.source_path}"
            if state.retired:
                action.detail = "file is back: republish"
        elif cms_changed:
            action.verb, action.detail = "unchanged", "CMS edit newer than the file; kept"
        else:
            action.verb = "unchanged"
    written = [a.parsed for a in plan.actions if a.verb in ("create", "update")]
    for parsed, line, message in short_code_reuse(written):
        plan.problems.append(Problem(parsed.rel_for_humans, line, message))
    seen = {p.front["id"] for p in files}
    for cid, state in sorted(states.items()):
        if cid not in seen and not state.retired:
            action = Action("unpublish", cid, f"content/{state.source_path}", state=state)
            plan.actions.append(action)
            edited = state.synced_revision_id is not None and (
                state.page.latest_revision_id != state.synced_revision_id
            )
            if edited and prefer != "file":
                action.verb = "conflict" if prefer != "cms" else "keep-cms"
                action.detail = (
                    f"page '{cid}': the file was removed but the page was edited in the CMS: "
                    f"{cms_side(state.page, state.synced_revision_id)}. Restore the file with "
                    "export_content --prefer-cms, or unpublish with sync_content --prefer-file."
                )
                if action.verb == "conflict":
                    plan.problems.append(Problem(action.path, 1, action.detail))
    return plan


def _parent_changed(parsed, state, states, folder_ids) -> bool:
    if parsed.kind == "home":
        return False
    parent_state = states.get(folder_ids[parsed.parent_folder])
    if parent_state is None:
        return True
    steplen = Page.steplen
    return state.page.path[:-steplen] != parent_state.page.path


def _in_workflow(page: Page) -> bool:
    return page.specific_deferred.workflow_in_progress


def sync_user():
    user, created = get_user_model().objects.get_or_create(
        username=settings.CONTENT_SYNC_USERNAME,
        defaults={"first_name": "Content", "last_name": "sync", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def apply_plan(plan: Plan) -> Counter:
    """Carry out a plan inside one transaction: either every change lands or none does."""
    if plan.problems:
        raise SyncError(plan.problems)
    with transaction.atomic():
        return _apply(plan)


def _apply(plan: Plan) -> Counter:
    user = None
    list_pks = write_library(plan, sync_user) if plan.library is not None else None
    pages: dict[str, Page] = {}
    folder_pages: dict[str, Page] = {}
    to_write: list[Action] = []
    for action in plan.actions:
        if action.parsed is None:
            continue
        parsed = action.parsed
        if action.state is not None:
            page = action.state.page
        if action.verb in ("create", "update"):
            user = user or sync_user()
            page = _place_page(action, folder_pages, user)
        pages[action.content_id] = page
        if parsed.is_index:
            folder_pages[parsed.folder] = page
        if action.verb in ("create", "update"):
            to_write.append(action)

    def resolve(cid: str) -> int:
        if cid in pages:
            return pages[cid].pk
        return ContentSyncState.objects.get(content_id=cid).page_id

    for action in to_write:
        _write(action, pages[action.content_id].specific, resolve, user, list_pks)
    if to_write:
        _order_children(plan, pages, folder_pages, user)
    for action in plan.actions:
        if action.verb == "unpublish":
            user = user or sync_user()
            page = action.state.page.specific
            if page.live:
                UnpublishPageAction(page, user=user, log_action=True).execute(skip_permission_checks=True)
            action.state.retired = True
            action.state.save(update_fields=["retired", "synced_at"])
    record_short_codes(
        {a.content_id: (a.parsed, pages[a.content_id]) for a in to_write},
        {a.content_id for a in plan.actions if a.verb == "unpublish"},
    )
    record_diagnosis_codes(
        {a.content_id: (a.parsed, pages[a.content_id]) for a in to_write},
        {a.content_id for a in plan.actions if a.verb == "unpublish"},
    )
    _adopt_public_host()
    return plan.counts()


def _place_page(action: Action, folder_pages: dict[str, Page], user) -> Page:
    parsed = action.parsed
    if parsed.kind == "home":
        parent = Page.get_first_root_node()
    else:
        parent = folder_pages[parsed.parent_folder]
    if action.state is None:
        if parsed.kind == "home":
            _remove_wagtail_welcome_page()
        cls = PAGE_CLASSES[parsed.kind]
        page = cls(title=parsed.front["title"], slug=slug_of(parsed), live=False)
        page.content_id = action.content_id
        parent.add_child(instance=page)
        if parsed.kind == "home":
            _point_site_at(page)
        state = ContentSyncState.objects.create(
            content_id=action.content_id, page=page, source_path=parsed.rel, file_sha256=""
        )
        action.state = state
        return page
    page = action.state.page
    if page.path[: -Page.steplen] != parent.path:
        MovePageAction(page.specific, parent, pos="last-child", user=user).execute(
            skip_permission_checks=True
        )
        page.refresh_from_db()
    return page


def _write(action: Action, page: Page, resolve, user, list_pks=None) -> None:
    parsed = action.parsed
    try:
        fields = page_fields(parsed, resolve, list_pks.__getitem__ if list_pks is not None else None)
    except MappingError as exc:
        raise SyncError([Problem(parsed.rel_for_humans, exc.line, str(exc))]) from exc
    for name, value in fields.items():
        setattr(page, name, value)
    revision = page.save_revision(user=user, log_action=True, clean=True)
    revision.publish(user=user, log_action=True, skip_permission_checks=True)
    state = action.state
    state.file_sha256 = parsed.sha256
    state.source_path = parsed.rel
    state.synced_revision_id = revision.pk
    state.retired = False
    state.save()


def _order_children(plan: Plan, pages: dict[str, Page], folder_pages: dict[str, Page], user) -> None:
    """Put sibling pages in the order their files ask for (``order:``, then file path)."""
    siblings: dict[str, list[ParsedFile]] = {}
    for action in plan.actions:
        parsed = action.parsed
        if parsed is not None and parsed.kind != "home":
            siblings.setdefault(parsed.parent_folder, []).append(parsed)
    for folder, group in siblings.items():
        wanted = [
            pages[p.front["id"]].pk for p in sorted(group, key=lambda p: (p.front.get("order", 1000), p.rel))
        ]
        parent_pk = folder_pages[folder].pk
        children = Page.objects.get(pk=parent_pk).get_children()
        current = [pk for pk in children.values_list("pk", flat=True) if pk in wanted]
        if current == wanted:
            continue
        for pk in wanted:
            # Fresh instances: treebeard reads numchild and paths from the objects it is given.
            page, parent = Page.objects.get(pk=pk), Page.objects.get(pk=parent_pk)
            MovePageAction(page, parent, pos="last-child", user=user).execute(skip_permission_checks=True)


def _remove_wagtail_welcome_page() -> None:
    """Wagtail's install makes a placeholder 'Welcome' page; our home page replaces it."""
    for page in Page.get_first_root_node().get_children():
        if page.specific_class is Page and page.numchild == 0:
            page.delete()


PLACEHOLDER_HOST = "localhost"


def _public_address() -> tuple[str, int]:
    """The Site's host and port from PUBLIC_BASE_URL, so the sitemap and the JSON-LD on a real
    deployment never point readers at localhost."""
    base = urlsplit(settings.PUBLIC_BASE_URL)
    if not base.hostname:
        return PLACEHOLDER_HOST, 80
    return base.hostname, base.port or (443 if base.scheme == "https" else 80)


def _point_site_at(home: Page) -> None:
    hostname, port = _public_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    else:
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()


def _adopt_public_host() -> None:
    """A site first loaded in development moves to the public host once PUBLIC_BASE_URL is set;
    a hostname an admin chose is kept."""
    hostname, port = _public_address()
    if hostname == PLACEHOLDER_HOST:
        return  # no public address configured: nothing to read or write
    site = Site.objects.filter(is_default_site=True, hostname=PLACEHOLDER_HOST).first()
    if site is not None:
        site.hostname, site.port = hostname, port
        site.save()  # save, not update(): Wagtail's cached site root paths are cleared on save
