"""What ranking knows about the whole index: how many entries hold each word, which pages are about
another condition, which entries are about symptoms, and every entry stemmed once.

Built once per change of the index and shared by every search in a worker, so a fresh search does
no per-entry work beyond scoring its candidates (search.ranking).
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max
from django.utils.html import strip_tags

from cidp_site.core.citations import strip as strip_citations

from .models import SearchEntry
from .spelling import common_words
from .text import STOP_WORDS, WORD_RE, fold, index_text, stem, words

# Up to this many entries (this site has ~150) every entry is kept stemmed in each worker, so a
# search stems nothing; past it, memory would grow with the site, so candidates are stemmed per search.
KEEP_STEMMED = 5000

Field = tuple[list[str], dict[str, list[int]]]  # stems in order, and where each stem occurs


@dataclass
class Entry:
    page_id: int
    anchor: str
    title_key: str
    fields: tuple[Field, Field, Field]


@dataclass
class SiteFacts:
    """What ranking needs to know about the index, rebuilt only when the index changes."""

    entries: int
    doc_freq: dict[str, int]
    condition_of: dict[int, frozenset[tuple[str, ...]]]  # page id -> names of its condition
    stemmed: dict[int, Entry]  # every entry's fields, stemmed once per change of the index
    content_of: dict[int, str]  # page id -> the page's permanent content id
    df_cache: dict = field(default_factory=dict)  # stemmed phrases -> entries holding any of them
    holders: dict = field(default_factory=dict)  # stem -> the kept entries that use it, in any field
    symptom_words: frozenset[str] = frozenset()  # stems of the signs the warning lists name
    symptom_entries: frozenset[int] = frozenset()  # entries about symptoms, side effects or warnings
    vectors: dict = field(default_factory=dict)  # entry id -> its and its pieces' vectors (search.meaning)
    meaning_text: dict = field(default_factory=dict)  # entry id -> title and short answer, as indexed
    meaning_pieces: dict = field(default_factory=dict)  # entry id -> entry_pieces()
    # word (folded, as searched) -> how titles and short answers write it: GBS, Privigen, Barré
    written: dict = field(default_factory=dict)


_lock = threading.Lock()
_facts: dict = {"key": None, "value": None}


def _condition_names(title: str) -> frozenset[tuple[str, ...]]:
    """'Guillain-Barré syndrome (GBS)' -> {('guillain','barre','syndrome'), ('gbs',)}."""
    head, _, tail = title.partition("(")
    names = {tuple(words(head)), tuple(words(tail))}
    return frozenset(n for n in names if n)


def entry_meaning_text(title_text: str, snippet_text: str) -> str:
    """What nearness of meaning compares a reader's words with: the title, the short answer and
    the other ways readers ask (search.meaning)."""
    return f"{title_text} {snippet_text}"


def entry_pieces(title: str, snippet: str, phrasings: str | None) -> tuple[str, ...]:
    """The pieces nearness of meaning also compares a reader's words with one by one: a reader's
    search is often close to one way of asking while far from the average of them all."""
    lines = [title, snippet, *(phrasings or "").splitlines()]
    return tuple(line.strip() for line in lines if line.strip())


def last_built() -> SiteFacts | None:
    """The facts site_facts() last returned, without the query that checks they are current: for a
    step that runs straight after ranking in the same search (search.meaning)."""
    with _lock:
        return _facts["value"]


def site_facts() -> SiteFacts:
    from cidp_site.pages.models import FAQPage, HomePage, SectionPage

    key = tuple(SearchEntry.objects.aggregate(m=Max("updated_at"), n=Count("id"), top=Max("id")).values())
    with _lock:
        if _facts["key"] == key:
            return _facts["value"]
    doc_freq: dict[str, int] = {}
    stemmed: dict[int, Entry] = {}
    meaning_text: dict[int, str] = {}
    meaning_pieces: dict[int, tuple[str, ...]] = {}
    holders: dict[str, set[int]] = {}
    rows = SearchEntry.objects.values_list(
        "pk",
        "page_id",
        "anchor",
        "context",
        "title",
        "snippet",
        "phrasings",
        "title_text",
        "snippet_text",
        "body_text",
    )
    signs, warning_titles = _warning_lists()
    about_symptoms, symptom_freq = set(), {}
    forms: Counter = Counter()
    n = 0
    for pk, page_id, anchor, context, title, snippet, phrasings, *texts in rows.iterator(chunk_size=2000):
        n += 1
        forms.update(_forms(title, snippet))
        if _about_symptoms(context, texts, warning_titles):
            about_symptoms.add(pk)
        fields = tuple(stemmed_field(text) for text in texts)
        if n <= KEEP_STEMMED:
            stemmed[pk] = Entry(page_id, anchor, texts[0], fields)
            meaning_text[pk] = entry_meaning_text(texts[0], texts[1])
            meaning_pieces[pk] = entry_pieces(title, snippet, phrasings)
        for s in {s for stems, _ in fields for s in stems}:
            doc_freq[s] = doc_freq.get(s, 0) + 1
            if n <= KEEP_STEMMED:
                holders.setdefault(s, set()).add(pk)
            if pk in about_symptoms:
                symptom_freq[s] = symptom_freq.get(s, 0) + 1
    if n > KEEP_STEMMED:  # a big index: each search reads its own
        stemmed, meaning_text, meaning_pieces, holders = {}, {}, {}, {}
    condition_of = {}
    sections = SectionPage.objects.filter(content_id__in=settings.SEARCH_OTHER_CONDITION_SECTIONS)
    for section in sections:
        for page in FAQPage.objects.child_of(section).only("id", "title"):
            condition_of[page.pk] = _condition_names(page.title)
    content_of: dict[int, str] = {}
    for model in (HomePage, SectionPage, FAQPage):
        content_of.update(model.objects.exclude(content_id=None).values_list("pk", "content_id"))
    value = SiteFacts(
        n,
        doc_freq,
        condition_of,
        stemmed,
        content_of,
        meaning_text=meaning_text,
        meaning_pieces=meaning_pieces,
        holders={s: frozenset(pks) for s, pks in holders.items()},
    )
    # A sign is a symptom word if most entries using it are about symptoms ("headache", not
    # "infusion", which the lists also name).
    value.symptom_words = frozenset(
        s for s in signs if symptom_freq.get(s, 0) >= SIGN_SHARE * doc_freq.get(s, 1)
    )
    value.symptom_entries = frozenset(about_symptoms)
    value.written = _written(forms)
    with _lock:
        _facts.update(key=key, value=value)
    return value


SENTENCE_START_RE = re.compile(r"(?:^|[.?!:]\s+)([^\W_]+)")


def _forms(*texts: str) -> list[str]:
    """The words of reader-facing text as written, but not a sentence's first word, whose capital
    says nothing about the word ("What", "Can"), unless a name joins it ("Guillain-Barré")."""
    found = []
    for text in texts:
        starts = {m.start(1) for m in SENTENCE_START_RE.finditer(text)}
        found.extend(
            m.group() for m in WORD_RE.finditer(text) if m.start() not in starts or _named(text, m.end())
        )
    return found


def _named(text: str, end: int) -> bool:
    return text[end : end + 1] == "-" and text[end + 1 : end + 2].isupper()


def _written(forms: Counter) -> dict[str, str]:
    """Each word as searched (folded) -> its commonest written form, where that is not lower case:
    "Did you mean" then shows "GBS" and "Barré", as the pages do. Never "US" for "us" or "ICE" for
    "ice": an everyday word, or one the pages also write in lower case, stays as it is."""
    everyday = common_words() | STOP_WORDS
    lower = {fold(form) for form in forms if form.islower()}
    written: dict[str, str] = {}
    for form, _ in sorted(forms.items(), key=lambda item: (-item[1], item[0])):
        written.setdefault(fold(form), form)
    return {w: form for w, form in written.items() if form != w and w not in lower and w not in everyday}


LI_ELEMENT_RE = re.compile(r"<li\b[^>]*>(.*?)</li>", re.S | re.I)  # a list item in stored rich text
SIGN_SHARE = 0.5
SYMPTOM_TOPIC = ("symptom", "side effect")  # in an entry's title or its page's: it is about signs


def _warning_lists() -> tuple[set[str], list[str]]:
    """The signs the shared "when to get help" lists name (their list items' words), and the
    lists' titles as they appear in the entries that include them."""
    from cidp_site.pages.library import WarningList

    signs, titles = set(), []
    for title, text in WarningList.objects.filter(live=True).values_list("title", "text"):
        titles.append(index_text(title))
        for item in LI_ELEMENT_RE.findall(text or ""):
            signs.update(stem(w) for w in words(strip_citations(strip_tags(item))) if w not in STOP_WORDS)
    return signs, titles


def _about_symptoms(context: str, texts, warning_titles) -> bool:
    title, _, body = texts
    heading = f"{title} {index_text(context)}"
    return any(t in heading for t in SYMPTOM_TOPIC) or any(t and t in body for t in warning_titles)


def stemmed_field(text: str) -> Field:
    stems = [stem(w) for w in text.split()]
    where: dict[str, list[int]] = {}
    for i, s in enumerate(stems):
        where.setdefault(s, []).append(i)
    return stems, where
