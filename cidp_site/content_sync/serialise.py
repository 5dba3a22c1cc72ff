"""The reverse of parse + mapping: write a page back as a markdown file in the content format.

Reviewers read exports as git diffs, so anything the CMS did not change is copied verbatim from the
existing file: each front-matter key and each question is re-rendered only when its value differs.
Keys the CMS does not own (``short_code``, anything added later) are always kept as they are.
"""

from __future__ import annotations

from collections.abc import Callable

import yaml

from cidp_site.pages.markdown import rich_text_to_markdown
from cidp_site.pages.to_markdown import question_markdown, squash

from . import also_asked
from .compare import html, same_question
from .parse import ParsedFile
from .validate import slug_of

# Front-matter keys the CMS owns, in the order a new file lists them.
OWNED_KEYS = (
    "id", "title", "slug", "summary", "reviewed_on", "review_due", "reviewed_by", "related",
    also_asked.PAGE_KEY, also_asked.KEY,
)  # fmt: skip


class _Dumper(yaml.SafeDumper):
    """Indent list items under their key ("related:\\n  - ivig"), as the files are written."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def dump_key(key: str, value) -> str:
    return yaml.dump(
        {key: value}, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    ).rstrip("\n")


def front_values(page, kind: str, content_id_of: Callable[[int], str]) -> dict:
    """The front matter the page's current values call for (only keys that carry a value)."""
    values = {"id": page.content_id, "title": page.title.strip(), "slug": page.slug}
    if page.summary.strip():
        values["summary"] = squash(page.summary)
    if page_asked := also_asked.lines(page.also_asked):
        values[also_asked.PAGE_KEY] = page_asked
    if kind != "faq":
        return values
    values.update(reviewed_on=page.reviewed_on, review_due=page.review_due, reviewed_by=page.reviewed_by)
    related = [content_id_of(item.value.pk) for item in page.related if item.value is not None]
    if related:
        values["related"] = related
    asked = also_asked.front_value(page.questions.get_prep_value())
    if asked:
        values[also_asked.KEY] = asked
    return {k: v for k, v in values.items() if v not in (None, "")}


def _same(key: str, old, new) -> bool:
    if key in ("title", "summary", "reviewed_by"):
        return squash(old) == squash(new)
    if key in ("reviewed_on", "review_due"):
        return str(old) == str(new)
    return old == new


def _front_blocks(existing: ParsedFile) -> dict[str, str]:
    """Each top-level key's original lines (comments and blank lines go with the key above)."""
    lines = existing.text.split("\n")
    end = existing.body_line - 2  # index of the closing '---'
    starts = sorted((line - 1, key) for key, line in existing.key_lines.items())
    blocks = {}
    for n, (start, key) in enumerate(starts):
        stop = starts[n + 1][0] if n + 1 < len(starts) else end
        blocks[key] = "\n".join(lines[start:stop]).rstrip("\n")
    return blocks


def render_front(page, kind: str, existing: ParsedFile | None, content_id_of) -> str:
    values = front_values(page, kind, content_id_of)
    if existing is not None and slug_of(existing) == page.slug and "slug" not in existing.front:
        values.pop("slug")  # the file name already gives this slug
    out = []
    if existing is not None:
        blocks = _front_blocks(existing)
        for key in existing.key_lines:
            if key not in OWNED_KEYS:
                out.append(blocks[key])  # not ours: kept exactly as written
            elif key in values:
                same = _same(key, existing.front.get(key), values[key])
                out.append(blocks[key] if same else dump_key(key, values[key]))
            # an owned key the page no longer has a value for is dropped
    present = set(existing.key_lines) if existing is not None else set()
    out.extend(dump_key(key, values[key]) for key in OWNED_KEYS if key in values and key not in present)
    return "---\n" + "\n".join(out) + "\n---\n"


def _sections(existing: ParsedFile) -> tuple[str, dict[str, str]]:
    """The original intro text and each question's original text, by anchor."""
    lines = existing.text.split("\n")
    starts = [q.line - 1 for q in existing.questions]
    first = starts[0] if starts else len(lines)
    intro = "\n".join(lines[existing.body_line - 1 : first]).strip("\n")
    by_anchor = {}
    for n, question in enumerate(existing.questions):
        stop = starts[n + 1] if n + 1 < len(starts) else len(lines)
        by_anchor[question.anchor] = "\n".join(lines[starts[n] : stop]).strip("\n")
    return intro, by_anchor


def render_body(page, kind: str, existing_fields: dict | None, existing, content_id_of) -> str:
    """Intro and questions; a part whose mapped value is unchanged keeps its original text."""

    old_intro, old_questions = _sections(existing) if existing is not None else ("", {})
    old_values = {}
    if existing_fields is not None:
        old_values = {q["value"]["anchor"]: q for q in existing_fields.get("questions", [])}
    parts = []
    if existing_fields is not None and html(existing_fields.get("intro")) == html(page.intro):
        parts.append(old_intro)
    elif html(page.intro):
        parts.append(rich_text_to_markdown(page.intro, content_id_of))
    if kind == "faq":
        for block in page.questions:
            anchor = block.value["anchor"]
            old = old_values.get(anchor)
            if old is not None and same_question(old, {"value": block.block.get_prep_value(block.value)}):
                parts.append(old_questions[anchor])
            else:
                parts.append(question_markdown(block.value, content_id_of))
    parts = [part for part in parts if part]
    return "\n\n".join(parts) + "\n" if parts else ""


def render_file(page, kind: str, existing: ParsedFile | None, existing_fields, content_id_of) -> str:
    body = render_body(page, kind, existing_fields, existing, content_id_of)
    return render_front(page, kind, existing, content_id_of) + body
