"""Short codes in content files: read and check them, write missing ones into front matter, and
record them in ``links.ShortCode`` when ``sync_content`` writes.

The files are the source of truth (codes are versioned with the content); ``sync_content`` copies
them into ``ShortCode``. Writing edits only the front-matter lines it adds, so diffs stay small.
Recording runs only when the sync writes something, so an unchanged run stays query-free here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from cidp_site.links import codes
from cidp_site.links.models import ShortCode


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


def reuse_problems(files) -> list[tuple[object, int, str]]:
    """A code in a file that was ever issued to something else (even a retired page) is refused."""
    wanted = [(parsed, w) for parsed in files for w in wanted_codes(parsed)]
    if not wanted:
        return []
    issued = {
        row.code: row
        for row in ShortCode.objects.filter(code__in=[w.code for _, w in wanted]).only(
            "code", "kind", "content_id", "anchor"
        )
    }
    found = []
    for parsed, want in wanted:
        row = issued.get(want.code)
        if row is not None and (row.content_id, row.anchor) != (want.content_id, want.anchor):
            owner = f"{row.content_id}#{row.anchor}".rstrip("#") if row.content_id else f"a {row.kind}"
            found.append(
                (
                    parsed,
                    want.line,
                    f"short code '{want.code}' was issued to {owner}; codes are never reused. "
                    "Remove it and run manage.py assign_short_codes",
                )
            )
    return found


def record(written: dict, retired_ids: set[str]) -> int:
    """Record the codes of ``written`` ({content_id: (parsed, page)}); retire codes of removed pages."""
    created = 0
    if written:
        wanted = [(w, page) for parsed, page in written.values() for w in wanted_codes(parsed)]
        issued = {row.code: row for row in ShortCode.objects.filter(code__in=[w.code for w, _ in wanted])}
        new_rows = []
        for want, page in wanted:
            row = issued.get(want.code)
            if row is None:
                kind = ShortCode.QUESTION if want.anchor else ShortCode.PAGE
                new_rows.append(
                    ShortCode(
                        code=want.code, kind=kind, content_id=want.content_id, anchor=want.anchor, page=page
                    )
                )
            elif row.page_id != page.pk or row.retired:
                row.page, row.retired = page, False
                row.save(update_fields=["page", "retired"])
        ShortCode.objects.bulk_create(new_rows)
        created = len(new_rows)
    if retired_ids:
        ShortCode.objects.filter(content_id__in=retired_ids).update(retired=True)
    return created
