"""One markdown pipeline (cidp_site.pages.markdown) for every text a file or a nurse writes.

An intro, an answer, a callout and a shared warning list are read and sanitised by the same
function, so one whitelist guards them all, and what a reader is served never carries a script.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from wagtail.rich_text import expand_db_html

from cidp_site.content_sync import warning_lists
from cidp_site.content_sync.mapping import MappingError, page_fields
from cidp_site.content_sync.parse import parse_bytes
from cidp_site.pages import markdown as pipeline

SAMPLE = "Watch for these:\n\n- **chest pain** [@nhs-ivig]\n- a *rash*, see [IVIG](page:ivig)"
PAGE = """---
id: sample
title: A sample page
summary: A short summary.
---
{text}

## A question? {{#a-question}}

A short answer.

{text}

:::emergency
{text}
:::
"""
WARNING_LIST = "---\nid: sample-list\nlevel: emergency\ntitle: When to call\n---\n{text}\n"


def parsed(text: str, rel: str):
    found = parse_bytes(text.encode(), Path("content") / rel, rel, 100_000)
    assert not found.problems
    return found


def four_texts(text: str) -> dict:
    """The stored value of the same markdown as an intro, an answer, a callout and a warning list."""
    fields = page_fields(parsed(PAGE.format(text=text), "cidp/sample.md"), lambda cid: 7, lambda name: 1)
    answer = fields["questions"][0]["value"]["answer"]
    listed = warning_lists.list_fields(
        parsed(WARNING_LIST.format(text=text), "warnings/sample-list.md"), lambda cid: 7
    )
    return {
        "intro": fields["intro"],
        "answer": answer[0]["value"],
        "callout": answer[1]["value"]["text"],
        "warning list": listed["text"],
    }


def test_an_intro_an_answer_a_callout_and_a_warning_list_store_the_pipelines_html():
    html, removals = pipeline.rich_text_from_markdown(SAMPLE, lambda cid: 7)
    assert removals == []
    assert html == (
        "<p>Watch for these:</p><ul><li><b>chest pain</b> [@nhs-ivig]</li>"
        '<li>a <i>rash</i>, see <a id="7" linktype="page">IVIG</a></li></ul>'
    )
    assert four_texts(SAMPLE) == dict.fromkeys(("intro", "answer", "callout", "warning list"), html)


def test_the_one_whitelist_decides_for_all_four(monkeypatch):
    """Take bold out of the pipeline's whitelist and every kind of text refuses it, at its own line."""
    monkeypatch.setattr(pipeline, "RICH_TEXT_FEATURES", ["h3", "italic", "ol", "ul", "link"])
    with pytest.raises(MappingError, match="pages cannot show") as intro:
        page_fields(parsed(PAGE.format(text=SAMPLE), "cidp/sample.md"), lambda cid: 7, lambda name: 1)
    assert intro.value.line == 6
    page = PAGE.format(text="An intro.").replace(
        "A short answer.\n\nAn intro.", f"A short answer.\n\n{SAMPLE}"
    )
    with pytest.raises(MappingError) as answer:
        page_fields(parsed(page, "cidp/sample.md"), lambda cid: 7, lambda name: 1)
    assert answer.value.line == 12
    page = PAGE.format(text="Plain.").replace(":::emergency\nPlain.", f":::emergency\n{SAMPLE}")
    with pytest.raises(MappingError) as callout:
        page_fields(parsed(page, "cidp/sample.md"), lambda cid: 7, lambda name: 1)
    assert callout.value.line == 14
    with pytest.raises(MappingError) as listed:
        warning_lists.list_fields(
            parsed(WARNING_LIST.format(text=SAMPLE), "warnings/sample-list.md"), lambda cid: 7
        )
    assert listed.value.line == 6


def test_the_export_writes_back_what_the_pipeline_read():
    """(Page links need a page in the database: the export tests cover them with the real content.)"""
    markdown = SAMPLE.replace("page:ivig", "https://www.nhs.uk/")
    html, _ = pipeline.rich_text_from_markdown(markdown, lambda cid: 7)
    assert pipeline.rich_text_to_markdown(html, lambda pk: "unused") == markdown


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "[click](vbscript:msgbox(1))",
    "[click](jav&#x09;ascript:alert(1))",
    "<iframe src='https://evil.example'></iframe>",
    "<style>body{display:none}</style>",
    '<a href="#" onclick="alert(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<svg onload=alert(1)><circle/></svg>",
    "<object data='x.swf'></object>",
    "<form action='https://evil.example'><input name=a></form>",
    "![x](javascript:alert(1))",
    '<a href="&#106;avascript:alert(1)">x</a>',
    "**<script>alert(1)</script>**",
    "- [x](javascript:alert(1))",
]
ALLOWED = {
    "p": set(),
    "br": set(),
    "b": set(),
    "i": set(),
    "h3": set(),
    "ul": set(),
    "ol": set(),
    "li": set(),
}
ALLOWED["a"] = {"href"}
SCHEMES = {"https", "http", "mailto", "tel"}
# How a browser reads a URL's scheme: control characters and spaces inside it are ignored.
SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.-]*):")


class Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_markdown_reaches_a_reader_harmless(source):
    """Raw HTML stays text and links keep only a safe scheme (or none: a relative address).

    A file with raw HTML or an unsafe link is refused before this, with its path and line
    (tests/content_sync/test_bad_input.py); this is the guard behind that check.
    """
    html, _ = pipeline.rich_text_from_markdown(source, lambda cid: 7)
    elements = Elements()
    elements.feed(expand_db_html(html))
    for tag, attrs in elements.found:
        assert tag in ALLOWED, (tag, html)
        for name, value in attrs:
            assert name in ALLOWED[tag], (tag, name, html)
            scheme = SCHEME_RE.match(re.sub(r"[\x00-\x20]", "", value.lower()))
            assert scheme is None or scheme.group(1) in SCHEMES, (value, html)
