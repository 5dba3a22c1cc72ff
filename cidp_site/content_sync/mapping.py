"""Layer 3: map parsed files to page field values (rich text, StreamField data).

Markdown becomes rich text through the site's one pipeline, cidp_site.pages.markdown (Wagtail's
markdown converter and its feature whitelist); the export writes it back through the same module, so
what a nurse edits in Draftail and what git stores are two views of the same content.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from cidp_site.pages.markdown import rich_text_from_markdown

from . import also_asked
from .parse import ParsedFile
from .validate import slug_of

BLOCK_NAMESPACE = uuid.UUID("0b6a8f0e-4a53-4c1e-9d1c-2f1f8a4d6c11")


class MappingError(ValueError):
    """Markdown the converter could not turn into rich text (reported as path:line)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


def markdown_to_rich_text(markdown: str, resolve: Callable[[str], int], line: int = 1) -> str:
    """A file's markdown as page rich text, through the site's one pipeline (pages.markdown).

    Anything the pipeline had to remove is an error at ``line``: a file must say only what a page
    can show, so nothing in it is silently lost.
    """
    clean, removals = rich_text_from_markdown(markdown, resolve)
    if removals:
        raise MappingError(line, f"formatting that pages cannot show was removed: {removals}")
    return clean


def _list_pk(name: str) -> int:
    from cidp_site.pages.library import WarningList

    found = WarningList.objects.filter(list_id=name).values_list("pk", flat=True).first()
    if found is None:
        raise MappingError(1, f"warning list '{name}' is not in the site")
    return found


def _block_id(*parts: str) -> str:
    """Stable StreamField ids, so revisions of unchanged questions compare equal."""
    return str(uuid.uuid5(BLOCK_NAMESPACE, "/".join(parts)))


def page_fields(
    parsed: ParsedFile, resolve: Callable[[str], int], resolve_list: Callable[[str], int] | None = None
) -> dict:
    """Every field the sync owns, for one file. ``resolve_list``: a warning list's pk by its id."""
    resolve_list = resolve_list or _list_pk
    front = parsed.front
    cid = front["id"]
    fields = {
        "content_id": cid,
        "title": front["title"].strip(),
        "slug": slug_of(parsed),
        "summary": " ".join(str(front.get("summary", "")).split()),
        "intro": markdown_to_rich_text(parsed.intro, resolve, parsed.body_line) if parsed.intro else "",
        "also_asked": also_asked.for_page(front),
    }
    if parsed.kind != "faq":
        return fields
    questions = []
    for question in parsed.questions:
        answer = []
        for n, block in enumerate(question.blocks):
            block_id = _block_id(cid, question.anchor, str(n))
            if block.kind == "text":
                value = markdown_to_rich_text(block.markdown, resolve, block.line)
            elif block.kind == "callout":
                value = {
                    "level": block.level,
                    "text": markdown_to_rich_text(block.markdown, resolve, block.line),
                }
            elif block.kind == "include":
                value = resolve_list(block.name)
            else:
                value = {"image": block.src, "alt": block.alt, "caption": block.caption}
            answer.append({"type": block.kind, "value": value, "id": block_id})
        questions.append(
            {
                "type": "question",
                "id": _block_id(cid, question.anchor),
                "value": {
                    "question": question.text,
                    "anchor": question.anchor,
                    "short_answer": question.short_answer,
                    "answer": answer,
                    "also_asked": also_asked.for_question(front, question.anchor),
                },
            }
        )
    related = [
        {"type": "page", "id": _block_id(cid, "related", target), "value": resolve(target)}
        for target in front.get("related") or []
    ]
    fields.update(
        questions=questions,
        related=related,
        reviewed_on=front.get("reviewed_on"),
        review_due=front.get("review_due"),
        reviewed_by=str(front.get("reviewed_by", "")).strip(),
    )
    return fields
