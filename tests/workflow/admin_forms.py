"""Build the POST data the Wagtail page editor sends, from a page's current (draft) values.

The StreamField format (count / N-type / N-value / N-order / N-deleted / N-id, nested for the answer
stream inside each question) is what the editor's JavaScript submits; building it from the blocks
themselves keeps the tests honest about the real form.
"""

from wagtail import blocks
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cidp_site.pages.blocks import RICH_TEXT_FEATURES


def block_data(block, value):
    if isinstance(block, blocks.StreamBlock):
        data = {}
        for n, child in enumerate(value):
            data[str(n)] = {
                "type": child.block_type,
                "value": block_data(child.block, child.value),
                "deleted": "",
                "order": str(n),
                "id": child.id or "",
            }
        data["count"] = str(len(value))
        return data
    if isinstance(block, blocks.StructBlock):
        return {name: block_data(child, value[name]) for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value.source, features=RICH_TEXT_FEATURES)
    if isinstance(block, blocks.ChooserBlock):  # a related page, a shared warning list
        return str(value.pk) if value else ""
    form_value = block.value_for_form(value)
    return "" if form_value is None else str(form_value)


def faq_form_data(page, **changes) -> dict:
    """The editor's POST for an FAQ page, with ``changes`` applied to the page's values first."""
    for name, value in changes.items():
        setattr(page, name, value)
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "intro": rich_text(page.intro or "", features=RICH_TEXT_FEATURES),
        "reviewed_on": page.reviewed_on.isoformat() if page.reviewed_on else "",
        "review_due": page.review_due.isoformat() if page.review_due else "",
        "reviewed_by": page.reviewed_by,
        "seo_title": page.seo_title,
        "search_description": page.search_description,
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
    }
    for name in ("questions", "related"):
        data[name] = block_data(page._meta.get_field(name).stream_block, getattr(page, name))
    return nested_form_data(data)


def with_short_answer(page, index: int, text: str):
    """A copy of the page's questions with one short answer replaced."""
    raw = page.questions.get_prep_value()
    raw[index]["value"]["short_answer"] = text
    return raw
