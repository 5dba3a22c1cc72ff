"""The one reading-level measure, shared by the content tests, CI's gate and the editor's panel.

Keeping a single function means a nurse sees in the admin exactly the grade that CI will enforce.
textstat 0.7.3 is pinned on purpose: later versions fetch a dictionary over the network on first use.
"""

import re
import warnings
from collections.abc import Mapping

with warnings.catch_warnings():  # textstat 0.7.3 imports pkg_resources (setuptools < 81, see requirements.in)
    warnings.filterwarnings("ignore", "pkg_resources is deprecated as an API", UserWarning)
    import textstat

from cidp_site.core import citations

from .to_markdown import CALLOUT_FENCE_RE, IMAGE_RE, INCLUDE_RE

PAGE_MAX_GRADE = 8.0
SUMMARY_MAX_GRADE = 6.0

# Names a patient must be able to read, because they appear in their own letters, prescriptions and
# results, and no shorter word names the same thing. The measure scores each as a one-syllable
# stand-in, so the page is graded on everything around them. Only names belong here: everyday words
# (infusion, maintenance, relapse, inflammation, immune system) are graded like any other word.
ALLOWED_LONG_TERMS = (
    # The condition this site is about, and the conditions it is compared with.
    "chronic inflammatory demyelinating polyneuropathy",
    "polyneuropathy",
    "demyelinating",
    "inflammatory",  # part of the condition's name, often written alone ("inflammatory neuropathy")
    "multifocal motor neuropathy",
    "myasthenia gravis",
    "guillain-barré syndrome",
    "guillain-barre syndrome",
    # The treatments, as written on a prescription or an infusion chart.
    "intravenous immunoglobulin",
    "intravenous",
    "immunoglobulin",
    "immunoglobulins",
    "immune globulin",
    "plasmapheresis",
    "plasma exchange",
    "corticosteroids",
    "immunosuppressant",
    "immunosuppressants",
    # The tests and the specialist named in appointment letters.
    "electromyography",
    "nerve conduction study",
    "neurologist",
    # Rare but serious reactions a patient must recognise in a leaflet or when told to seek help.
    "aseptic meningitis",
    "meningitis",
    "anaphylaxis",
)

_TERMS_RE = re.compile(
    "|".join(re.escape(t) for t in sorted(ALLOWED_LONG_TERMS, key=len, reverse=True)),
    re.IGNORECASE,
)

textstat.set_lang("en_US")


def plain_text(text: str) -> str:
    """Replace the allowed names with a one-syllable stand-in so they don't count against the grade."""
    return _TERMS_RE.sub("term", text)


def grade(text: str) -> float:
    """Flesch-Kincaid grade of ``text`` with the allowed long terms neutralised."""
    text = plain_text(text).strip()
    if not text:
        return 0.0
    return float(textstat.flesch_kincaid_grade(text))


# Any heading a body holds (a question's '##', an answer's '###'), graded as a sentence of its own.
# Not content_sync.parse's QUESTION_HEADING_RE: that one finds questions and takes their anchor
# apart; here the anchor is only dropped (ANCHOR_RE).
MARKDOWN_HEADING_RE = re.compile(r"^(#{2,6})\s+(.*?)\s*$")
ANCHOR_RE = re.compile(r"\s*\{#([^}]*)\}\s*$")
LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
LIST_MARKER_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def _finish(block: str) -> str:
    """End a block with sentence punctuation so it counts as its own sentence."""
    block = block.strip()
    if not block:
        return ""
    if block.endswith(":"):
        return block[:-1] + "."
    if block[-1] not in ".!?":
        return block + "."
    return block


def _inline(text: str) -> str:
    text = citations.strip(text)  # a reader meets a small number, not the words inside the marker
    text = IMAGE_RE.sub(lambda m: ". ".join(p for p in (m.group("alt"), m.group("caption")) if p), text)
    text = LINK_RE.sub(r"\1", text)
    text = text.replace("**", "").replace("__", "")
    text = re.sub(r"(?<![\w*])\*(?!\s)([^*]+?)\*", r"\1", text)
    text = re.sub(r"(?<!\w)_(?!\s)([^_]+?)_(?!\w)", r"\1", text)
    text = text.replace("`", "")
    return text


def warning_list_markdown(title: str, body: str) -> str:
    """A shared warning list as a reader meets it where it is included: its title, then its list."""
    return f"{title}\n\n{body}"


def markdown_text(body: str, lists: Mapping[str, str] | None = None) -> str:
    """Plain text of a markdown body: no heading marks, anchors, link targets, fences or list marks.

    Each heading, paragraph and list item is one block, and each block is closed with a full stop
    when it has none, because that is how a reader meets it on screen: a list of side effects is a
    list of short items, not one long sentence. A trailing colon (a list's lead-in) counts as an end.
    Citation markers are dropped; ``:::include <id>`` is replaced by that warning list's text from
    ``lists`` (id -> markdown, see warning_list_markdown), because the reader sees it there.
    """
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append(_finish(_inline(" ".join(current))))
            current.clear()

    for line in body.splitlines():
        stripped = line.strip()
        include = INCLUDE_RE.match(stripped)
        if include:
            flush()
            if lists and include.group(1) in lists:
                blocks.append(markdown_text(lists[include.group(1)]))
            continue
        if not stripped or CALLOUT_FENCE_RE.match(stripped):
            flush()
            continue
        heading = MARKDOWN_HEADING_RE.match(stripped)
        if heading:
            flush()
            blocks.append(_finish(_inline(ANCHOR_RE.sub("", heading.group(2)))))
            continue
        if stripped.startswith("#"):  # a level-1 heading, should there be one
            flush()
            blocks.append(_finish(_inline(stripped.lstrip("#"))))
            continue
        if LIST_MARKER_RE.match(line):
            flush()
            current.append(LIST_MARKER_RE.sub("", line).strip())
            continue
        if stripped.startswith(">"):
            stripped = stripped.lstrip("> ")
        current.append(stripped)
    flush()
    return " ".join(b for b in blocks if b)
