"""One comparable shape for "what the page holds" and "what a file maps to".

export_content uses it twice: to keep unchanged parts of a file verbatim, and to prove that the file
it writes maps back to exactly the page's values before anything is written. Whitespace inside plain
text fields and the split of one answer into adjacent text blocks are not content, so they are
normalised away; everything else must match exactly.
"""

from __future__ import annotations

import re
from html import escape, unescape

from cidp_site.pages.link_prefetch import LINK_TAG_RE
from cidp_site.pages.to_markdown import squash

from . import also_asked

BLOCK_KEY_RE = re.compile(r' data-block-key="[^"]*"')
EMPTY_PARAGRAPH_RE = re.compile(r"<p>\s*</p>")
ATTRIBUTE_RE = re.compile(r'[\w-]+="[^"]*"')
TEXT_NODE_RE = re.compile(r">([^<]+)<")
PLAIN_FIELDS = ("title", "summary", "reviewed_by")


def html(value) -> str:
    """Rich text without what carries no content: the editor's block keys, empty paragraphs and
    the order of a link's attributes (the editor writes linktype first, the importer id first), and
    how text escapes quotes (the editor stores ", the converter writes &quot;)."""
    value = EMPTY_PARAGRAPH_RE.sub("", BLOCK_KEY_RE.sub("", str(value or "")))
    value = TEXT_NODE_RE.sub(lambda m: ">" + escape(unescape(m.group(1)), quote=False) + "<", value)
    value = LINK_TAG_RE.sub(
        lambda m: "<a" + "".join(f" {a}" for a in sorted(ATTRIBUTE_RE.findall(m.group(1)))) + ">", value
    )
    return value.strip()


def _answer(blocks: list[dict]) -> list[tuple]:
    out: list[tuple] = []
    for block in blocks or []:
        kind, value = block["type"], block["value"]
        if kind == "text" and out and out[-1][0] == "text":
            out[-1] = ("text", out[-1][1] + html(value))
        elif kind == "callout":
            out.append((kind, value["level"], html(value["text"])))
        elif kind == "figure":
            out.append((kind, value["image"], value["alt"].strip(), (value.get("caption") or "").strip()))
        else:
            out.append((kind, html(value)))
    return out


def question(raw: dict) -> tuple:
    value = raw["value"]
    return (
        squash(value["question"]),
        value["anchor"],
        squash(value["short_answer"]),
        tuple(_answer(value["answer"])),
        tuple(also_asked.lines(value.get("also_asked"))),
    )


def same_question(a: dict, b: dict) -> bool:
    return question(a) == question(b)


def normalise(fields: dict) -> dict:
    """Field values (as page_fields returns them) in comparable form."""
    out = {key: fields.get(key) for key in ("content_id", "slug", "intro")}
    out["intro"] = html(out["intro"])
    out["also_asked"] = tuple(also_asked.lines(fields.get("also_asked")))
    for key in PLAIN_FIELDS:
        if key in fields:
            out[key] = squash(fields[key])
    if "questions" in fields:
        out["questions"] = [question(q) for q in fields["questions"]]
        out["related"] = [r["value"] for r in fields["related"]]
        out["reviewed_on"] = fields.get("reviewed_on")
        out["review_due"] = fields.get("review_due")
    return out


def page_values(page) -> dict:
    """The page's own values in the shape page_fields() produces."""
    fields = {
        "content_id": page.content_id,
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "intro": page.intro,
        "also_asked": page.also_asked,
    }
    if hasattr(page, "questions"):
        fields.update(
            questions=page.questions.get_prep_value(),
            related=page.related.get_prep_value(),
            reviewed_on=page.reviewed_on,
            review_due=page.review_due,
            reviewed_by=page.reviewed_by,
        )
    return fields


def differences(page, fields: dict) -> list[str]:
    """Names of the fields where the page and the mapped file disagree."""
    ours, theirs = normalise(page_values(page)), normalise(fields)
    names = []
    for key in ours:
        if ours[key] == theirs.get(key):
            continue
        if key == "questions":
            theirs_by_anchor = {q[1]: q for q in theirs.get(key) or []}
            anchors = [q[1] for q in ours[key] if theirs_by_anchor.get(q[1]) != q] or ["order"]
            key = f"questions (#{', #'.join(anchors)})"
        names.append(key)
    return names
