"""Text handling shared by indexing and querying, so both sides see words the same way.

Everything is folded to lowercase without accents ("Barré" -> "barre") before it reaches either
database, so SQLite FTS5 and PostgreSQL index and match identical words. Only letters and digits
survive tokenising, which is also what makes user input safe: quotes, ``*``, brackets and ``-``
never reach a full-text query, and operator words are always quoted or passed as plain lexemes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WORD_RE = re.compile(r"[^\W_]+")
SPLIT_RE = re.compile(r"([^\W_]+)")

# PostgreSQL's English stop words (its 'english' configuration drops the same ones), so SQLite
# queries ignore exactly the words PostgreSQL ignores.
STOP_WORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
    her hers herself it its itself they them their theirs themselves what which who whom this that
    these those am is are was were be been being have has had having do does did doing a an the
    and but if or because as until while of at by for with about against between into through
    during before after above below to from up down in out on off over under again further then
    once here there when where why how all any both each few more most other some such no nor not
    only own same so than too very s t can will just don should now
    """.split()
)


def fold(text: str) -> str:
    """Lowercase and strip accents: the form both indexes store and every query is matched in."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    return WORD_RE.findall(fold(text))


def index_text(text: str) -> str:
    """Folded words separated by single spaces: what goes into a full-text column."""
    return " ".join(words(text))


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A light suffix stripper, only for deciding which shown words to highlight."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + keep
    return word


@lru_cache(maxsize=100_000)
def _folded(word: str) -> str:
    return fold(word)


def highlight(text: str, terms: set[str]) -> SafeString:
    """Escape ``text`` and wrap the words matching ``terms`` (folded) in <mark>."""
    stems = {stem(t) for t in terms}
    out = []
    for n, part in enumerate(SPLIT_RE.split(text or "")):
        if n % 2 == 1 and ((key := _folded(part)) in terms or stem(key) in stems):
            out.append(f"<mark>{escape(part)}</mark>")
        else:
            out.append(escape(part))
    return mark_safe("".join(out))  # noqa: S308 - every part above is escaped
