"""A page's rich text and questions as the markdown a content file holds.

It lives with the page types because two rooms need the very same text: the export writes it into
files (content_sync.serialise) and the editor's readability panel grades it, so the number a nurse
sees while editing is the number CI checks after export.
"""

from __future__ import annotations

import re

from .markdown import rich_text_to_markdown

# The content format's own lines, as question_markdown writes them: content_sync.parse reads files
# with these and the reading-level measure reads this module's output with them, so all three agree.
# A callout's fence: ':::<level>' opens it, a bare ':::' (no level) closes it.
CALLOUT_FENCE_RE = re.compile(r"^:::\s*(?P<level>[a-z-]*)\s*$")
INCLUDE_RE = re.compile(r"^:::include\s+(?P<name>\S+)\s*$")
# A picture: ![alt](src "caption"). On a line of its own it is a figure block; the reading level
# also finds it inside a line.
IMAGE_RE = re.compile(r'!\[(?P<alt>[^\]]*)\]\((?P<src>[^\s)]+)(?:\s+"(?P<caption>[^"]*)")?\)')


def squash(text) -> str:
    """Runs of white space as one space: how plain fields are compared and written."""
    return " ".join(str(text or "").split())


def question_markdown(value: dict, content_id_of) -> str:
    """One question block as its ``## Question {#anchor}`` section."""
    parts = [f"## {squash(value['question'])} {{#{value['anchor']}}}", squash(value["short_answer"])]
    for child in value["answer"] or []:
        if child.block_type == "text":
            parts.append(rich_text_to_markdown(child.value.source, content_id_of))
        elif child.block_type == "callout":
            text = rich_text_to_markdown(child.value["text"].source, content_id_of)
            parts.append(f":::{child.value['level']}\n{text}\n:::")
        elif child.block_type == "include":
            if child.value is not None:
                parts.append(f":::include {child.value.list_id}")
        else:
            figure = child.value
            caption = f' "{figure["caption"]}"' if figure["caption"] else ""
            parts.append(f"![{figure['alt']}]({figure['image']}{caption})")
    return "\n\n".join(p for p in parts if p)
