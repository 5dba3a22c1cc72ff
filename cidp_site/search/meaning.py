"""Nearness of meaning: the last step of ranking, for readers whose words the answer does not use.

Word matching finds the answers that share the reader's words; a reader who writes "what is in the
bag they drip into me" shares almost none with "What is IVIG?". A small static word-embedding model
(WordLlama, 256 dimensions, 16 MB, shipped inside its wheel and run with numpy on the CPU: no
download, no service, no reader's words leave the server) tells which of the answers word matching
found are closest in meaning, and the two are added up: how well the words matched (as a share of
the best match) and how close the meaning is.

It only re-orders what word matching found: it never adds a result, so the count stays a count of
answers that share the reader's words, and a search of nonsense still finds nothing.
"""

from __future__ import annotations

import math
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from .facts import entry_meaning_text, last_built, site_facts
from .models import SearchEntry

# Chosen on the tuning part of the relevance set only (docs/benchmarks.md): a result scores
# ln(its word score / the best word score) + 1 / (WORD_PLACE_K + its place in word matching's order)
# + MEANING_WEIGHT * its closeness in meaning (cosine). Adding scores, not places (reciprocal rank
# fusion, used until the eighth session), lets a clearly closer meaning win first place while a
# clearly better word match keeps it: on a batch written blind the right answer came first for
# 81.7 % instead of 79.3 %, and in the top three for 93.3 % instead of 93.5 % (one query).
WORD_PLACE_K = 5
MEANING_WEIGHT = 3.0
MAX_VECTORS = 20_000  # entry vectors kept per worker (1 KB each); past it, they are worked out again

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


def embed(texts: list[str]) -> np.ndarray:
    return model().embed(texts, norm=True)


def _entry_vectors(pks: list[int]) -> dict[int, np.ndarray]:
    """Vectors of these entries (title, short answer and other ways readers ask), kept with the
    site facts, so they are worked out again in every worker whenever the index changes."""
    facts = last_built() or site_facts()  # ranking has just checked they are current
    _vectors = facts.vectors
    with _lock:
        missing = [pk for pk in pks if pk not in _vectors]
    if missing:
        # A small index keeps every entry's text in the facts (no query); a big one reads them.
        texts = {pk: facts.meaning_text[pk] for pk in missing if pk in facts.meaning_text}
        unread = [pk for pk in missing if pk not in texts]
        if unread:
            rows = SearchEntry.objects.filter(pk__in=unread).values_list("pk", "title_text", "snippet_text")
            texts.update((pk, entry_meaning_text(t, s)) for pk, t, s in rows)
        found = dict(zip(texts, embed(list(texts.values())), strict=True))
        with _lock:
            if len(_vectors) + len(found) > MAX_VECTORS:
                _vectors.clear()
            _vectors.update(found)
    with _lock:
        return {pk: _vectors[pk] for pk in pks if pk in _vectors}


def rerank(text: str, ranked: list) -> list:
    """``ranked`` (candidates with .pk and .also, best first) in the fused order."""
    if len(ranked) < 2 or not text.strip():
        return ranked
    pks = [pk for cand in ranked for pk in (cand.pk, *cand.also)]
    vectors = _entry_vectors(pks)
    query = embed([text])[0]
    closeness = {
        cand.pk: max(
            (float(vectors[pk] @ query) for pk in (cand.pk, *cand.also) if pk in vectors), default=-1.0
        )
        for cand in ranked
    }
    best = ranked[0].score if ranked[0].score > 0 else 1.0
    fused = [
        math.log(max(cand.score / best, 1e-6))
        + 1 / (WORD_PLACE_K + place)
        + MEANING_WEIGHT * closeness[cand.pk]
        for place, cand in enumerate(ranked)
    ]
    order = sorted(range(len(ranked)), key=lambda i: (-fused[i], i))
    return [ranked[i] for i in order]
