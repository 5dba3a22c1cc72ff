"""What readers who searched alike needed: a vote from the judged searches of the tuning part.

The learned maps (learning.py) carry every reader's words the same linear way towards the answers.
Readers' searches cluster more finely than one map can follow: "less disabled after ivig?" sits
among searches judged to need "How well does IVIG work?", while its words lean to "Why might
treatments stop?". So the judged searches themselves are kept, as the sentence encoder's vectors
(int8, about 8 MB) with the answers judged right for each, and the searches nearest a reader's
words vote for those answers; the vote is added to each result's fused score (search.meaning).

As the encoder's reading of the pieces, the vote starts at three words (search.meaning): the
encoder reads an unknown clinical word as noise, and "ivig dyspnea" alone sits among other
readers' general "ivig side effects" searches, away from the emergency answer its words find.
A search of one or two words that no page's words match is the exception: with nothing else to go
on, judged searches very alike may still answer it (search.meaning.closest).

A judged search with the reader's very words is left out of the vote: its own judgment would say
nothing about how the vote carries over to searches it has not seen, which is what the tuning
figures measure (a leave-one-out), and the same rule holds for every reader. The words compared
are the ones meaning reads (search.query.meant), so "clairyg side effects" leaves out a judged
"ivig side effects" too; its neighbours still vote. The held-out part is never read
(learn_search_meaning builds the file from the tuning part).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from .facts import last_built, site_facts
from .learning import MAP_PATH
from .models import SearchEntry

EXEMPLARS_PATH = MAP_PATH.with_name("exemplars.npz")
# Chosen by 5-fold cross-validation on the tuning part (21,723 searches, seventeenth session;
# docs/benchmarks.md): with each fold voted on by the other four only, a right answer came first
# for 89.2 % -> 92.3 % of searches and in the top three for 97.2 % -> 97.8 %. 5/20/30 neighbours,
# sharpness 10-100 and weights 1-4 were within 0.3 points; 8 cost 0.5 points. With answers the
# vote adds (ADD_FROM), on every tuning search, the search itself left out: 89.2 % -> 92.6 % first,
# 97.2 % -> 98.0 % in the top three (before one- and two-word searches were left to words alone).
NEIGHBOURS = 10
SHARPNESS = 30.0  # a neighbour's say is exp(SHARPNESS * (cosine - 1)): the closest count most
VOTE_WEIGHT = 2.0  # added to the fused score, times the share of the say an answer gets
# An answer word matching did not find is scored too when at least this share of the vote is
# for it (search.meaning); like the answers closest in meaning, it joins only in the top three.
ADD_FROM = 0.5
SAME_SEARCH = 0.999  # a judged search this close has the reader's own words (see above)
# A search whose words no page uses and that nothing is close enough to in meaning (meaning.closest)
# gets the answers the vote is strong for (ADD_FROM), if a judged search is this close to it. On the
# tuning part (eighteenth session; each search's own words left out, searches of three words or
# more), the answer with most of the vote was right for 93.6 % of the 15,432 searches with a judged
# search this close and a strong vote, and one of up to three for 95.2 % (0.75: 92.6 / 94.2 %; 0.85:
# 95.1 / 96.5 %). Of 36 searches about something else, none reached it but "can i take ibuprofen
# with paracetamol" (0.82) and "diabetic neuropathy feet treatment" (0.81); "how to lower blood
# pressure naturally" reached 0.66 and "migraine with aura what to do" 0.68.
ALONE_FROM = 0.8
HIT_GRADE = 2  # judged answers below this grade do not answer the search, and get no vote


def build(vectors: np.ndarray, wanted: list[dict[str, int]]) -> dict[str, np.ndarray]:
    """The arrays written to EXEMPLARS_PATH: each judged search's vector, quantised to int8 (the
    vote was the same to 0.03 points), and its right answers as (search, answer, grade) rows."""
    vectors = np.asarray(vectors, np.float32)
    vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    scale = float(np.abs(vectors).max()) or 1.0
    keys = sorted({key for want in wanted for key, grade in want.items() if grade >= HIT_GRADE})
    index = {key: i for i, key in enumerate(keys)}
    rows = [
        (row, index[key], grade)
        for row, want in enumerate(wanted)
        for key, grade in sorted(want.items())
        if grade >= HIT_GRADE
    ]
    return {
        "vectors": np.clip(np.round(vectors * 127 / scale), -127, 127).astype(np.int8),
        "keys": np.array(keys, dtype=str),
        "answers": np.array(rows, np.int32).reshape(len(rows), 3),
    }


class Exemplars:
    def __init__(self, arrays):
        vectors = arrays["vectors"].astype(np.float32)
        self.vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        keys = [str(k) for k in arrays["keys"]]
        self.answers: list[list[tuple[str, int]]] = [[] for _ in range(len(vectors))]
        for row, key, grade in arrays["answers"]:
            self.answers[row].append((keys[key], int(grade)))

    def votes(self, sentence: np.ndarray) -> Votes:
        """Each answer's share of the nearest judged searches' say (at most 1, an answer graded 2
        gets two thirds of a share), by "content-id#anchor", "content-id" (a page) or
        "content-id#*" (any part of a page)."""
        if not sentence.any() or not len(self.vectors):
            return Votes()
        cosines = self.vectors @ sentence.astype(np.float32)
        others = np.flatnonzero(cosines < SAME_SEARCH)
        if not len(others):
            return Votes()
        if len(others) > NEIGHBOURS:  # a partition, then the few sorted: a full sort costs more
            others = others[np.argpartition(-cosines[others], NEIGHBOURS)[:NEIGHBOURS]]
        nearest = others[np.lexsort((others, -cosines[others]))]
        say = np.exp(SHARPNESS * (cosines[nearest] - 1.0))
        total = float(say.sum()) or 1.0
        found = Votes(nearest=float(cosines[nearest[0]]))
        for row, weight in zip(nearest, say, strict=True):
            for key, grade in self.answers[row]:
                found[key] = found.get(key, 0.0) + float(weight) * grade / 3 / total
        return found


class Votes(dict):
    """The answers' shares of the vote, and how close the nearest judged search voting was."""

    def __init__(self, *args, nearest: float = 0.0, **kwargs):
        super().__init__(*args, **kwargs)
        self.nearest = nearest


