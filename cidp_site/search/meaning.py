"""Nearness of meaning: the last step of ranking, for readers whose words the answer does not use.

Word matching finds the answers that share the reader's words; a reader who writes "what is in the
bag they drip into me" shares almost none with "What is IVIG?". A small static word-embedding model
(WordLlama, 256 dimensions, 16 MB, shipped inside its wheel and run with numpy on the CPU: no
download, no service, no reader's words leave the server) tells which of the answers word matching
found are closest in meaning, and the two are added up: how well the words matched (as a share of
the best match) and how close the meaning is. A small sentence encoder (encoder.py: all-MiniLM-L6-v2,
also on the CPU with numpy) reads the words together, where WordLlama averages them; its closest
piece is added too, so "cant stop shaking and feel hot on the drip" meets "Shivering and a high
temperature during an infusion" though they share no word.

Once word matching has found something, the few answers closest in meaning that it missed are
scored too, as if their words had matched at the lowest share kept; one joins the results only if
it then stands in the top three. So a reader who writes "feet on fire at night, cant sleep" reaches
the answer about nerve pain, the count grows by at most three strong answers, and a search of
nonsense, which word matching finds nothing for, still finds nothing. Only a search of three words
or more that no page's words match, but whose meaning is close to an answer in both models, is
given the closest answers by meaning alone (``closest``), and the page says so; a search of one or
two words that no page's words match, only the answers judged searches very alike needed.

The judged searches nearest the reader's words vote too (exemplars.py): each result's share of
their vote is added to its fused score, and an answer they agree on that word matching missed is
scored like the ones closest in meaning.
"""

from __future__ import annotations

import hashlib
import math
import threading
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import NamedTuple

import numpy as np

from . import encoder, exemplars
from .facts import KEEP_STEMMED, entry_meaning_text, entry_pieces, last_built, site_facts
from .learning import MAP_PATH, SENTENCE_MAP_PATH
from .models import SearchEntry
from .ranking import KEEP_SHARE, Candidate

