"""content/warnings/<id>.md: warning lists written once and included by name (``:::include <id>``).

The same layers as pages, for a much simpler file: parse (reusing the page parser: front matter,
then a body that is one lead-in line and a list), validate, map to the WarningList snippet's fields,
and render back for export_content, which keeps an unchanged file byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cidp_site.core import citations
from cidp_site.pages.blocks import CALLOUT_LEVELS
from cidp_site.pages.markdown import rich_text_to_markdown

from .mapping import markdown_to_rich_text
from .parse import ParsedFile, parse_file

FOLDER = "warnings"
KEYS = ("id", "level", "title")
LEVELS = [value for value, _ in CALLOUT_LEVELS]
BULLET_LINE_RE = re.compile(r"^[-*+]\s+\S")  # a file line that starts a bulleted item
LEAD_IN_GAP_RE = re.compile(r"^([^\s\-*+][^\n]*)\n\n(?=[-*+] )", re.M)
# The number to call depends on where the site runs, so it comes from a site setting, never the text.
PHONE_RE = re.compile(r"(?<![\w.])(999|911|112|111|000)(?![\w.])|\d[\d ()-]{6,}\d")


@dataclass
class WarningLibrary:
    files: dict[str, ParsedFile] = field(default_factory=dict)  # by list id

    @property
    def problems(self):
        return [p for parsed in self.files.values() for p in parsed.problems]


def load_warnings(content_root: Path, max_bytes: int) -> WarningLibrary:
    library = WarningLibrary()
    folder = Path(content_root) / FOLDER
    if not folder.is_dir():
        return library
    for path in sorted(folder.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        parsed = parse_file(path, Path(content_root), max_bytes)
        if not parsed.problems:
            validate_list(parsed)
        library.files[path.stem] = parsed
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.parent != folder):
        parsed = ParsedFile(path=path, rel=path.relative_to(content_root).as_posix())
        parsed.problem(1, "warning lists live directly in content/warnings/, not in a subfolder")
        library.files[f"/{parsed.rel}"] = parsed
    return library


def body_lines(parsed: ParsedFile):
    """(line number, text) of each non-blank body line."""
    lines = parsed.text.split("\n")
    for offset, line in enumerate(lines[parsed.body_line - 1 :]):
        if line.strip():
            yield parsed.body_line + offset, line


def validate_list(parsed: ParsedFile) -> None:
    front = parsed.front
    for key in front:
        if key not in KEYS:
            parsed.problem(
                parsed.line_of(key), f"unknown key '{key}' (a warning list has: {', '.join(KEYS)})"
            )
    for key in KEYS:
        if key not in front:
            parsed.problem(parsed.body_line - 1, f"missing required field '{key}'")
        elif not isinstance(front[key], str) or not front[key].strip():
            parsed.problem(parsed.line_of(key), f"'{key}' must be text")
    if isinstance(front.get("id"), str) and front["id"] != parsed.path.stem:
        parsed.problem(
            parsed.line_of("id"), f"'id' must match the file name: '{parsed.path.stem}', not '{front['id']}'"
        )
    level = front.get("level")
    if isinstance(level, str) and level not in LEVELS:
        parsed.problem(parsed.line_of("level"), f"unknown level '{level}' (use {', '.join(LEVELS)})")
    if parsed.questions:
        parsed.problem(
            parsed.questions[0].line, "a warning list has no questions: a lead-in line, then a list"
        )
    items = 0
    for number, line in body_lines(parsed):
        if line.strip().startswith(":::"):
            parsed.problem(number, "a warning list is a plain list: no ':::' callouts or includes inside it")
        if PHONE_RE.search(citations.strip(line)):
            parsed.problem(
                number, "never write a phone number in a warning list: the site adds the emergency number"
            )
        if BULLET_LINE_RE.match(line):
            items += 1
        elif items and not line.startswith((" ", "\t")):  # an indented line continues an item
            parsed.problem(number, "after the list starts, every line must be a list item ('- ...')")
    if not items:
        parsed.problem(parsed.body_line, "a warning list needs at least one item ('- ...')")
    elif not citations.cited_ids(parsed.intro):
        parsed.problem(
            parsed.body_line, "cite the source of this warning list, e.g. '- chest pain [@gamunex-c-label]'"
        )


def list_fields(parsed: ParsedFile, resolve: Callable[[str], int]) -> dict:
    front = parsed.front
    return {
        "list_id": front["id"],
        "level": front["level"],
        "title": " ".join(front["title"].split()),
        "text": markdown_to_rich_text(parsed.intro, resolve, parsed.body_line),
    }


def render_list(warning_list, existing: ParsedFile | None, content_id_of) -> str:
    """The file for a list; the front matter and body are kept as written when they did not change."""
    from .compare import html
    from .serialise import dump_key

    if existing is not None:
        lines = existing.text.split("\n")
        front = "\n".join(lines[: existing.body_line - 1]) + "\n"
        same_front = (
            existing.front.get("level") == warning_list.level
            and " ".join(str(existing.front.get("title", "")).split()) == warning_list.title
            and existing.front.get("id") == warning_list.list_id
        )
        old_html = markdown_to_rich_text(existing.intro, lambda cid: _pk_of(cid)) if existing.intro else ""
        same_body = html(old_html) == html(warning_list.text)
        if same_front and same_body:
            return existing.text
        body = "\n".join(lines[existing.body_line - 1 :]) if same_body else None
    else:
        same_front, body = False, None
    if not same_front:
        keys = (("id", warning_list.list_id), ("level", warning_list.level), ("title", warning_list.title))
        front = "---\n" + "\n".join(dump_key(k, v) for k, v in keys) + "\n---\n"
    if body is None:
        body = rich_text_to_markdown(warning_list.text, content_id_of) + "\n"
        # Written as the files are: the lead-in line directly above its list (it reads back the same).
        body = LEAD_IN_GAP_RE.sub(r"\1\n", body)
    return front + body


def _pk_of(cid: str) -> int:
    from .models import ContentSyncState

    return ContentSyncState.objects.get(content_id=cid).page_id