def key(content_id: str | None, anchor: str) -> str:
    """A location as the relevance set names it: "content-id#anchor", or "content-id" for a page."""
    return f"{content_id}#{anchor}" if anchor else str(content_id)


def vote(votes: dict[str, float], keys: list[str]) -> float:
    """The best vote any of a result's locations (its own and those it was folded with) gets."""
    best = 0.0
    for key in keys:
        page = key.partition("#")[0]
        best = max(best, votes.get(key, 0.0), votes.get(f"{page}#*", 0.0))
    return best


def strong(votes: Votes, entries, titles=()) -> list[int]:
    """Of ``entries`` ((id, location key, title) triples), those the vote is strong for (ADD_FROM),
    most voted first, one per title and none with one of ``titles``."""
    ranked = sorted(
        (-share, pk, title) for pk, where, title in entries if (share := vote(votes, [where])) >= ADD_FROM
    )
    out, seen = [], set(titles)
    for _, pk, title in ranked:
        if title not in seen:
            seen.add(title)
            out.append(pk)
    return out


def alone(votes: Votes | None, entries, limit: int) -> list[int]:
    """For a search nothing else answers: up to ``limit`` of the entries the vote is strong for
    (``strong``); none unless a judged search is close (ALONE_FROM)."""
    if not votes or votes.nearest < ALONE_FROM:
        return []
    return strong(votes, entries)[:limit]


def locations(found) -> list[list[str]]:
    """Each result's locations as the relevance set names them ("content-id#anchor"): its own and
    those of the entries folded into it."""
    facts = last_built() or site_facts()  # ranking has just checked they are current
    kept = facts.stemmed or {}
    folded = {pk for cand in found for pk in cand.also}
    where = {pk: (kept[pk].page_id, kept[pk].anchor) for pk in folded if pk in kept}
    where.update({cand.pk: (cand.page_id, cand.anchor) for cand in found})
    unknown = folded - where.keys()
    if unknown:  # a big index keeps no entries in its facts
        rows = SearchEntry.objects.filter(pk__in=unknown).values_list("pk", "page_id", "anchor")
        where.update({pk: (page_id, anchor) for pk, page_id, anchor in rows})
    content_of = facts.content_of
    return [
        [
            key(content_of.get(page_id), anchor)
            for page_id, anchor in (where[pk] for pk in (cand.pk, *cand.also) if pk in where)
        ]
        for cand in found
    ]


@lru_cache(maxsize=2)
def _load(path: Path) -> Exemplars | None:
    if not path.exists():
        return None
    with np.load(path, allow_pickle=False) as arrays:
        return Exemplars(arrays)


def exemplars() -> Exemplars | None:
    """The judged searches, loaded once per worker (none before learn_search_meaning writes them)."""
    return _load(EXEMPLARS_PATH)


def reset() -> None:
    _load.cache_clear()
