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

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

WORD_RE = re.compile(r"[^\W_]+")
SPLIT_RE = re.compile(r"([^\W_]+)")

# PostgreSQL's English stop words (its 'english' configuration drops the same ones), so SQLite
# queries ignore the words PostgreSQL ignores; then the pieces of contractions readers type with or
# without the apostrophe ("doesn't" is "doesn t", "cant", "im"), which carry no topic either. Both
# engines only ever see what is left.
STOP_WORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
    her hers herself it its itself they them their theirs themselves what which who whom this that
    these those am is are was were be been being have has had having do does did doing a an the
    and but if or because as until while of at by for with about against between into through
    during before after above below to from up down in out on off over under again further then
    once here there when where why how all any both each few more most other some such no nor not
    only own same so than too very s t can will just don should now
    doesn didn isn wasn weren won wouldn shouldn couldn hadn hasn haven aren ll re ve d m
    cant dont doesnt didnt wont isnt im ive whats thats
    """.split()
)


# Tags that end a word: without a space, "<li>fever</li><li>flushing</li>" would index "feverflushing".
BLOCK_TAG_RE = re.compile(r"<(?=/?(?:p|li|ul|ol|h[1-6]|br|hr|div|tr|td|th|blockquote|dt|dd)\b)", re.I)


def html_text(html: str) -> str:
    """The words of rich text, each paragraph and list item apart from the next."""
    return strip_tags(BLOCK_TAG_RE.sub(" <", html or ""))


def fold(text: str) -> str:
    """Lowercase and strip accents: the form both indexes store and every query is matched in."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# Letters with dots between them are one word: "c.i.d.p" is "cidp", "i.v.i.g." is "ivig".
INITIALS_RE = re.compile(r"\b[a-z](?:\.[a-z])+\b\.?")


def words(text: str) -> list[str]:
    """Folded words; "&" is "and", so "A&E" meets "A and E" (the same on both sides)."""
    folded = INITIALS_RE.sub(lambda m: m.group(0).replace(".", ""), fold(text))
    return WORD_RE.findall(folded.replace("&", " and "))


def index_text(text: str) -> str:
    """Folded words separated by single spaces: what goes into a full-text column."""
    return " ".join(words(text))


# UK and US spellings of the same word meet in one form: readers type both, pages use one.
_UK_US = (
    (re.compile(r"(?<=\w{3})is(e|ed|es|ing|ation|ations)$"), r"iz\1"),  # randomised, randomized
    (re.compile(r"(?<=\w{2})ys(e|ed|es|ing)$"), r"yz\1"),  # analyse, analyze
    (re.compile(r"(?<=\w{2}[^aeiouy])re(s)?$"), r"er\1"),  # fibre, fiber; centre, center
    (re.compile(r"(?<=\w{2})our(s|ed|ing|ite|ites)?$"), r"or\1"),  # tumour, behaviour, favourite
    (re.compile(r"(?<=\w)aem"), "em"),  # anaemia, haemoglobin, leukaemia
    (re.compile(r"^(orthop|p)aed"), r"\1ed"),  # paediatric
    (re.compile(r"^oe(?=\w{3})"), "e"),  # oedema, oestrogen, oesophagus
    (re.compile(r"(rrh|pn)oea$"), r"\1ea"),  # diarrhoea, dyspnoea
    (re.compile(r"^foet"), "fet"),
    (re.compile(r"^coeliac"), "celiac"),
    (re.compile(r"(?<=\w{3})ogue(s)?$"), r"og\1"),  # catalogue, catalog
    (re.compile(r"^(defen|licen|offen)ce(s)?$"), r"\1se\2"),
    (re.compile(r"^programme"), "program"),
)
_DERIVED = (("ness", 3), ("ment", 4), ("fully", 3), ("ful", 4))
_INFLECTED = (("ies", "y", 2), ("ied", "y", 2), ("ing", "", 3), ("ed", "", 3), ("es", "", 3), ("s", "", 3))


def spelling_key(word: str) -> str:
    """The US spelling of a UK-spelt word (or the word): both sides of the Atlantic match."""
    for pattern, repl in _UK_US:
        word = pattern.sub(repl, word)
    return word


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A light stemmer for ranking and highlighting, close enough to the engines' Porter stemmer
    that what they match, ranking also sees: "causes", "caused", "cause" -> "caus"; "tiredness",
    "tired" -> "tir"; "stopped" -> "stop"; "fibre", "fiber" -> "fiber"."""
    word = spelling_key(word)
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, keep in _DERIVED:
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            word = word[: -len(suffix)]
            break
    if word.endswith("ly") and len(word) >= 6 and word[-3] not in "aeiouy":
        word = word[:-2]  # quickly -> quick (not family, early)
    for suffix, keep, least in _INFLECTED:
        if not word.endswith(suffix) or len(word) - len(suffix) < least:
            continue
        if suffix == "s" and word[-2] in "sui":
            break  # loss, virus, diagnosis: not plurals
        if suffix == "es" and word[-3] not in "sxz" and not word.endswith(("ches", "shes")):
            suffix, keep = "s", ""  # doses -> dose (-> dos below), reflexes -> reflex
        word = word[: -len(suffix)] + keep
        if suffix in ("ing", "ed") and len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeiousz":
            if word[-1] != "l" or len(word) >= 6:
                word = word[:-1]  # stopped -> stop, travelling -> travel (not filled -> fil)
        break
    if word.endswith("osis") and len(word) >= 7:
        word = word[:-2]  # diagnosis, diagnosed: one stem
    if word.endswith("e") and len(word) >= 4:
        word = word[:-1]  # cause, causes, caused: one stem
    return word


@lru_cache(maxsize=100_000)
def _folded(word: str) -> str:
    return fold(word)


def highlight(text: str, terms: set[str]) -> SafeString:
    """Escape ``text`` and wrap the words matching ``terms`` (folded) in <mark>. A term of several
    words (a synonym the reader did not type, "new medicines") is marked only where its words
    stand together, as one mark: "medicines" alone is not what the reader asked about."""
    stems = {stem(t) for t in terms if " " not in t}
    phrases = [tuple(stem(w) for w in t.split()) for t in terms if " " in t]
    parts = SPLIT_RE.split(text or "")
    keys = {n: _folded(part) for n, part in enumerate(parts) if n % 2 == 1}
    ends = {n: n for n, key in keys.items() if key in terms or stem(key) in stems}
    for n in keys:
        for phrase in phrases:
            last = n + 2 * (len(phrase) - 1)
            if last in keys and all(
                stem(keys[n + 2 * k]) == word and (k == 0 or _joins(parts[n + 2 * k - 1]))
                for k, word in enumerate(phrase)
            ):
                ends[n] = max(ends.get(n, n), last)
    out, n = [], 0
    while n < len(parts):
        if n in ends:
            last = ends[n]
            k = n
            while k < last:  # a phrase overlapping the next mark grows to cover it
                k += 1
                last = max(last, ends.get(k, k))
            out.append(f"<mark>{escape(''.join(parts[n : last + 1]))}</mark>")
            n = last + 1
        else:
            out.append(escape(parts[n]))
            n += 1
    return mark_safe("".join(out))  # noqa: S308 - every part above is escaped


def _joins(between: str) -> bool:
    """Whether the text between two words keeps them one phrase: spaces or a hyphen, no stop."""
    return not between.strip(" -\u00a0")