# Chosen on the tuning part of the relevance set only (docs/benchmarks.md): a result scores
#   WORD_WEIGHT * ln(its word score / the best word score)
#   + WORD_PLACE_WEIGHT / (WORD_PLACE_K + its place by words)
#   + MEANING_WEIGHT * cosine(the reader's mapped words, the entry as a whole)
#   + PIECE_WEIGHT * the highest cosine with one of its pieces (title, short answer, each phrasing)
#   + SECOND_PIECE_WEIGHT * the second highest (the highest again for an entry of one piece)
#   + SENTENCE_WEIGHT * the highest cosine of the sentence encoder's vectors of the same pieces,
# where the reader's vector is first carried by the learned map (learning.py) towards the answers
# readers with such words needed.
# Adding scores, not places (reciprocal rank fusion, used until the eighth session), lets a far
# closer meaning win first place while a clearly better word match keeps it; the pieces count
# because a reader's search is often close to one way of asking and far from the average of all,
# and a second piece close too (two ways of asking agree) tells the answer from a lucky title.
# The five weights were fitted together (a softmax over each search's results, tenth session)
# without the blind batch; on it the right answer came first for 87.6 % (86.5 % with the
# four hand-chosen weights 1, 2, 1, 6 before) and was in the top three for 95.9 % (95.4 %).
WORD_WEIGHT = 0.5
WORD_PLACE_K = 5
WORD_PLACE_WEIGHT = 2.2
MEANING_WEIGHT = 2.1
PIECE_WEIGHT = 8.0
SECOND_PIECE_WEIGHT = 2.1
# Answers word matching missed (eleventh session; 5-fold cross-validation on the tuning part, with a
# map fitted on each fold's training searches only): in the top three for 95.6 % -> 96.7 % of
# searches, first for 88.7 % -> 88.9 %. The three entries with the closest pieces are scored (two or
# five did the same); a bonus for them (0.5) cost first places.
NEAREST_ADDED = 3
# The sentence encoder's closest piece (thirteenth session): with both maps fitted without the 3,152
# searches last retired and scored on them, 0 (as before) / 8 / 14 / 20 gave a right answer in the
# top three for 95.3 / 96.4 / 96.5 / 96.4 % and first for 85.2 / 88.0 / 88.2 / 87.5 %. 14 put
# "When is it an emergency?" second for "wheezy after my immunoglobulin" and out of the top three
# for "ivig dyspnoea" (tests/search); 8 keeps both.
SENTENCE_WEIGHT = 8.0
# A search of one or two words is a keyword search, which words and the glossary answer; the
# encoder reads an unknown clinical word as noise ("ivig dyspnea" as "ivig"). From three words on
# (as 8 above, on the same searches: 96.4 % top three, 87.8 % first). The words counted, here and
# below, are the ones meaning reads (search.query.meant): "ivig dyspnoea", read as "ivig shortness
# of breath", is read as a sentence.
SENTENCE_FROM_WORDS = 3
ADDED_WITHIN = 3
# A lone word gives meaning too little to go on ("patellar" is nearest "pain"), and a reader who
# types one word wants the pages that use it: only searches of two words or more get additions
# (cross-validation: no change, none of the 146 one-word tuning searches gained from them).
ADD_FROM_WORDS = 2
# A search whose words no page uses ("is it in my genes") gets, instead of "no results", the few
# answers closest in meaning, if they are close enough: the closest piece's cosine in both models
# (each carried by its map, on the same entry) adding up to this. Of 48 searches about something
# else, the 19 that word matching found nothing for ("how old is the queen", "how to tie a tie",
# nonsense) reached at most 0.71 ("weather tomorrow in london"); of the three that found nothing in
# the half of the last retired part that was read, "is it in my genes" reached 0.95 (the answer on
# whether CIDP is inherited), "who are you" 0.74 (the answer is about the site's writers: left).
# From three words, as the sentence encoder reads them (shorter searches get only the vote).
MEANING_ONLY_FROM = 0.75
MEANING_ONLY_MAX = 3
MAX_VECTORS = 20_000  # entries' vectors kept per worker (about 10 KB each); past it, worked out again

_lock = threading.Lock()
_load_lock = threading.Lock()


@lru_cache(maxsize=1)
def _load():
    import wordllama
    from wordllama import WordLlama

    # The weights and the tokenizer are in the package folder; WordLlama looks there only as its
    # cache, and must never try to download (it would fail offline, and send nothing anyway).
    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def model():
    """The model, loaded once per worker (the lock keeps two first searches from both loading it)."""
    with _load_lock:
        return _load()


@lru_cache(maxsize=2)
def _load_map(path: Path) -> np.ndarray | None:
    return np.load(path, allow_pickle=False) if path.exists() else None


def _map() -> np.ndarray | None:
    return _load_map(MAP_PATH)


def _sentence_map() -> np.ndarray | None:
    return _load_map(SENTENCE_MAP_PATH)


def reset_map() -> None:
    """Forget the loaded maps and judged searches (after learn_search_meaning writes new ones)."""
    _load_map.cache_clear()
    exemplars.reset()


def mapped(query: np.ndarray, mapping: np.ndarray | None = None) -> np.ndarray:
    """The reader's vector carried by a learned map, back to unit length (unchanged with no map)."""
    mapping = _map() if mapping is None else mapping
    if mapping is None:
        return query
    moved = query @ mapping
    size = float(np.linalg.norm(moved))
    return moved / size if size else moved


class Reader(NamedTuple):
    """The reader's words in both models, each carried by its map."""

    words: np.ndarray  # WordLlama
    sentence: np.ndarray  # the sentence encoder
    votes: exemplars.Votes | None = None  # what readers who searched alike needed


class Vectors(NamedTuple):
    """An entry in both models: WordLlama's vector of it all and of each piece, and the sentence
    encoder's vector of each piece."""

    whole: np.ndarray
    pieces: np.ndarray
    sentences: np.ndarray


