"""Other ways readers ask a question: a search aid kept in a page's front matter.

Readers never see these lines; search indexes them with the question's short answer, so a reader's
own words ("can i do the jabs myself") reach an answer written in the page's words ("Can I give it
to myself at home?"). Nurses edit them in the admin (each question's "Other ways readers ask"), and
export_content writes them back here, one list per question anchor:

    also_asked:
      is-ivig-safe:
        - is ivig dangerous

Some searches are answered by a whole page, not one question ("who is this site for", "everyday
life with cidp"), and home and section pages have no questions at all. Any page can list those in
``page_also_asked`` (one list), shown in the admin as the page's "Other ways readers ask for this
page" and indexed with its summary:

    page_also_asked:
      - coping with cidp day to day
"""

from __future__ import annotations

KEY = "also_asked"
PAGE_KEY = "page_also_asked"
MAX_LINES = 30  # per question: a search aid, not a second page
MAX_LENGTH = 200  # as long as a question may be


def _list_problem(phrasings, where: str) -> str | None:
    if not isinstance(phrasings, list) or not all(isinstance(p, str) and p.strip() for p in phrasings):
        return f"{where}: must be a list of phrasings (text, one per item)"
    if len(phrasings) > MAX_LINES:
        return f"{where}: {len(phrasings)} phrasings, at most {MAX_LINES}"
    if any(len(p) > MAX_LENGTH or "\n" in p for p in phrasings):
        return f"{where}: a phrasing is one line of at most {MAX_LENGTH} characters"
    return None


def problems(parsed) -> list[tuple[int, str]]:
    """(line, message) for a malformed ``also_asked`` or ``page_also_asked``; nothing when absent."""
    found = []
    if PAGE_KEY in parsed.front:
        message = _list_problem(parsed.front[PAGE_KEY], f"'{PAGE_KEY}'")
        if message:
            found.append((parsed.line_of(PAGE_KEY), message))
    if KEY not in parsed.front:
        return found
    line = parsed.line_of(KEY)
    mapping = parsed.front[KEY]
    if parsed.kind != "faq":
        return [*found, (line, f"'{KEY}' belongs to FAQ pages only (their questions; use '{PAGE_KEY}')")]
    if not isinstance(mapping, dict):
        return [*found, (line, f"'{KEY}' must map question anchors to lists of phrasings")]
    anchors = {q.anchor for q in parsed.questions}
    for anchor, phrasings in mapping.items():
        anchor = str(anchor)
        if anchor not in anchors:
            found.append((line, f"'{KEY}': no question on this page has the anchor '#{anchor}'"))
        elif message := _list_problem(phrasings, f"'{KEY}' #{anchor}"):
            found.append((line, message))
    return found


def for_question(front: dict, anchor: str) -> str:
    """The block value: one phrasing per line (how the admin shows them)."""
    mapping = {str(k): v for k, v in (front.get(KEY) or {}).items()}
    return "\n".join(" ".join(p.split()) for p in mapping.get(anchor) or [])


def for_page(front: dict) -> str:
    """The page field's value: one phrasing per line."""
    return "\n".join(" ".join(p.split()) for p in front.get(PAGE_KEY) or [])


def lines(value: str | None) -> list[str]:
    """The phrasings of a block value, as the file lists them (blank lines and spacing dropped)."""
    return [" ".join(line.split()) for line in (value or "").splitlines() if line.strip()]


def front_value(questions) -> dict[str, list[str]]:
    """``also_asked`` for a page's questions (raw StreamField values), in the page's order."""
    out = {}
    for block in questions:
        value = block["value"]
        phrasings = lines(value.get("also_asked"))
        if phrasings:
            out[value["anchor"]] = phrasings
    return out
