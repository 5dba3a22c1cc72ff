"""Order the candidates a full-text engine found the way this site's readers need them.

The engines score words, not readers' questions. Here, for at most CANDIDATES rows:
- each of the reader's ideas (a group of alternative phrases) counts once, weighted by how few
  entries contain it, so words on nearly every page (IVIG, CIDP, treatment) weigh little; the
  reader's own rare word ("hizentra") outweighs its common synonyms;
- a match in the title beats one in the short answer, which beats one in the body;
- an entry answering only some of the ideas loses part of its score;
- the reader's words found together as a phrase, or near each other, count extra, and so do the
  reader's word pairs, stop words included, in a title ("how often", "can i");
- a reader naming a sign the warning lists name (headache, rash) is asking about it: the answers
  about symptoms, side effects and when to get help come first;
- the site is about CIDP: a query that names no condition prefers CIDP pages to the pages about
  other conditions, and a query that names one of those prefers that condition's pages;
- results whose score is far below the best are dropped, so the count is of real answers;
- equal scores go to the entry where the reader's words are densest, the same on both databases;
- entries with the same title (a page and its own first question, one answer on three pages) are
  shown once, listing where else they appear.
Last, search.meaning re-orders these results by nearness of meaning to what the reader wrote, so
the orders above are the word-matching half of the final order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .facts import KEEP_STEMMED, Entry, Field, SiteFacts, site_facts, stemmed_field
from .models import SearchEntry
from .text import STOP_WORDS, stem

FIELD_WEIGHTS = (3.0, 2.0, 1.0)  # title, short answer, body
KEEP_SHARE = 0.3  # results scoring below this share of the best are not answers to this query
OTHER_CONDITION = 0.45  # weight of another condition's entries when the query names none
NAMED_CONDITION = 1.6  # weight of the named condition's entries
PHRASE_BONUS = 0.6
NEAR_WINDOW = 8
# Everyday verbs, adverbs and fillers that are not stop words to the engines but carry no topic:
# "why did I get CIDP", "can I still work", "is there a group near me", "will I ever".
WEAK_WORDS = frozenset(
    """get got gets getting need needs make makes go goes take takes know use still ever near nearby
    really even also always never yet already anymore much lot lots thing things something anything
    everything nothing else keep keeps want wants going been every good could would might may must
    shall actually basically literally maybe probably please see seeing seen saw ok okay time
    mean meaning means meant definition definitions define defined exactly definitely honestly
    seriously simply find simple plain basic layman laymans""".split()
)
WEAK = 0.2
# The people and the feelings in a reader's story ("my neuro wants to cut my dose", "nervous about
# my nerve test") are seldom what the question is about: their idea weighs half. A reader asking
# only about a feeling still finds the answers about it (their one idea is all there is to rank).
STORY_WORDS = frozenset(
    """doctor doctors nurse nurses neurologist neuro consultant specialist gp team
    worried worry worries anxious anxiety scared frightened terrified petrified afraid nervous stressed
    stress""".split()
)
STORY = 0.5
# Whole questions: the reader's word pairs, stop words included ("how often", "can i"), found in a
# title tell "How often will I have IVIG?" from "How long does an infusion take?".
QUESTION_BONUS = 0.3
# An entry that answers only some of the reader's ideas keeps the square root of the share it answers.
COVERAGE = 0.5
SYNONYM = 0.8  # a synonym the reader did not type, against the reader's own word
# A reader who names a symptom or a feeling ("headache after infusion") is asking about it: the
# answers about symptoms, side effects and when to get help come first.
SYMPTOM_ANSWERS = 1.3
# The reader's words are the title's, in its order ("what is cidp" -> "What is CIDP?"), or every
# word of the title that is not a stop word is the reader's.
SAME_TITLE = 1.25
WHOLE_TITLE = 1.1


@dataclass
class Candidate:
    pk: int
    page_id: int
    anchor: str
    title_key: str
    fields: tuple[Field, Field, Field]
    score: float = 0.0
    also: list[int] = field(default_factory=list)


STOP_STEMS = frozenset(stem(w) for w in STOP_WORDS)


def _entries_with(facts: SiteFacts, phrases) -> int:
    """How many entries hold any of these stemmed phrases (a group's synonyms count once)."""
    key = tuple(sorted(phrases))
    found = facts.df_cache.get(key)
    if found is None:
        if facts.stemmed:
            found = len(_holding(facts, phrases))
        else:  # a big index keeps no stemmed entries: the rarest word of each phrase, summed
            found = sum(min((facts.doc_freq.get(s, 0) for s in ps), default=0) for ps in set(phrases))
        if len(facts.df_cache) < 10_000:
            facts.df_cache[key] = found
    return found


def _holding(facts: SiteFacts, phrases) -> set[int]:
    """The kept entries holding any of these stemmed phrases. Only an entry that uses every word of a
    phrase can hold it, so only those are read: a synonym group of thirty phrases would otherwise read
    every entry thirty times for each new reading of a search."""
    found: set[int] = set()
    for ps in phrases:
        words = list(ps)
        maybe = frozenset.intersection(*(facts.holders.get(s, frozenset()) for s in words))
        if len(words) == 1:
            found |= maybe
        else:
            found |= {pk for pk in maybe if any(_positions(fld, words) for fld in facts.stemmed[pk].fields)}
    return found


def _idf(facts: SiteFacts, phrases) -> float:
    """BM25's idf: rare ideas weigh a lot, near-universal ones little."""
    n = facts.entries
    seen = min(_entries_with(facts, phrases), n)
    return max(0.05, math.log((n - seen + 0.5) / (seen + 0.5) + 1))


def _weights(facts: SiteFacts, group, own) -> tuple[float, list[float]]:
    """The weight of a reader's idea, and of each of its phrases.

    The idea (all its synonyms together) weighs what its rarest-possible reading earns; a phrase the
    reader typed may weigh more, if it is rarer than the idea ("hizentra" is one product, not every
    IVIG page); a synonym the reader did not type weighs a little less than the reader's own word."""
    stemmed = [tuple(stem(w) for w in p) for p in group]
    weak = WEAK if all(len(p) == 1 and (p[0] in WEAK_WORDS or p[0].isdigit()) for p in group) else 1.0
    if any(len(p) == 1 and p[0] in STORY_WORDS for p in own):
        weak *= STORY
    idea = _idf(facts, stemmed) * weak
    phrases = []
    for phrase, ps in zip(group, stemmed, strict=True):
        if phrase in own:
            phrases.append(max(idea, _idf(facts, [ps]) * weak))
        else:
            phrases.append(idea * SYNONYM)
    return idea, phrases


def _positions(fld: Field, phrase_stems: list[str]) -> list[int]:
    stems, where = fld
    n = len(phrase_stems)
    starts = where.get(phrase_stems[0], [])
    return starts if n == 1 else [i for i in starts if stems[i : i + n] == phrase_stems]


def _named_conditions(groups, facts: SiteFacts) -> set[int]:
    """Pages whose condition the query names (by any phrase of a group, synonyms included)."""
    phrases = {p for group in groups for p in group}
    return {page_id for page_id, names in facts.condition_of.items() if names & phrases}


def score(
    cand: Candidate, stemmed_groups, weights, named: set[int], facts: SiteFacts, phrase_weights
) -> float:
    total = found = 0.0
    for group, each, weight in zip(stemmed_groups, phrase_weights, weights, strict=True):
        best = max(
            (
                w * field_weight
                for fld, field_weight in zip(cand.fields, FIELD_WEIGHTS, strict=True)
                for ps, w in zip(group, each, strict=True)
                if _positions(fld, ps)
            ),
            default=0.0,
        )
        total += best
        found += weight if best else 0.0
    # An entry that answers only some of the reader's ideas loses the share it leaves out: the
    # "Infusion" glossary entry is not an answer to "headache after infusion".
    total *= (found / sum(weights)) ** COVERAGE if sum(weights) else 1.0
    # Phrase and nearness: all the reader's ideas inside a short stretch of one field.
    if len(stemmed_groups) > 1:
        for fld, field_weight in zip(cand.fields, FIELD_WEIGHTS, strict=True):
            spans = [sorted(i for ps in group for i in _positions(fld, ps)) for group in stemmed_groups]
            if all(spans):
                window = _smallest_window(spans)
                if window <= NEAR_WINDOW:
                    closeness = len(stemmed_groups) / max(window, len(stemmed_groups))
                    total += PHRASE_BONUS * sum(weights) * field_weight / 3 * closeness
                break
    if cand.page_id in facts.condition_of:
        if named:
            total *= NAMED_CONDITION if cand.page_id in named else OTHER_CONDITION
        else:
            total *= OTHER_CONDITION
    return total


def _smallest_window(positions: list[list[int]]) -> int:
    """Length of the shortest stretch holding one position from each list."""
    events = sorted((p, i) for i, ps in enumerate(positions) for p in ps)
    need = len(positions)
    counts = [0] * need
    have = left = 0
    best = 10**9
    for pos, i in events:
        counts[i] += 1
        have += counts[i] == 1
        while have == need:
            best = min(best, pos - events[left][0] + 1)
            j = events[left][1]
            counts[j] -= 1
            have -= counts[j] == 0
            left += 1
    return best


def rank(entry_ids: list[int], parsed) -> list[Candidate]:
    """Scored, collapsed and trimmed candidates, best first (the engine's order breaks ties)."""
    if not entry_ids:
        return []
    facts = site_facts()
    cands = {}
    if facts.entries > KEEP_STEMMED:
        rows = SearchEntry.objects.filter(pk__in=entry_ids).values_list(
            "pk", "page_id", "anchor", "title_text", "snippet_text", "body_text"
        )
        stemmed = {
            pk: Entry(page, anchor, texts[0], tuple(map(stemmed_field, texts)))
            for pk, page, anchor, *texts in rows
        }
    else:
        stemmed = facts.stemmed
    for pk in entry_ids:
        entry = stemmed.get(pk)
        if entry is not None:
            cands[pk] = Candidate(pk, entry.page_id, entry.anchor, entry.title_key, entry.fields)
    owns = parsed.own or [set() for _ in parsed.groups]
    weighed = [_weights(facts, g, own) for g, own in zip(parsed.groups, owns, strict=True)]
    weights = [idea for idea, _ in weighed]
    phrase_weights = [each for _, each in weighed]
    stemmed_groups = [[[stem(w) for w in p] for p in group] for group in parsed.groups]
    named = _named_conditions(parsed.groups, facts)
    query_words = [w for g in parsed.groups for w in g[0]]
    pairs = _pairs(parsed.raw_words)
    signs = _names_a_sign(stemmed_groups, facts)
    for cand in cands.values():
        cand.score = score(cand, stemmed_groups, weights, named, facts, phrase_weights)
        if signs and cand.pk in facts.symptom_entries:
            cand.score *= SYMPTOM_ANSWERS
        cand.score *= 1 + QUESTION_BONUS * _pair_share(cand, pairs)
        # Same words as the title, in the same order: "what is cidp" -> "What is CIDP?".
        if parsed.raw_words and cand.title_key.split() == parsed.raw_words:
            cand.score *= SAME_TITLE
        elif query_words and _title_coverage(cand, query_words) == 1.0:
            cand.score *= WHOLE_TITLE
    order = {pk: n for n, pk in enumerate(entry_ids)}
    # Equal scores are common (the features are coarse); the entry where the reader's words are
    # densest goes first, so both databases agree instead of following each engine's own order.
    means = [sum(len(c.fields[i][0]) for c in cands.values()) / (len(cands) or 1) for i in range(3)]
    density = {c.pk: _density(c, stemmed_groups, weights, means) for c in cands.values()}
    ranked = sorted(cands.values(), key=lambda c: (-round(c.score, 9), -density[c.pk], order[c.pk]))
    if not ranked or ranked[0].score <= 0:
        return ranked
    floor = ranked[0].score * KEEP_SHARE
    kept = [c for c in ranked if c.score >= floor]
    return collapse(kept)


def _density(cand: Candidate, stemmed_groups, weights, mean_lengths) -> float:
    """BM25's term-frequency part: the reader's words, saturating, in short fields weigh more."""
    total = 0.0
    for (stems, where), field_weight, mean in zip(cand.fields, FIELD_WEIGHTS, mean_lengths, strict=True):
        norm = 1.2 * (0.25 + 0.75 * len(stems) / (mean or 1))
        for group, weight in zip(stemmed_groups, weights, strict=True):
            tf = sum(len(_positions((stems, where), ps)) for ps in group)
            total += field_weight * weight * tf / (tf + norm)
    return total


def _names_a_sign(stemmed_groups, facts: SiteFacts) -> bool:
    """Whether the reader names a symptom or a feeling the warning lists name ("headache")."""
    return any(
        all(s in facts.symptom_words for s in ps if s not in STOP_STEMS)
        for group in stemmed_groups
        for ps in group
        if any(s not in STOP_STEMS for s in ps)
    )


def _pairs(raw_words: list[str]) -> tuple[set, set]:
    """The reader's neighbouring words: all pairs, and those holding a word that is not a stop word."""
    # A filler next to a stop word ("i still", "even on") is no wording to match.
    filler = STOP_WORDS | WEAK_WORDS
    pairs = {
        (stem(a), stem(b))
        for a, b in zip(raw_words, raw_words[1:], strict=False)
        if not (a in filler and b in filler and {a, b} & WEAK_WORDS)
    }
    meaningful = {
        (stem(a), stem(b))
        for a, b in zip(raw_words, raw_words[1:], strict=False)
        if not (a in STOP_WORDS and b in STOP_WORDS)
    }
    return pairs, meaningful


def _pair_share(cand: Candidate, pairs: tuple[set, set]) -> float:
    """How much of the reader's wording a field repeats: any pair in the title ("how often",
    "can i"), pairs with a real word in the short answer or body ("the skin"), less there."""
    best = 0.0
    for n, ((stems, _), field_weight) in enumerate(zip(cand.fields, FIELD_WEIGHTS, strict=True)):
        wanted = pairs[0] if n == 0 else pairs[1]
        if wanted:
            shared = wanted & set(zip(stems, stems[1:], strict=False))
            best = max(best, field_weight / FIELD_WEIGHTS[0] * len(shared) / len(wanted))
    return best


def _title_coverage(cand: Candidate, query_words: list[str]) -> float:
    title = [s for s in cand.fields[0][0] if s not in STOP_STEMS]
    wanted = {stem(w) for w in query_words}
    return sum(1 for s in title if s in wanted) / len(title) if title else 0.0


def collapse(ranked: list[Candidate]) -> list[Candidate]:
    """One result per title: the best-ranked keeps its place and lists the others."""
    seen: dict[str, Candidate] = {}
    out = []
    for cand in ranked:
        first = seen.get(cand.title_key)
        if first is None:
            seen[cand.title_key] = cand
            out.append(cand)
        else:
            first.also.append(cand.pk)
    return out