def reader(text: str) -> Reader:
    words = mapped(embed([text])[0])
    if len(text.split()) < SENTENCE_FROM_WORDS:
        return Reader(words, np.zeros(encoder.DIMENSIONS, np.float32))  # no sentence to read
    sentence = encoder.encoder().embed([text])[0]
    mapping = _sentence_map()
    return Reader(words, sentence if mapping is None else mapped(sentence, mapping), _votes(sentence))


def _votes(sentence: np.ndarray) -> exemplars.Votes | None:
    """The judged searches' vote, compared with the encoder's own reading of the words: they are
    readers' words too, not answers the map carries searches towards."""
    judged = exemplars.exemplars()
    return judged.votes(sentence) if judged is not None else None


# The sentence encoder costs about 5 ms a piece, so each piece's vector is kept by its text: after a
# publish only the pieces that changed are worked out again, and workers share them in the cache.
_sentences: dict[str, np.ndarray] = {}
SENTENCE_CACHE_SECONDS = 30 * 24 * 3600


def sentence_vectors(texts: list[str]) -> np.ndarray:
    """The sentence encoder's vectors of texts, from this worker's memory, then the shared cache,
    then the model."""
    from django.core.cache import cache

    # The model's version is in the key: vectors a shared cache kept from an older model are not used.
    prefix = f"search:sentence:{encoder.version()}:"
    keys = {t: prefix + hashlib.sha256(t.encode()).hexdigest()[:32] for t in texts}
    with _lock:
        missing = [t for t in dict.fromkeys(texts) if t not in _sentences]
    if missing:
        shared = cache.get_many([keys[t] for t in missing])
        found = {t: np.frombuffer(shared[keys[t]], np.float32) for t in missing if keys[t] in shared}
        new = [t for t in missing if t not in found]
        if new:
            made = encoder.encoder().embed(new)
            found.update(zip(new, made, strict=True))
            shared = {keys[t]: v.astype(np.float32).tobytes() for t, v in zip(new, made, strict=True)}
            cache.set_many(shared, SENTENCE_CACHE_SECONDS)
        with _lock:
            if len(_sentences) + len(found) > MAX_VECTORS * 4:
                _sentences.clear()
            _sentences.update(found)
    with _lock:
        return np.array([_sentences[t] for t in texts], np.float32).reshape(len(texts), encoder.DIMENSIONS)


def embed(texts: list[str]) -> np.ndarray:
    # A text with no known word has no direction: its vector is zeros, not the NaN of 0 / 0, so it
    # is simply far from everything instead of breaking the order.
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.nan_to_num(model().embed(texts, norm=True))


def entry_vectors(pks: list[int]) -> dict[int, Vectors]:
    """Each entry's vector (title, short answer and other ways readers ask, together) and its
    pieces' vectors (each of them alone), kept with the site facts, so they are worked out again in
    every worker whenever the index changes."""
    facts = last_built() or site_facts()  # ranking has just checked they are current
    _vectors = facts.vectors
    with _lock:
        missing = [pk for pk in pks if pk not in _vectors]
    if missing:
        # A small index keeps every entry's text in the facts (no query); a big one reads them.
        texts = {
            pk: (facts.meaning_text[pk], facts.meaning_pieces[pk])
            for pk in missing
            if pk in facts.meaning_text
        }
        unread = [pk for pk in missing if pk not in texts]
        if unread:
            fields = ("pk", "title_text", "snippet_text", "title", "snippet", "phrasings")
            for pk, title_text, snippet_text, *raw in SearchEntry.objects.filter(pk__in=unread).values_list(
                *fields
            ):
                texts[pk] = (entry_meaning_text(title_text, snippet_text), entry_pieces(*raw))
        # One call for every text: the model's cost is per call more than per text.
        flat = [t for whole, pieces in texts.values() for t in (whole, *pieces)]
        vectors = iter(embed(flat)) if flat else iter(())
        sentences = iter(sentence_vectors([p for _, pieces in texts.values() for p in pieces]))
        found = {}
        for pk, (_, pieces) in texts.items():
            whole = next(vectors)
            found[pk] = Vectors(
                whole,
                np.array([next(vectors) for _ in pieces]),
                np.array([next(sentences) for _ in pieces]).reshape(len(pieces), encoder.DIMENSIONS),
            )
        with _lock:
            if len(_vectors) + len(found) > MAX_VECTORS:
                _vectors.clear()
            _vectors.update(found)
    with _lock:
        return {pk: _vectors[pk] for pk in pks if pk in _vectors}


