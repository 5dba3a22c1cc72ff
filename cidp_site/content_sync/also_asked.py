"""Other ways readers ask a question: a search aid kept in a page's front matter.

Readers never see these lines; search indexes them with the question's short answer, so a reader's
own words ("can i do the jabs myself") reach an answer written in the page's words ("Can I give it
to myself at home?"). Nurses edit them in the admin (each question's "Other ways readers ask"), and
export_content writes them back here, one list per question anchor:

    also_asked:
      is-ivig-safe:
        - is ivig dangerous
"""

from __future__ import annotations

KEY = "also_asked"
MAX_LINES = 30  # per question: a search aid, not a second page
MAX_LENGTH = 200  # as long as a question may be


def problems(parsed) -> list[tuple[int, str]]:
    """(line, message) for a malformed ``also_asked``; nothing when it is absent."""
    if KEY not in parsed.front:
        return []
    line = parsed.line_of(KEY)
    mapping = parsed.front[KEY]
    if parsed.kind != "faq":
        return [(line, f"'{KEY}' belongs to FAQ pages only (their questions)")]
    if not isinstance(mapping, dict):
        return [(line, f"'{KEY}' must map question anchors to lists of phrasings")]
    anchors = {q.anchor for q in parsed.questions}
    found = []
    for anchor, phrasings in mapping.items():
        anchor = str(anchor)
        if anchor not in anchors:
            found.append((line, f"'{KEY}': no question on this page has the anchor '#{anchor}'"))
        elif not isinstance(phrasings, list) or not all(isinstance(p, str) and p.strip() for p in phrasings):
            found.append((line, f"'{KEY}' #{anchor}: must be a list of phrasings (text, one per item)"))
        elif len(phrasings) > MAX_LINES:
            found.append((line, f"'{KEY}' #{anchor}: {len(phrasings)} phrasings, at most {MAX_LINES}"))
        else:
            long = next((p for p in phrasings if len(p) > MAX_LENGTH or "\n" in p), None)
            if long is not None:
                found.append(
                    (line, f"'{KEY}' #{anchor}: a phrasing is one line of at most {MAX_LENGTH} characters")
                )
    return found


def for_question(front: dict, anchor: str) -> str:
    """The block value: one phrasing per line (how the admin shows them)."""
    mapping = {str(k): v for k, v in (front.get(KEY) or {}).items()}
    return "\n".join(" ".join(p.split()) for p in mapping.get(anchor) or [])


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
