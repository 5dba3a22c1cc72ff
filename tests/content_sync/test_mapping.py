"""Markdown -> rich text: wrapped lines in the files must read as one paragraph or list item."""

from cidp_site.content_sync.mapping import markdown_to_rich_text


def convert(markdown):
    return markdown_to_rich_text(markdown, resolve=lambda cid: 1)


def test_a_wrapped_paragraph_is_one_paragraph_without_line_breaks():
    assert convert("The ongoing doses are\ncalled the maintenance dose.") == (
        "<p>The ongoing doses are called the maintenance dose.</p>"
    )


def test_a_wrapped_list_item_stays_in_its_list():
    html = convert("- one infusion every month or every two\n  months\n- another item")
    assert html == "<ul><li>one infusion every month or every two months</li><li>another item</li></ul>"


def test_a_hard_line_break_and_headings_are_kept():
    assert convert("first\\\nsecond") == "<p>first<br/>second</p>"
    assert convert("### A heading\nA paragraph") == "<h3>A heading</h3><p>A paragraph</p>"


def test_a_citation_stays_text_even_before_a_link_and_comes_back_as_written():
    from cidp_site.pages.markdown import rich_text_to_markdown

    markdown = "It helps [@ice-trial-2008; @ean-pns-2021]. Read [more](https://www.nhs.uk/)."
    html = convert(markdown)
    assert html == (
        '<p>It helps [@ice-trial-2008; @ean-pns-2021]. Read <a href="https://www.nhs.uk/">more</a>.</p>'
    )
    assert rich_text_to_markdown(html, lambda pk: "x") == markdown
    assert rich_text_to_markdown(convert("- chest pain [@label]"), lambda pk: "x") == "- chest pain [@label]"