def rerank(text: str, ranked: list) -> list:
    """``ranked`` (candidates with .pk, .also and .score, best first) in the fused order, with any
    answer close in meaning that word matching missed and that fuses into the top three."""
    if not ranked or not text.strip():
        return ranked
    query = reader(text)
    if not query.words.any():
        return ranked
    best = ranked[0].score if ranked[0].score > 0 else 1.0
    vectors = entry_vectors([pk for cand in ranked for pk in (cand.pk, *cand.also)])
    fused = [
        WORD_WEIGHT * math.log(max(cand.score / best, 1e-6))
        + WORD_PLACE_WEIGHT / (WORD_PLACE_K + place)
        + _closeness(query, [vectors[pk] for pk in (cand.pk, *cand.also) if pk in vectors])
        for place, cand in enumerate(ranked)
    ]
    added = _missed(query, ranked) if len(text.split()) >= ADD_FROM_WORDS else []
    added += _voted(query, [*ranked, *(cand for cand, _ in added)])
    for n, (_, closeness) in enumerate(added):
        fused.append(
            WORD_WEIGHT * math.log(KEEP_SHARE)
            + WORD_PLACE_WEIGHT / (WORD_PLACE_K + len(ranked) + n)
            + closeness
        )
    found = [*ranked, *(cand for cand, _ in added)]
    if query.votes:
        for i, keys in enumerate(exemplars.locations(found)):
            fused[i] += exemplars.VOTE_WEIGHT * exemplars.vote(query.votes, keys)
    order = sorted(range(len(found)), key=lambda i: (-fused[i], i))
    return [found[i] for place, i in enumerate(order) if i < len(ranked) or place < ADDED_WITHIN]


def _closeness(query: Reader, found: list[Vectors]) -> float:
    """The meaning part of an entry's fused score (the weights above), over it and its folded twins."""
    whole = max((float(v.whole @ query.words) for v in found), default=-1.0)
    near = sorted(
        (float(c) for v in found if len(v.pieces) for c in v.pieces @ query.words), reverse=True
    ) or [-1.0]
    sentence = max(
        (float(np.max(v.sentences @ query.sentence)) for v in found if len(v.sentences)), default=-1.0
    )
    return (
        MEANING_WEIGHT * whole
        + PIECE_WEIGHT * near[0]
        + SECOND_PIECE_WEIGHT * near[min(1, len(near) - 1)]
        + SENTENCE_WEIGHT * sentence
    )


def _missed(query: Reader, ranked: list) -> list[tuple[Candidate, float]]:
    """The entries word matching did not keep whose closest piece is nearest the reader's words,
    one per title (not a title already shown), with their closeness. A big index (whose entries'
    texts the facts do not keep) is searched by words alone: its vectors would not fit in memory."""
    facts = last_built() or site_facts()  # ranking has just checked they are current
    if facts.entries > KEEP_STEMMED or not facts.stemmed:
        return []
    vectors = entry_vectors(list(facts.stemmed))
    taken = {pk for cand in ranked for pk in (cand.pk, *cand.also)}
    titles = {facts.stemmed[cand.pk].title_key for cand in ranked if cand.pk in facts.stemmed}
    out = []
    nearest = _nearest(query, facts, vectors, (PIECE_WEIGHT, SENTENCE_WEIGHT), taken, titles)
    for _, pk in islice(nearest, NEAREST_ADDED):
        entry = facts.stemmed[pk]
        cand = Candidate(pk, entry.page_id, entry.anchor, entry.title_key, entry.fields)
        out.append((cand, _closeness(query, [vectors[pk]])))
    return out


