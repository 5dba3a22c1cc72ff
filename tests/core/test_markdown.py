"""The one markdown rendering function must neutralise hostile input."""

import pytest

from cidp_site.core.markdown import render_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "[click](vbscript:msgbox(1))",
    "<iframe src='https://evil.example'></iframe>",
    "<style>body{display:none}</style>",
    '<a href="#" onclick="alert(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<svg onload=alert(1)><circle/></svg>",
    "<object data='x.swf'></object>",
    "<form action='https://evil.example'><input name=a></form>",
    "![x](javascript:alert(1))",
    '<a href="&#106;avascript:alert(1)">x</a>',
]


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_markdown_is_rendered_harmless(source):
    html = str(render_markdown(source)).lower()
    for bad in ("<script", "onerror", "onclick", "onload", "javascript:", "vbscript:", "data:"):
        assert bad not in html
    for tag in ("<iframe", "<style", "<svg", "<object", "<form", "<input", "<img", "style="):
        assert tag not in html


def test_ordinary_markdown_keeps_its_meaning():
    html = str(
        render_markdown("Most people feel **fine**.\n\n- headache\n- chills\n\n[NHS](https://www.nhs.uk/)")
    )
    assert "<strong>fine</strong>" in html
    assert "<li>headache</li>" in html
    assert '<a href="https://www.nhs.uk/" rel="noopener noreferrer">NHS</a>' in html


def test_tables_and_footnotes_are_supported():
    html = str(render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: Note."))
    assert "<table>" in html and "<td>1</td>" in html
    assert "Note." in html
