"""From what a reader typed to ranked results: clean, correct spelling, expand synonyms, search.

Readers type what they feel and how they heard it, so every word may be misspelt or a synonym:
each word becomes a group of alternatives (its synonyms, its correction), and a row matches if it
has any of them. Ranking then favours rows that match more groups, and in the title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from wagtail.models import PageViewRestriction

from .backends import get_backend
from .models import SearchEntry, SynonymGroup
from .spelling import vocabulary
from .text import STOP_WORDS, highlight, stem, words

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
MAX_PHRASE = 6
CANDIDATES = 100  # ranked in Python; also the most results a reader can page through


@dataclass
class ParsedQuery:
    text: str
    groups: list[list[tuple[str, ...]]] = field(default_factory=list)
    corrected: str | None = None
    terms: set[str] = field(default_factory=set)
    vocab: object = None


@dataclass
class Result:
    title: str
    url: str
    snippet: str
    context: str
    is_question: bool
    title_html: str = ""
    snippet_html: str = ""


def clean(raw: str | None) -> str:
    """One line of printable text: control and formatting characters (NUL, RTL overrides) go."""
    text = "".join(c if c.isprintable() else " " for c in (raw or "")[: MAX_QUERY_LENGTH * 4])
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def synonym_phrases() -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """Each synonym phrase -> every phrase of its group (a phrase may sit in several groups).

    The raw terms are read on every search (nurses' edits apply at once, in every worker); the
    table built from them is reused while they are unchanged.
    """
    return _synonym_table(tuple(SynonymGroup.objects.values_list("terms", flat=True)))


@lru_cache(maxsize=4)
def _synonym_table(all_terms: tuple[str, ...]) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    table: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for terms in all_terms:
        phrases = SynonymGroup(terms=terms).phrases()
        for phrase in phrases:
            merged = table.setdefault(phrase[:MAX_PHRASE], [])
            merged.extend(p for p in phrases if p not in merged)
    return table


def parse(raw: str) -> ParsedQuery:
    text = clean(raw)
    original = words(text)[:MAX_WORDS]
    parsed = ParsedQuery(text=text)
    if not original:
        return parsed
    synonyms = synonym_phrases()
    vocab = parsed.vocab = vocabulary(tuple(sorted(synonyms)))
    fixed = [w if w in STOP_WORDS else (vocab.correct(w) or w) for w in original]
    if fixed != original:
        parsed.corrected = " ".join(fixed)
    i = 0
    while i < len(fixed):
        for size in range(min(MAX_PHRASE, len(fixed) - i), 0, -1):
            chunk = tuple(fixed[i : i + size])
            if chunk in synonyms:
                group = list(synonyms[chunk])
                typed = tuple(original[i : i + size])
                if typed not in group:
                    group.append(typed)
                parsed.groups.append(group)
                i += size
                break
        else:
            if fixed[i] not in STOP_WORDS:
                group = [(fixed[i],)] + ([(original[i],)] if original[i] != fixed[i] else [])
                parsed.groups.append(group)
            i += 1
    for group in parsed.groups:
        for phrase in group:
            parsed.terms.update(w for w in phrase if w not in STOP_WORDS)
    return parsed


URL_FIELDS = ("id", "path", "depth", "url_path", "live", "locale_id", "translation_key", "content_type_id")
FIELD_WEIGHTS = (("title_text", 3.0), ("snippet_text", 2.0), ("body_text", 1.0))


def _has_phrase(stems: list[str], stem_set: set[str], phrase: tuple[str, ...]) -> bool:
    target = [stem(w) for w in phrase]
    if not all(t in stem_set for t in target):
        return False
    n = len(target)
    return n == 1 or any(stems[i : i + n] == target for i in range(len(stems) - n + 1))


def rerank(entry_ids: list[int], parsed: ParsedQuery, vocab) -> list[int]:
    """Order candidates by how many of the reader's ideas they cover, rarer ideas counting more.

    Full-text ranks add up every alternative, so a word with six synonyms would drown the reader's
    other words ("IVIG" vs "at home"). Here each group counts once, weighted by its rarity in the
    index and by where it matched (title > short answer > body); the engine's order breaks ties.
    """
    rows = SearchEntry.objects.filter(pk__in=entry_ids).values_list(
        "pk", *(name for name, _ in FIELD_WEIGHTS)
    )
    texts = {}
    for pk, *fields in rows:
        stemmed = [[stem(w) for w in text.split()] for text in fields]
        texts[pk] = [(stems, set(stems)) for stems in stemmed]
    weights = [vocab.rarity(group) for group in parsed.groups]
    order = {pk: n for n, pk in enumerate(entry_ids)}
    query_stems = {stem(w) for group in parsed.groups for phrase in group for w in phrase}
    stop_stems = {stem(w) for w in STOP_WORDS}

    def title_coverage(pk) -> float:
        """Share of the title's words the reader asked about: "What is IVIG?" beats "Can IVIG treat GBS?"."""
        title = [w for w in texts.get(pk, [([], set())])[0][0] if w not in stop_stems]
        return sum(1 for w in title if w in query_stems) / len(title) if title else 0.0

    def score(pk):
        total = 0.0
        for group, rarity in zip(parsed.groups, weights, strict=True):
            for (stems, stem_set), (_, field_weight) in zip(texts.get(pk, []), FIELD_WEIGHTS, strict=False):
                if any(_has_phrase(stems, stem_set, p) for p in group):
                    total += rarity * field_weight
                    break
        return (-total, -title_coverage(pk), order[pk])

    return sorted(entry_ids, key=score)


def _results(entry_ids: list[int], parsed: ParsedQuery, request=None) -> list[Result]:
    # One query for the entries and just what their pages' URLs need: this runs on every search.
    entries = (
        SearchEntry.objects.select_related("page")
        .only("page", "anchor", "title", "snippet", "context", *(f"page__{f}" for f in URL_FIELDS))
        .in_bulk(entry_ids)
    )
    restricted = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    pages = {
        e.page_id: e.page for e in entries.values() if e.page.live and not e.page.path.startswith(restricted)
    }
    results = []
    for entry_id in entry_ids:
        entry = entries.get(entry_id)
        page = pages.get(entry.page_id) if entry else None
        if page is None:
            continue
        url = page.get_url(request) or page.url_path
        results.append(
            Result(
                title=entry.title,
                url=f"{url}#{entry.anchor}" if entry.anchor else url,
                snippet=entry.snippet,
                context=entry.context,
                is_question=bool(entry.anchor),
                title_html=highlight(entry.title, parsed.terms),
                snippet_html=highlight(entry.snippet, parsed.terms),
            )
        )
    return results


@dataclass
class SearchOutcome:
    parsed: ParsedQuery
    results: list[Result]
    count: int
    capped: bool
    page: int = 1

    @property
    def pages(self) -> int:
        return max(1, (min(self.count, CANDIDATES) - 1) // 10 + 1)


def search(raw: str, page: int = 1, per_page: int = 10, request=None) -> SearchOutcome:
    parsed = parse(raw)
    if not parsed.groups:
        return SearchOutcome(parsed, [], 0, False)
    backend = get_backend()
    # One more than can be shown tells "more than 100" apart without counting every match.
    candidates = backend.search(parsed.groups, CANDIDATES + 1)
    capped = len(candidates) > CANDIDATES
    candidates = candidates[:CANDIDATES]
    count = len(candidates)
    ranked = rerank(candidates, parsed, parsed.vocab)
    page = max(1, min(page, (len(ranked) - 1) // per_page + 1))
    shown = ranked[(page - 1) * per_page : page * per_page]
    return SearchOutcome(parsed, _results(shown, parsed, request), count, capped, page)


def suggest(raw: str, limit: int = 6, request=None) -> list[Result]:
    """Titles of pages and questions that contain the typed words, the last one as a prefix."""
    text = clean(raw)
    typed = words(text)[:MAX_WORDS]
    if not typed or len(text) < 2:
        return []
    complete = not text[-1].isalnum()
    head, prefix = (typed, "") if complete else (typed[:-1], typed[-1])
    head = tuple(w for w in head if w not in STOP_WORDS) or ()
    if not head and not prefix:
        return []
    ids = get_backend().suggest(head, prefix, limit)
    return _results(ids, ParsedQuery(text=text, terms=set(typed)), request)