def _voted(query: Reader, shown: list[Candidate]) -> list[tuple[Candidate, float]]:
    """The entries word matching did not keep that readers who searched alike needed (a share of
    the vote of at least exemplars.ADD_FROM), one per title, with their closeness; like _missed's,
    they join only if they fuse into the top three."""
    facts = last_built() or site_facts()  # ranking has just checked they are current
    if not query.votes or facts.entries > KEEP_STEMMED or not facts.stemmed:
        return []
    taken = {pk for cand in shown for pk in (cand.pk, *cand.also)}
    titles = {facts.stemmed[cand.pk].title_key for cand in shown if cand.pk in facts.stemmed}
    vectors = entry_vectors(list(facts.stemmed))
    skip = taken | (facts.stemmed.keys() - vectors.keys())
    out = []
    for pk in exemplars.strong(query.votes, _located(facts, skip), titles):
        entry = facts.stemmed[pk]
        cand = Candidate(pk, entry.page_id, entry.anchor, entry.title_key, entry.fields)
        out.append((cand, _closeness(query, [vectors[pk]])))
    return out


def _located(facts, skip=frozenset()):
    """The kept entries (but ``skip``) as the vote names them: (id, location key, title)."""
    return (
        (pk, exemplars.key(facts.content_of.get(e.page_id), e.anchor), e.title_key)
        for pk, e in facts.stemmed.items()
        if pk not in skip
    )


def closest(text: str) -> list[int]:
    """For a search word matching found nothing for: up to MEANING_ONLY_MAX entries (one per title)
    whose closest piece is close enough in meaning in both models, closest first; else those that
    readers who searched very alike needed (exemplars.alone); or none."""
    if not text.strip():
        return []
    query = reader(text)
    # No ranking ran before this (word matching found nothing), so the facts are checked here: ones
    # kept from before a publish would name entries that are gone.
    facts = site_facts()
    if facts.entries > KEEP_STEMMED or not facts.stemmed:
        return []
    out = []
    if query.sentence.any():
        vectors = entry_vectors(list(facts.stemmed))
        for score, pk in _nearest(query, facts, vectors, (1.0, 1.0)):
            if score < MEANING_ONLY_FROM or len(out) >= MEANING_ONLY_MAX:
                break
            out.append(pk)
    if not out:  # what readers who searched alike needed, if one searched very alike
        votes = query.votes if query.sentence.any() else _short_votes(text)
        out = exemplars.alone(votes, _located(facts), MEANING_ONLY_MAX)
    return out


def _short_votes(text: str) -> exemplars.Votes | None:
    """The vote for a search of one or two words. Their pieces' meaning is too weak to go on (a lone
    word about something else comes closer to an answer than a lone clinical word), but judged
    searches very alike are not. Only asked when word matching found nothing. Of the tuning part's
    2,581 searches of one or two words (each one's own words left out), 2,084 had a judged search
    within the bar and a strong vote, whose first answer was right for 94.6 %; of 109 such searches
    about something else that find nothing by their words, none reached the bar ("yoga" came
    closest, 0.74; benchmarks/short_search_vote.py, docs/benchmarks.md)."""
    return _votes(encoder.encoder().embed([text])[0])


def _nearest(query: Reader, facts, vectors, weights, taken=frozenset(), titles=()):
    """(score, entry) closest first, one entry per title (none of ``titles``), leaving out ``taken``:
    the score adds each model's highest cosine with one of the entry's pieces, by ``weights``."""
    words_weight, sentence_weight = weights
    scored = sorted(
        (
            (
                words_weight * float(np.max(v.pieces @ query.words))
                + sentence_weight * float(np.max(v.sentences @ query.sentence)),
                pk,
            )
            for pk, v in vectors.items()
            if pk not in taken and len(v.pieces)
        ),
        reverse=True,
    )
    seen = set(titles)
    for score, pk in scored:
        title = facts.stemmed[pk].title_key
        if title not in seen:
            seen.add(title)
            yield score, pk
