"""Short codes in content files: read and check them, and write missing ones into front matter.

The files are the source of truth (codes are versioned with the content); ``sync_content`` copies
them into ``ShortCode``. Writing edits only the front-matter lines it adds, so diffs stay small.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import codes


@dataclass
class Wanted:
    """A code a file asks for: the page's own (anchor '') or one question's."""

    code: str
    content_id: str
    anchor: str
    line: int


def wanted_codes(parsed) -> list[Wanted]:
    """The codes a parsed file declares (only well-formed ones; the rest are reported by ``problems``)."""
    front, cid = parsed.front, parsed.front.get("id", "")
    found = []
    if codes.is_valid(front.get("short_code")):
        found.append(Wanted(front["short_code"], cid, "", parsed.line_of("short_code")))
    mapping = front.get("short_codes")
    if isinstance(mapping, dict):
        for anchor, code in mapping.items():
            if isinstance(anchor, str) and codes.is_valid(code):
                found.append(Wanted(code, cid, anchor, parsed.line_of("short_codes")))
    return found


def problems(files) -> list[tuple[object, int, str]]:
    """(file, line, message) for malformed codes and codes used twice across all files."""
    found = []
    by_code = defaultdict(list)
    for parsed in files:
        front = parsed.front
        if "short_code" in front and not codes.is_valid(front["short_code"]):
            found.append((parsed, parsed.line_of("short_code"), _bad(front["short_code"])))
        mapping = front.get("short_codes")
        if mapping is not None:
            if not isinstance(mapping, dict):
                found.append(
                    (parsed, parsed.line_of("short_codes"), "'short_codes' must map anchors to codes")
                )
            else:
                for anchor, code in mapping.items():
                    if not codes.is_valid(code):
                        found.append((parsed, parsed.line_of("short_codes"), f"#{anchor}: {_bad(code)}"))
        for want in wanted_codes(parsed):
            by_code[want.code].append((parsed, want))
    for code, uses in by_code.items():
        if len(uses) > 1:
            names = ", ".join(f"{p.rel_for_humans}#{w.anchor}".rstrip("#") for p, w in uses)
            for parsed, want in uses:
                found.append((parsed, want.line, f"short code '{code}' is used more than once: {names}"))
    return found


def _bad(code) -> str:
    return (
        f"short code {code!r} must be {codes.LENGTH} characters from '{codes.ALPHABET}' "
        "with at least one letter; run manage.py assign_short_codes"
    )


def missing(parsed) -> tuple[bool, list[str]]:
    """Whether the page code is missing, and which question anchors have no code yet."""
    front = parsed.front
    mapping = front.get("short_codes") if isinstance(front.get("short_codes"), dict) else {}
    anchors = [q.anchor for q in parsed.questions if q.anchor and q.anchor not in mapping]
    return "short_code" not in front, anchors


def add_codes(text: str, page_code: str | None, anchor_codes: dict[str, str]) -> str:
    """Return ``text`` with the given codes added to its front matter; other lines untouched."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ValueError("the file has no front matter")

    def fence() -> int:
        return next(i for i in range(1, len(lines)) if lines[i].strip() == "---")

    def block_start() -> int | None:
        return next((i for i in range(1, fence()) if lines[i].startswith("short_codes:")), None)

    if anchor_codes:
        entries = [f"  {anchor}: {code}" for anchor, code in anchor_codes.items()]
        block = block_start()
        if block is None:
            at = fence()
            lines[at:at] = ["short_codes:", *entries]
        elif lines[block].strip() != "short_codes:":
            raise ValueError("'short_codes:' must be a block mapping (one 'anchor: code' per line)")
        else:
            last, end = block, fence()
            while last + 1 < end and lines[last + 1].startswith((" ", "\t")):
                last += 1
            lines[last + 1 : last + 1] = entries
    if page_code:
        # The page's own code goes just before its questions' codes (or last).
        block = block_start()
        lines.insert(fence() if block is None else block, f"short_code: {page_code}")
    return "\n".join(lines)


def all_file_codes(content_root=None) -> set[str]:
    """Every code written in content/ (synced or not), so a new packet never takes one."""
    from pathlib import Path

    import yaml
    from django.conf import settings

    root = Path(content_root or settings.CONTENT_DIR)
    found: set[str] = set()
    for path in root.rglob("*.md"):
        try:
            text = path.read_text(encoding="utf-8")
            front = (
                yaml.safe_load(text.split("\n---", 1)[0].removeprefix("---"))
                if text.startswith("---")
                else {}
            )
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if not isinstance(front, dict):
            continue
        if isinstance(front.get("short_code"), str):
            found.add(front["short_code"])
        if isinstance(front.get("short_codes"), dict):
            found.update(str(v) for v in front["short_codes"].values())
    return found
