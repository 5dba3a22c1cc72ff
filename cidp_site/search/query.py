"""From what a reader typed to ranked results: clean, correct spelling, expand synonyms, search.

Readers type what they feel and how they heard it, so every word may be misspelt or a synonym:
each word becomes a group of alternatives (its synonyms, its correction), and a row matches if it
has any of them. Ranking then favours rows that match more groups, and in the title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from rapidfuzz.distance import OSA
from wagtail.models import PageViewRestriction

from . import cache, encoder, meaning
from .backends import get_backend
from .facts import last_built, site_facts
from .models import SearchEntry, SynonymGroup
from .ranking import rank
from .spelling import english_words, join_runs, vocabulary
from .text import STOP_WORDS, highlight, stem, words

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12  # words that are not stop words: a reader's story often ends with the question
MAX_PHRASE = 6
LONG_NAME = 7  # letters in a name long enough that two slips still point at it alone
CANDIDATES = 100  # ranked in Python; also the most results a reader can page through


@dataclass
class ParsedQuery:
    text: str
    groups: list[list[tuple[str, ...]]] = field(default_factory=list)
    corrected: str | None = None
    terms: set[str] = field(default_factory=set)
    vocab: object = None
    raw_words: list[str] = field(default_factory=list)  # corrected words, stop words kept
    meaning: str = ""  # the words meaning reads (meant)
    by_meaning: bool = False  # no page uses the words: the results are the closest in meaning
    own: list[set] = field(default_factory=list)  # per group, the phrases the reader typed (or meant)
    typed: dict[str, str] = field(default_factory=dict)  # each corrected word -> the word typed


@dataclass
class Result:
    title: str
    url: str
    snippet: str
    context: str
    is_question: bool
    title_html: str = ""
    snippet_html: str = ""
    # (page content id, anchor) of this entry and of the same-titled entries folded into it
    locations: list[tuple[str, str]] = field(default_factory=list)
    also: list[tuple[str, str]] = field(default_factory=list)  # (where, url) on other pages


def clean(raw: str | None) -> str:
    """One line of printable text: control and formatting characters (NUL, RTL overrides) go."""
    text = "".join(c if c.isprintable() else " " for c in (raw or "")[: MAX_QUERY_LENGTH * 4])
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


# "do up my buttons" is "do up buttons", "lower your dose" is "lower the dose": a reader's phrase
# meets a synonym phrase whatever the little words between, and whatever the endings.
DETERMINERS = frozenset("my your the a an his her their our its this that".split())


def first_words(text: str) -> list[str]:
    """The words searched: up to MAX_WORDS that are not stop words, with the stop words among them
    ("my dad had a bad flu before his cidp started, could a virus have triggered it" keeps "virus")."""
    kept, topic = [], 0
    for word in words(text):
        topic += word not in STOP_WORDS
        if topic > MAX_WORDS:
            break
        kept.append(word)
    return kept


def phrase_key(phrase: tuple[str, ...]) -> tuple[str, ...]:
    """A phrase as synonym phrases are looked up: stemmed ("symptoms log" is "symptom log"),
    without its determiners (a lone one is kept)."""
    return tuple(stem(w) for w in phrase if w not in DETERMINERS) or tuple(map(stem, phrase))


def synonym_phrases() -> SynonymTable:
    """Each synonym phrase -> every phrase of its group (a phrase may sit in several groups).

    The raw terms are read on every search (nurses' edits apply at once, in every worker); the
    table built from them is reused while they are unchanged.
    """
    return _synonym_table(tuple(SynonymGroup.objects.values_list("terms", flat=True)))


class SynonymTable(dict):
    """Stemmed phrase -> every phrase of its groups; ``phrases`` holds each phrase as written (for
    the spelling vocabulary), gathered once per change of the synonyms, not per search. ``slips``
    maps a group's misspelling of its own name to the name ("ivg" -> "ivig"), folded:
    a search may read a word as the misspelling, but "Did you mean" should not teach it."""

    phrases: tuple[tuple[str, ...], ...] = ()
    slips: dict[str, str] = {}


@lru_cache(maxsize=4)
def _synonym_table(all_terms: tuple[str, ...]) -> SynonymTable:
    table = SynonymTable()
    for terms in all_terms:
        phrases = SynonymGroup(terms=terms).phrases()
        for phrase in phrases:
            merged = table.setdefault(phrase_key(phrase[:MAX_PHRASE]), [])
            merged.extend(p for p in phrases if p not in merged)
    table.phrases = tuple(sorted({p for group in table.values() for p in group}))
    table.slips = _slips(all_terms)
    return table


def _slips(all_terms: tuple[str, ...]) -> dict[str, str]:
    """Each group's one-word misspellings of its one-word name, folded ("ivg" -> "ivig"; "Did you
    mean" then writes it as the pages do): one slip ("cdip", "ivg"), or two in a long name
    ("immunoglobin"); more would take in other names (PCP for GP, the brand Kiovig for IVIG). Never
    a word of English ("diabetic" in the group named "diabetes") nor another form of the name
    ("axons" for Axon, "premed" for premeds): the reader may well have meant it."""
    everyday = english_words() | STOP_WORDS
    slips: dict[str, str] = {}
    for terms in all_terms:
        name, *others = SynonymGroup(terms=terms).term_list() or [""]
        if len(words(name)) != 1:
            continue
        named = words(name)[0]
        most = 2 if len(named) >= LONG_NAME else 1
        for word in (w[0] for w in map(words, others) if len(w) == 1):
            if word in everyday or word.startswith(named) or named.startswith(word):
                continue
            if OSA.distance(word, named) <= most:
                slips.setdefault(word, named)
    return slips


def synonym_at(words: list[str], i: int, synonyms: SynonymTable) -> tuple[str, ...] | None:
    """The longest synonym phrase that starts at ``words[i]``, as typed, or None."""
    for size in range(min(MAX_PHRASE, len(words) - i), 0, -1):
        chunk = tuple(words[i : i + size])
        key = phrase_key(chunk)
        # A determiner at either end belongs to the words around it ("cut my dose"), unless
        # the synonym itself starts or ends with it ("A and E", "the pill").
        edge = DETERMINERS.intersection((chunk[0], chunk[-1]))
        # A lone stop word is nobody's synonym, whatever it stems to ("can" is not "cane").
        lone_stop = size == 1 and chunk[0] in STOP_WORDS
        if key in synonyms and (not edge or chunk in synonyms[key]) and not lone_stop:
            return chunk
    return None


def parse(raw: str) -> ParsedQuery:
    text = clean(raw)
    original = first_words(text)
    parsed = ParsedQuery(text=text)
    if not original:
        return parsed
    synonyms = synonym_phrases()
    vocab = parsed.vocab = vocabulary(synonyms.phrases)
    as_typed = original
    original = join_runs(original, vocab.join)  # "breast feed", "elektro myo graphy"
    typed_words, fixed, split = [], [], set()
    for w in original:
        right = None if w in STOP_WORDS else vocab.correct(w)
        parts = () if w in STOP_WORDS or (right and not vocab.drops_a_word(w, right)) else vocab.split(w)
        if parts:  # "bloodclot": two known words run together
            split.update(range(len(fixed), len(fixed) + len(parts)))
            typed_words.extend([w] * len(parts))
            fixed.extend(parts)
        else:
            typed_words.append(w)
            fixed.append(right or w)
            if right:
                parsed.typed.setdefault(right, w)
    if fixed != as_typed:
        parsed.corrected = " ".join(fixed)
    original = typed_words
    parsed.raw_words = fixed
    i = 0
    while i < len(fixed):
        found = synonym_at(fixed, i, synonyms)
        if found:
            chunk, size = found, len(found)
            group = list(synonyms[phrase_key(chunk)])
            typed = tuple(original[i : i + size])
            if typed not in group and not split.intersection(range(i, i + size)):
                group.append(typed)
            parsed.groups.append(group)
            parsed.own.append({chunk, typed})
            i += size
        else:
            if fixed[i] not in STOP_WORDS:
                typo = original[i] != fixed[i] and i not in split
                group = [(fixed[i],)] + ([(original[i],)] if typo else [])
                group += [(v,) for v in vocab.variants(fixed[i]) if (v,) not in group]
                parsed.groups.append(group)
                parsed.own.append(set(group))
            i += 1
    for group, own in zip(parsed.groups, parsed.own, strict=True):
        for phrase in group:
            if len(phrase) > 1 and phrase not in own:  # a synonym the reader did not type
                parsed.terms.add(" ".join(phrase))
            else:
                parsed.terms.update(w for w in phrase if w not in STOP_WORDS)
    parsed.meaning = meant(fixed, synonyms, vocab)
    return parsed


def meant(raw_words: list[str], synonyms: SynonymTable, vocab) -> str:
    """The words meaning reads (meaning.py, and the fit in learn_search_meaning): the words searched,
    with each synonym phrase that holds a word no page uses and the models cannot read (a brand,
    "spoonie", "cdip") read as the first phrase of its group that pages use ("ivig", "tiredness",
    "cidp"). Word matching reaches the right answers through the group, but the two models read such
    a word as noise and carry the search away from them (thirtieth session: "clairyg", "spoonie").
    Phrases are found as parse finds them (synonym_at)."""
    english = english_words()
    out, i = [], 0
    while i < len(raw_words):
        chunk = synonym_at(raw_words, i, synonyms)
        if not chunk:
            out.append(raw_words[i])
            i += 1
            continue
        head = None
        if _unread(chunk, vocab, english):
            group = synonyms[phrase_key(chunk)]
            head = next((p for p in group if not _unread(p, vocab, english, strict=True)), None)
        out.extend(head or chunk)
        i += len(chunk)
    return " ".join(out)


def _unread(phrase, vocab, english, strict=False) -> bool:
    """Whether a phrase holds a word no page uses and (unless ``strict``) that the models cannot
    read: not in the English word list (spelling.english_words: US spellings, four letters or more,
    so "dyspnea" stays but "dyspnoea" does not), and not a word of the sentence encoder's own
    vocabulary (it splits "clairyg" into pieces; "fed up", "mri" and "911" it reads whole, and they
    keep their own sense)."""
    return any(
        w not in STOP_WORDS
        and stem(w) not in vocab.on_pages
        and (strict or (w not in english and encoder.in_pieces(w)))
        for w in phrase
    )


URL_FIELDS = ("id", "path", "depth", "url_path", "live", "locale_id", "translation_key", "content_type_id")


def _visible_pages(entries) -> dict:
    restricted = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    return {e.page_id: e.page for e in entries if e.page.live and not e.page.path.startswith(restricted)}


def _url(page, anchor, request) -> str:
    url = page.get_url(request) or page.url_path
    return f"{url}#{anchor}" if anchor else url


def _results(ranked, parsed: ParsedQuery, request=None) -> list[Result]:
    """Ranked candidates (or bare entry ids) as results; one query for every entry shown or listed."""
    groups = [c if isinstance(c, tuple) else (c, []) for c in ranked]
    wanted = [pk for pk, also in groups for pk in [pk, *also]]
    entries = (
        SearchEntry.objects.select_related("page")
        .only("page", "anchor", "title", "snippet", "context", *(f"page__{f}" for f in URL_FIELDS))
        .in_bulk(wanted)
    )
    pages = _visible_pages(entries.values())
    content_ids = site_facts().content_of
    results = []
    for entry_id, also_ids in groups:
        shown = [entries[i] for i in [entry_id, *also_ids] if i in entries and entries[i].page_id in pages]
        if not shown:
            continue
        entry, others = shown[0], shown[1:]
        results.append(
            Result(
                title=entry.title,
                url=_url(pages[entry.page_id], entry.anchor, request),
                snippet=entry.snippet,
                context=entry.context,
                is_question=bool(entry.anchor),
                title_html=highlight(entry.title, parsed.terms),
                snippet_html=highlight(entry.snippet, parsed.terms),
                locations=[(content_ids.get(e.page_id) or "", e.anchor) for e in shown],
                also=[
                    (e.context or e.title, _url(pages[e.page_id], e.anchor, request))
                    for e in others
                    if e.page_id != entry.page_id
                ],
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

    @cached_property  # the results page shows it twice: as the words and in their link
    def did_you_mean(self) -> str:
        """What was searched instead, written as the pages write it ("GBS", not "gbs")."""
        written = (last_built() or site_facts()).written  # the facts this search was ranked with
        slips = synonym_phrases().slips
        read = (slips.get(w, w) for w in (self.parsed.corrected or "").split())
        return " ".join(written.get(w, w) for w in read)

    @property
    def pages(self) -> int:
        return max(1, (min(self.count, CANDIDATES) - 1) // 10 + 1)


def _normalised(raw: str) -> str:
    return " ".join(first_words(clean(raw)))


def is_ranked(raw: str) -> bool:
    """Whether this query's ranking is cached, so showing it costs no ranking work."""
    normalised = _normalised(raw)
    return bool(normalised) and cache.get(normalised) is not None


def search(raw: str, page: int = 1, per_page: int = 10, request=None) -> SearchOutcome:
    """Ranked results for what a reader typed (cached per normalised query)."""
    normalised = _normalised(raw)
    found = cache.get(normalised) if normalised else None
    if found is None:
        found = _fresh(raw)
        if normalised:
            cache.put(normalised, found)
    parsed, ranked, capped = found
    count = len(ranked)
    if not ranked:
        return SearchOutcome(parsed, [], 0, False)
    page = max(1, min(page, (count - 1) // per_page + 1))
    shown = ranked[(page - 1) * per_page : page * per_page]
    return SearchOutcome(parsed, _results(shown, parsed, request), count, capped, page)


def _fresh(raw: str) -> tuple[ParsedQuery, list[tuple[int, list[int]]], bool]:
    """The expensive part: parse, find candidates, rank. The result is small and cacheable."""
    parsed = parse(raw)
    parsed.vocab = None  # large, and only needed while parsing
    # Meaning is judged on the words searched (folded, corrected, as the cache key keeps them, with
    # glossary-only words read as their group's name: meant), so "IVIG side effects" and "ivig side
    # effects" share one order as they share one cache entry.
    if not parsed.groups:
        return _by_meaning(parsed, parsed.meaning)
    backend = get_backend()
    # One more than can be shown tells "more than 100" apart without counting every match.
    candidates = backend.search(parsed.groups, CANDIDATES + 1)
    if not candidates:
        # No phrase found whole ("subcutaneous immunoglobulin"): any of its words will do.
        loose = [sorted({(w,) for p in group for w in p if w not in STOP_WORDS}) for group in parsed.groups]
        loose = [g for g in loose if g]
        if loose != parsed.groups and loose:
            candidates = backend.search(loose, CANDIDATES + 1)
    if not candidates and _relax(parsed):
        candidates = backend.search(parsed.groups, CANDIDATES + 1)
    if not candidates:
        return _by_meaning(parsed, parsed.meaning)
    # Answers meaning adds never make the list longer than a search may show.
    fused = meaning.rerank(parsed.meaning, rank(candidates[:CANDIDATES], parsed))[:CANDIDATES]
    ranked = [(c.pk, c.also) for c in fused]
    return parsed, ranked, len(candidates) > CANDIDATES and len(ranked) >= CANDIDATES


def _by_meaning(parsed: ParsedQuery, text: str) -> tuple[ParsedQuery, list[tuple[int, list[int]]], bool]:
    """Where no page uses the reader's words, the answers closest in meaning if any is close enough
    (meaning.closest); the page says so. Still nothing for a search about something else."""
    nearest = meaning.closest(text)
    parsed.by_meaning = bool(nearest)
    return parsed, [(pk, []) for pk in nearest], False


def _relax(parsed: ParsedQuery) -> bool:
    """The last try before "no results": words typed by ear in pieces or run together are read as
    the known words they make (spelling.Vocabulary.heard); each other word that matched nothing
    becomes the known words the reader may have meant (spelling.Vocabulary.nearest), with their
    synonyms; words with none are dropped. Whether anything is left to search. The reader is told
    what was searched ("Did you mean ...?"); a query of pure nonsense still finds nothing, so it
    reaches the no-results report."""
    synonyms = synonym_phrases()
    vocab = vocabulary(synonyms.phrases)
    heard = vocab.heard(parsed.raw_words)  # "mile in" -> myelin, "whatiscidp" -> what is cidp
    made = set(heard) - set(parsed.raw_words)
    if made:  # meaning is judged on the words read, not on "pry vi gin"
        parsed.raw_words = heard
    typed = dict.fromkeys(w for w in heard if w not in STOP_WORDS)
    nearest = [near for near in ([w] if w in made else _nearest(vocab, w, parsed) for w in typed) if near]
    if not nearest:
        return False
    parsed.groups, parsed.own = [], []
    for near in nearest:
        group = [(w,) for w in near]
        for phrase in (p for w in near for p in synonyms.get(phrase_key((w,)), ())):
            if phrase not in group:
                group.append(phrase)
        parsed.groups.append(group)
        parsed.own.append({(w,) for w in near})
    parsed.terms = {w for group in parsed.groups for p in group for w in p if w not in STOP_WORDS}
    parsed.corrected = " ".join(near[0] for near in nearest)
    parsed.meaning = meant(parsed.raw_words, synonyms, vocab) or parsed.meaning
    return True


def _nearest(vocab, word: str, parsed: ParsedQuery) -> list[str]:
    """What the reader may have meant by a word that matched nothing: its nearest known words, or,
    for a correction, the typed word's next one ("ovig": not "vig", which only the glossary's "eye
    vig" uses, but "ivig"). Only a fuzzy correction can have a next one; a swap or a word typed by
    ear has only the one parse took."""
    found = vocab.nearest(word)
    if not found and word in parsed.typed:
        found = [w for w in vocab.corrections(parsed.typed[word]) if w != word][:1]
        if found:  # meaning is judged on the word read now
            parsed.raw_words = [found[0] if w == word else w for w in parsed.raw_words]
    return found


def suggest(raw: str, limit: int = 6, request=None) -> list[Result]:
    """Titles of pages and questions that contain the typed words, the last one as a prefix."""
    text = clean(raw)
    typed = first_words(text)
    if not typed or len(text) < 2:
        return []
    complete = not text[-1].isalnum()
    head, prefix = (typed, "") if complete else (typed[:-1], typed[-1])
    head = tuple(w for w in head if w not in STOP_WORDS) or ()
    if not head and not prefix:
        return []
    ids = get_backend().suggest(head, prefix, limit)
    return _results(ids, ParsedQuery(text=text, terms=set(typed)), request)
