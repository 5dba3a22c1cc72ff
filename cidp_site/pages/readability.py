"""The one reading-level measure, shared by the content tests, CI's gate and the editor's panel.

Keeping a single function means a nurse sees in the admin exactly the grade that CI will enforce.
textstat 0.7.3 is pinned on purpose: later versions fetch a dictionary over the network on first use.
"""

import re

import textstat

PAGE_MAX_GRADE = 8.0
SUMMARY_MAX_GRADE = 6.0

# Medical words a patient must learn to read their own letters. They are long by nature, so the
# measure scores them as a two-syllable stand-in rather than forcing awkward paraphrase.
ALLOWED_LONG_TERMS = (
    "chronic inflammatory demyelinating polyneuropathy",
    "intravenous immunoglobulin",
    "immunoglobulin",
    "immunoglobulins",
    "immune globulin",
    "plasmapheresis",
    "plasma exchange",
    "polyneuropathy",
    "myasthenia gravis",
    "multifocal motor neuropathy",
    "guillain-barré syndrome",
    "guillain-barre syndrome",
    "electromyography",
    "nerve conduction study",
    "neurologist",
    "intravenous",
    "inflammatory",
    "inflammation",
    "immune system",
    "immunosuppressant",
    "immunosuppressants",
    "corticosteroids",
    "aseptic meningitis",
    "meningitis",
    "anaphylaxis",
    "demyelinating",
    "maintenance",
    "infusion",
    "infusions",
    "relapse",
)

_TERMS_RE = re.compile(
    "|".join(re.escape(t) for t in sorted(ALLOWED_LONG_TERMS, key=len, reverse=True)),
    re.IGNORECASE,
)

textstat.set_lang("en_US")


def plain_text(text: str) -> str:
    """Replace allowed medical terms with a short stand-in so they don't count against the grade."""
    return _TERMS_RE.sub("term", text)


def grade(text: str) -> float:
    """Flesch-Kincaid grade of ``text`` with the allowed long terms neutralised."""
    text = plain_text(text).strip()
    if not text:
        return 0.0
    return float(textstat.flesch_kincaid_grade(text))
