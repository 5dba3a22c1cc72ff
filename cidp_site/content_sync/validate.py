"""Layer 2: check every parsed file on its own and against the others, before anything is written."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from pathlib import Path

import markdown

from cidp_site.core import citations
from cidp_site.core.slugs import SLUG_RE
from cidp_site.links.connect.content import KEY as DIAGNOSIS_CODES_KEY
from cidp_site.links.connect.content import problems as diagnosis_code_problems
from cidp_site.pages.blocks import CALLOUT_LEVELS
from cidp_site.pages.markdown import PAGE_LINK_RE

from . import also_asked
from .parse import ParsedFile
from .short_codes import problems as short_code_problems

ALL_KEYS = {
    "id", "title", "slug", "summary", "reviewed_on", "review_due", "reviewed_by",
    "related", "short_code", "short_codes", "order", also_asked.KEY,
    also_asked.PAGE_KEY,
}  # fmt: skip
ALL_KEYS.add(DIAGNOSIS_CODES_KEY)  # diagnosis codes for /connect/, checked in _validate_across
REQUIRED = {
    "home": {"id", "title"},
    "section": {"id", "title"},
    "faq": {"id", "title", "summary"},
}
# Pages about the site itself (how to use it, who wrote it) need not cite; every other FAQ page
# gives clinical information and must cite at least one source.
CITATION_EXEMPT_FOLDERS = {"help"}
REFERENCES_GONE = (
    "'references:' is no longer used: cite sources in the text as [@id] "
    "(or [@id; @other]), with each entry in content/sources.yaml"
)
CALLOUT_NAMES = {value for value, _ in CALLOUT_LEVELS}


def slug_of(parsed: ParsedFile) -> str:
    slug = parsed.front.get("slug")
    if slug:
        return str(slug)
    if parsed.kind == "section":
        return Path(parsed.folder).name
    if parsed.kind == "home":
        return "home"
    return parsed.path.stem


def validate(files: list[ParsedFile], images_dir: Path, library=None) -> None:
    """Record problems on each file; the caller stops if any file has one.

    ``library`` (sources and warning lists) defaults to the one in settings.CONTENT_DIR.
    """
    if library is None:
        from .apply import load_library

        library = load_library()
    for parsed in files:
        if not parsed.problems:
            _validate_one(parsed, images_dir)
            _validate_citations(parsed, library)
    good = [p for p in files if p.front]
    _validate_across(good)


def _validate_one(parsed: ParsedFile, images_dir: Path) -> None:
    front = parsed.front
    for key in front:
        if key == "references":
            parsed.problem(parsed.line_of(key), REFERENCES_GONE)
        elif key not in ALL_KEYS:
            parsed.problem(parsed.line_of(key), f"unknown key '{key}' (allowed: {_list(ALL_KEYS)})")
    for key in sorted(REQUIRED[parsed.kind] - set(front)):
        parsed.problem(parsed.body_line - 1, f"missing required field '{key}'")
    for key in ("id", "title", "slug", "summary", "reviewed_by", "short_code"):
        if key in front and not isinstance(front[key], str):
            parsed.problem(parsed.line_of(key), f"'{key}' must be text")
        elif key in REQUIRED[parsed.kind] and key in front and not str(front[key]).strip():
            parsed.problem(parsed.line_of(key), f"'{key}' must not be empty")
    for key in ("id", "slug"):
        value = front.get(key)
        if isinstance(value, str) and value and not SLUG_RE.match(value):
            parsed.problem(
                parsed.line_of(key),
                f"'{key}' must be lowercase letters, digits and single hyphens, not '{value}'",
            )
    if "order" in front and (not isinstance(front["order"], int) or isinstance(front["order"], bool)):
        parsed.problem(parsed.line_of("order"), "'order' must be a whole number, e.g. 1")
    if isinstance(front.get("title"), str) and len(front["title"]) > 255:
        parsed.problem(parsed.line_of("title"), "'title' is longer than 255 characters")
    _validate_dates(parsed)
    related = front.get("related", [])
    if not isinstance(related, list) or not all(isinstance(r, str) for r in related):
        parsed.problem(parsed.line_of("related"), "'related' must be a list of page ids")
    _validate_questions(parsed, images_dir)
    for line, message in also_asked.problems(parsed):
        parsed.problem(line, message)
    _validate_tables(parsed)


def _validate_dates(parsed: ParsedFile) -> None:
    dates = {}
    for key in ("reviewed_on", "review_due"):
        if key not in parsed.front:
            continue
        value = parsed.front[key]
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            dates[key] = value
            continue
        try:
            dates[key] = datetime.date.fromisoformat(str(value))
            parsed.front[key] = dates[key]
        except ValueError:
            parsed.problem(parsed.line_of(key), f"'{key}' must be a date like 2026-11-20")
    if len(dates) == 2 and dates["review_due"] <= dates["reviewed_on"]:
        parsed.problem(parsed.line_of("review_due"), "'review_due' must be after 'reviewed_on'")
    # A review is a date and a reviewer together (the workflow writes both); never half a claim.
    for key, other in (
        ("reviewed_on", "reviewed_by"),
        ("reviewed_by", "reviewed_on"),
        ("review_due", "reviewed_on"),
    ):
        if key in parsed.front and other not in parsed.front:
            parsed.problem(
                parsed.line_of(key), f"'{key}' needs '{other}' too (both are set by a reviewer's approval)"
            )


def _validate_questions(parsed: ParsedFile, images_dir: Path) -> None:
    if parsed.kind != "faq" and parsed.questions:
        parsed.problem(parsed.questions[0].line, "only FAQ pages (not _index.md) have questions")
    seen: dict[str, int] = {}
    for question in parsed.questions:
        if question.anchor:
            if not SLUG_RE.match(question.anchor):
                parsed.problem(
                    question.line,
                    f"anchor '{question.anchor}' must be lowercase letters, digits and hyphens",
                )
            elif question.anchor in seen:
                parsed.problem(
                    question.line,
                    f"anchor '#{question.anchor}' is already used on line {seen[question.anchor]}",
                )
            seen[question.anchor] = question.line
        for block in question.blocks:
            if block.kind == "callout" and block.level not in CALLOUT_NAMES:
                parsed.problem(
                    block.line,
                    f"unknown callout ':::{block.level}' (use {_list(CALLOUT_NAMES)})",
                )
            if block.kind == "include" and parsed.kind != "faq":
                parsed.problem(block.line, "warning lists are included in FAQ pages only")
            if block.kind == "figure":
                if not block.alt:
                    parsed.problem(block.line, "a picture needs a text alternative: ![what it shows](…)")
                if "/" in block.src or not (images_dir / block.src).is_file():
                    parsed.problem(block.line, f"picture '{block.src}' is not in static/content-images/")


def _validate_across(files: list[ParsedFile]) -> None:
    for parsed, line, message in short_code_problems(files):
        parsed.problem(line, message)
    for parsed, line, message in diagnosis_code_problems(files):
        parsed.problem(line, message)
    by_id: dict[str, list[ParsedFile]] = defaultdict(list)
    by_place: dict[tuple[str | None, str], list[ParsedFile]] = defaultdict(list)
    folders = {p.folder for p in files if p.is_index}
    for parsed in files:
        content_id = parsed.front.get("id")
        if isinstance(content_id, str):
            by_id[content_id].append(parsed)
        if parsed.kind != "home" and parsed.parent_folder not in folders:
            where = parsed.parent_folder or "content/"
            parsed.problem(1, f"no parent page: add an _index.md to '{where}'")
        by_place[(parsed.parent_folder, slug_of(parsed))].append(parsed)
    # A clash is reported on every file involved, so the editor sees both sides.
    for content_id, group in by_id.items():
        for parsed in group if len(group) > 1 else ():
            others = ", ".join(o.rel_for_humans for o in group if o is not parsed)
            parsed.problem(parsed.line_of("id"), f"id '{content_id}' is also used by {others}")
    for (_, slug), group in by_place.items():
        for parsed in group if len(group) > 1 else ():
            others = ", ".join(o.rel_for_humans for o in group if o is not parsed)
            parsed.problem(
                parsed.line_of("slug"),
                f"slug '{slug}' is also used by {others} in the same section",
            )
    homes = [p for p in files if p.kind == "home"]
    if files and not homes:
        files[0].problem(1, "content/_index.md (the home page) is missing")
    known = set(by_id)
    for parsed in files:
        related = parsed.front.get("related") or []
        if isinstance(related, list):
            for target in related:
                if isinstance(target, str) and target not in known:
                    parsed.problem(parsed.line_of("related"), f"related page '{target}' not found")
        for line, text in _markdown_lines(parsed):
            for target in PAGE_LINK_RE.findall(text):
                if target not in known:
                    parsed.problem(line, f"link to unknown page 'page:{target}'")


# The row under a table's header: "| --- | :-: |" or "---|---".
TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
TABLE_LOST = "a table cannot be shown on a page (it would become one line of text): write it as a list"


def _validate_tables(parsed: ParsedFile) -> None:
    """Pages hold lists, not tables, and the page's converter would flatten a table into a line of
    pipes without a word. Python-Markdown's own table reader decides what a writer meant as a table,
    so a row of dashes that is only a rule does not count."""
    for first_line, text in _markdown_lines(parsed):
        if "|" not in text or "<table" not in markdown.markdown(text, extensions=["tables"]):
            continue
        lines = text.split("\n")
        rule = next((i for i, line in enumerate(lines) if "|" in line and TABLE_RULE_RE.match(line)), 1)
        parsed.problem(first_line + max(rule - 1, 0), TABLE_LOST)


def _markdown_lines(parsed: ParsedFile):
    if parsed.intro:
        yield parsed.body_line, parsed.intro
    for question in parsed.questions:
        for block in question.blocks:
            if block.markdown:
                yield block.line, block.markdown


def _list(values) -> str:
    return ", ".join(sorted(values))


def _validate_citations(parsed: ParsedFile, library) -> None:
    """Every marker well formed and known, every include known, and every clinical page cites."""
    for key in ("title", "summary"):
        if "[@" in str(parsed.front.get(key, "")):
            parsed.problem(parsed.line_of(key), f"cite sources in the page text, not in '{key}'")
    cited: list[str] = []
    lines = parsed.text.split("\n")
    for offset, line in enumerate(lines[parsed.body_line - 1 :]):
        number = parsed.body_line + offset
        for inner in citations.MARKER_RE.findall(line):
            ids = citations.parse(inner)
            if ids is None:
                parsed.problem(number, f"write a citation as [@id] or [@id; @other], not '[@{inner}]'")
                continue
            if line.startswith("## "):
                parsed.problem(number, "cite sources in the answer, not in the question")
            for cid in ids:
                if cid not in library.sources.entries:
                    parsed.problem(number, f"unknown source '[@{cid}]': add it to content/sources.yaml")
            cited.extend(ids)
    for question in parsed.questions:
        for block in question.blocks:
            if block.kind != "include":
                continue
            included = library.warnings.files.get(block.name)
            if included is None:
                known = (
                    ", ".join(sorted(k for k in library.warnings.files if not k.startswith("/")))
                    or "none yet"
                )
                parsed.problem(
                    block.line,
                    f"unknown warning list '{block.name}': "
                    f"add content/warnings/{block.name}.md (known: {known})",
                )
            else:
                cited.extend(citations.cited_ids(included.intro))
    exempt = parsed.folder.split("/")[0] in CITATION_EXEMPT_FOLDERS
    if parsed.kind == "faq" and not exempt and not cited:
        parsed.problem(
            parsed.body_line,
            "a page with clinical information must cite at least one source, e.g. [@ean-pns-2021] "
            "(entries are in content/sources.yaml)",
        )
