"""Readability in the editor: the grade of the draft, by the same measure as the content tests.

The draft is written out as the markdown its file would hold (pages.to_markdown, which the export
also writes with), then reduced to the text a reader meets, one block per heading, paragraph and
list item, each ended as a sentence, by cidp_site.pages.readability.markdown_text(), which
tests/content uses too; grade() scores it. So the number a nurse sees while editing is the number
CI will check after export.
"""

from __future__ import annotations

from wagtail.admin.panels import Panel

from .markdown import rich_text_to_markdown
from .readability import (
    PAGE_MAX_GRADE,
    SUMMARY_MAX_GRADE,
    grade,
    markdown_text,
    warning_list_markdown,
)
from .to_markdown import question_markdown


def draft_body_markdown(page) -> str:
    """The page body as its file would hold it; links are irrelevant to the grade."""
    parts = [rich_text_to_markdown(page.intro, lambda pk: "page")] if page.intro else []
    for block in getattr(page, "questions", []) or []:
        parts.append(question_markdown(block.value, lambda pk: "page"))
    return "\n\n".join(parts)


def included_lists(page) -> dict[str, str]:
    """The shared warning lists the draft includes, as the reader meets them (id -> markdown)."""
    found = {}
    for block in getattr(page, "questions", []) or []:
        for child in block.value["answer"] or []:
            if child.block_type == "include" and child.value is not None:
                text = rich_text_to_markdown(child.value.text, lambda pk: "page")
                found[child.value.list_id] = warning_list_markdown(child.value.title, text)
    return found


def assess(page) -> dict:
    summary = " ".join((page.summary or "").split())
    body = markdown_text(draft_body_markdown(page), included_lists(page))
    result = {
        "body_grade": grade(body) if body else None,
        "summary_grade": grade(summary) if summary else None,
        "page_max": PAGE_MAX_GRADE,
        "summary_max": SUMMARY_MAX_GRADE,
    }
    result["body_too_hard"] = result["body_grade"] is not None and result["body_grade"] > PAGE_MAX_GRADE
    result["summary_too_hard"] = (
        result["summary_grade"] is not None and result["summary_grade"] > SUMMARY_MAX_GRADE
    )
    return result


class ReadabilityPanel(Panel):
    """Shows the saved draft's reading grade at the top of the editor, with a warning when too hard."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Reading level")
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "workflow/readability_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["readability"] = assess(self.instance) if self.instance.pk else None
            return context
