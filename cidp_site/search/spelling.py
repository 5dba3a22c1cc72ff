"""Spelling correction against the index's own vocabulary, using RapidFuzz.

Only words that actually occur in published pages (plus synonym terms) can be suggested, so a
correction always leads somewhere. The vocabulary is rebuilt when the index changes.

A word the pages do not use is not always a typo: "forever", "water" and "breast" are what the
reader meant, and "correcting" them to "fever", "after" and "breath" answers another question. So
a common English word (pyspellchecker's English word list) is never corrected; non-words are
("exausted", "guilain" for Guillain), and a rarer word only to another form of itself ("yellowish"
to yellowing, never "untreated" to treated). A non-word too far from any known word letter by
letter may still sound like one ("kronic", "hedake"): it is read as that word (``sounds_like``).
"""

from __future__ import annotations

import math
import os
import threading
from collections import Counter
from functools import cached_property, lru_cache

import jellyfish
from django.db.models import Max
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA
from spellchecker import SpellChecker

from .models import SearchEntry
from .text import STOP_WORDS, spelling_key, stem

MIN_LENGTH = 4  # shorter words are too ambiguous to correct
SCORE_CUTOFF = 78
# Two slips in a long word ("ritixumab" for rituximab) score 77.8: a word of this length may take
# the lower cutoff, since a long rare word near a known one is far more often a slip than a new word.
LONG_WORD, LONG_WORD_CUTOFF = 9, 75
# One slipped letter in a word of four scores 75 too ("axom" for axon), under the cutoff that keeps
# longer words from being read as unlike ones; only a word of exactly this length takes it.
SHORT_WORD, SHORT_WORD_CUTOFF = 4, 75
# A word typed by ear ("remishun", "kronic", "hedake") is too far from the word meant for the fuzzy
# score, but sounds the same: a known word with the same Metaphone or NYSIIS code is taken if it is
# still this alike letter by letter, for words of this length or more ("wifi" is not "wife"). At 65
# (70 before the twenty-first session) "acson", "reacshuns" and "herideterry" reach axon, reactions
# and hereditary; of the tuning part's uncorrected non-words, the nearest wrong one ("bence" for
# bones) scores 60.
SOUNDS_LIKE_CUTOFF, SOUNDS_LIKE_FROM = 65, 5
# A long word typed in pieces ("elektro myo graphy", "ef-gar-tig-i-mod", "f c r n"): up to this many
# words, joined, that spell a known word, or one this alike to it letter by letter.
PIECES, PIECES_CUTOFF = 5, 85
# A rare English word the pages do not use is corrected only to another form of itself: of 167 such
# corrections in the tuning part, most that changed the meaning ("shingles" to "single", "untreated"
# to "treated", "sinus" to "signs") shared less than this share of the shorter word's beginning, and
# most that kept it ("prevention" to "preventing", "yellowish" to "yellowing") more.
SAME_WORD_SHARE = 0.75
NEAREST = 3  # when a search would otherwise find nothing, the known words tried for each typed one
# How often a word must occur in pyspellchecker's English counts (subtitles and web text) to be a
# common word that a reader typed on purpose, never corrected: "abnormal" (5,116). A rarer word
# ("gillian", 1,131) may be corrected, but only to another form of itself (SAME_WORD_SHARE).
COMMON_WORD_COUNT = 2000
# A long word a voice heard as several with one sound wrong ("edgar tiger mod" for efgartigimod, 80
# alike letter by letter): the pieces joined may be this alike to a known word of LONG_WORD letters.
HEARD_CUTOFF = 80
# Letters said by name, as a voice typing a short name writes them ("gee bee ess" for GBS).
LETTER_NAMES = dict(
    pair.split("=")
    for pair in """a=a ay=a bee=b be=b see=c cee=c sea=c dee=d ee=e ef=f eff=f gee=g aitch=h eye=i jay=j
    kay=k el=l ell=l em=m en=n oh=o pee=p ivy=iv cue=q queue=q ar=r are=r ess=s es=s tee=t tea=t you=u vee=v
    ex=x why=y zed=z zee=z""".split()
)


@lru_cache(maxsize=1)
def _english() -> tuple[frozenset[str], frozenset[str]]:
    """About 13,000 everyday words, and the 127,000 English words long enough to be corrected (about
    12 MB); the full counts (35 MB) are dropped once read."""
    counts = SpellChecker(language="en", distance=1).word_frequency.dictionary
    return (
        frozenset(w for w, n in counts.items() if n >= COMMON_WORD_COUNT),
        frozenset(w for w in counts if len(w) >= MIN_LENGTH and w.isalpha()),
    )


def common_words() -> frozenset[str]:
    return _english()[0]


def english_words() -> frozenset[str]:
    """A word in the English list at all ("trekking", "venous", "housebound") is a word, not a slip:
    it is never read as a known word that sounds alike ("tracking", "veins", "husband"), and is
    corrected only to another form of itself (``_same_word``)."""
    return _english()[1]


class Vocabulary:
    def __init__(self, counts: Counter, on_pages: frozenset[str] | None = None):
        # Most used first, then by letter: where two known words are equally likely (many score
        # alike to a short slip) the one taken must not hang on the order the database returned its
        # rows, which differs between PostgreSQL and SQLite and after edits. It did: "hart" was read
        # as "hard" on one and left alone on the other, and the meaning maps fitted on one failed
        # their check on the other.
        counts = Counter(dict(sorted(counts.items(), key=lambda item: (-item[1], item[0]))))
        self.counts = counts
        self.choices = list(counts)
        self.stem_counts: Counter = Counter()
        self.by_stem: dict[str, list[str]] = {}
        for w, n in counts.items():
            self.stem_counts[stem(w)] += n
            self.by_stem.setdefault(stem(w), []).append(w)
        self.stems = set(self.stem_counts)
        self.total = sum(counts.values()) or 1
        # Stems of the words pages use (vocabulary() adds the synonyms' words to ``counts``).
        self.on_pages = frozenset(self.stems) if on_pages is None else on_pages

    def knows(self, word: str) -> bool:
        return word in self.counts or stem(word) in self.stems

    def rarity(self, group) -> float:
        """An idf-like weight for a group of alternative phrases: rare words weigh more."""
        seen = 0
        for phrase in group:
            seen += min((self.stem_counts.get(stem(w), 0) for w in phrase), default=0)
        return math.log(1 + self.total / (1 + seen))

    def variants(self, word: str, limit: int = 3) -> list[str]:
        """The other spellings (UK or US) of ``word`` that pages use: "fiber" -> ["fibre"].

        The engines stem but do not know that "fibre" and "fiber" are one word, so a reader's
        spelling must reach them as an alternative."""
        uk = spelling_key(word) != word
        found = [w for w in self.by_stem.get(stem(word), ()) if w != word and (uk or spelling_key(w) != w)]
        return sorted(found, key=lambda w: -self.counts[w])[:limit]

    def split(self, word: str) -> tuple[str, ...] | None:
        """Two known words run together ("bloodclot" -> blood, clot), or two with a little word
        between them ("endofdose" -> end, of, dose); or None."""
        if len(word) < 2 * MIN_LENGTH - 1 or self.knows(word):
            return None
        best = None
        for i in range(3, len(word) - 2):
            head, tail = word[:i], word[i:]
            if self._whole(head) and self._whole(tail):
                n = min(self.counts[head], self.counts[tail])
                if best is None or n > best[0]:
                    best = (n, head, tail)
        if best:
            return best[1:]
        for i in range(3, len(word) - 4):
            for j in range(i + 1, min(i + 4, len(word) - 2)):
                head, little, tail = word[:i], word[i:j], word[j:]
                if little in STOP_WORDS and self._whole(head) and self._whole(tail):
                    n = min(self.counts[head], self.counts[tail])
                    if best is None or n > best[0]:
                        best = (n, head, little, tail)
        return best[1:] if best else None

    def drops_a_word(self, typed: str, right: str) -> bool:
        """Whether a correction is more than one slip from a non-word, as when it keeps one of two
        words run together ("sideeffects" -> effects, "prehydration" -> dehydration): the two words
        (``split``) are read instead, if the non-word is made of them."""
        return typed not in english_words() and OSA.distance(typed, right) > 1

    def _whole(self, word: str) -> bool:
        """A word the pages use that can stand as one piece of a word run together."""
        return word in self.counts and word not in STOP_WORDS

    def join(self, pieces: list[str]) -> str | None:
        """One known word typed as several ("breast feed" -> breastfeed, "elektro myo graphy" ->
        electromyography), or None. Words the pages use are left alone ("nerve test"), and of more
        than two pieces at least half must be unknown, each spelling only part of a word. A little
        word may be a piece too ("in fusion", "my ass thenia" -> myasthenia)."""
        if not pieces:
            return None
        unknown = [w for w in pieces if not self.knows(w)]
        joined = "".join(pieces)
        if not joined.isalpha() or not unknown:
            return None
        if len(pieces) == 2:
            return joined if joined in self.counts else None
        if 2 * len(unknown) < len(pieces):
            return None
        if joined in self.counts:
            return joined
        right = self.correct(joined)
        return right if right and fuzz.ratio(joined, right) >= PIECES_CUTOFF else None

    def correct(self, word: str) -> str | None:
        """The most likely intended known word, or None if ``word`` is known or nothing is close."""
        return next(iter(self.corrections(word)), None)

    def corrections(self, word: str) -> list[str]:
        """The known words ``word`` may be a slip for, most likely first; none if it is known. Parse
        takes the first; the last try the next when the first found nothing ("ovig" is nearest to
        "vig", a word only the glossary's "eye vig" uses, then to "ivig")."""
        if len(word) < MIN_LENGTH or word.isdigit() or self.knows(word) or word in common_words():
            return []
        # Two letters swapped is the commonest slip, but the fuzzy score counts it as two edits, so
        # in a short word ("hlep") it falls below the cutoff: a swap that makes a known word wins.
        swaps = [w for w in (word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1))]
        known = [w for w in swaps if w in self.counts]
        if known:
            return [max(known, key=lambda w: self.counts[w])]
        if len(word) == SHORT_WORD:
            cutoff = SHORT_WORD_CUTOFF
        else:
            cutoff = LONG_WORD_CUTOFF if len(word) >= LONG_WORD else SCORE_CUTOFF
        matches = process.extract(word, self.choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5)
        if word in english_words():  # a word, if a rare one: only another form of it is meant
            matches = [m for m in matches if _same_word(word, m[0])]
        if not matches:
            found = self.jumbled(word) or self.sounds_like(word)
            return [found] if found else []
        # Fewest typing slips first (a swap that makes a known word was taken above); then the
        # closest, then the word the pages use most.
        matches.sort(key=lambda m: (OSA.distance(word, m[0]), -round(m[1]), -self.counts[m[0]]))
        return [m[0] for m in matches]

    def jumbled(self, word: str) -> str | None:
        """The known word with the same letters in another order and the same first letter
        ("excersie" -> exercise): a reader who knows the letters but not their order. The fuzzy
        score counts each moved letter twice, so it cannot reach it."""
        if len(word) < SOUNDS_LIKE_FROM or not word.isalpha() or word in english_words():
            return None
        found = [w for w in self.by_letters.get("".join(sorted(word)), ()) if w[0] == word[0]]
        return max(found, key=lambda w: self.counts[w], default=None)

    @cached_property
    def by_letters(self) -> dict[str, list[str]]:
        letters: dict[str, list[str]] = {}
        for w in self.choices:
            if w.isalpha() and w not in STOP_WORDS:
                letters.setdefault("".join(sorted(w)), []).append(w)
        return letters

    def sounds_like(self, word: str) -> str | None:
        """Of the known words that sound like ``word``, the one spelt most nearly so (then the one the
        pages use most), if it is spelt nearly enough; or None."""
        if len(word) < SOUNDS_LIKE_FROM or not word.isalpha() or word in english_words():
            return None
        found = self._sounding(word)
        scored = [(fuzz.ratio(word, w), self.counts[w], w) for w in found]
        return max((s for s in scored if s[0] >= SOUNDS_LIKE_CUTOFF), default=(0, 0, None))[2]

    def _sounding(self, word: str) -> set[str]:
        """The known words with one of ``word``'s sound codes."""
        return {w for code in _sound_codes(word) for w in self.by_sound.get(code, ())}

    @cached_property
    def by_sound(self) -> dict[str, list[str]]:
        """Known words by their sound codes; not stop words, which are never searched ("wheer" is
        not "where")."""
        codes: dict[str, list[str]] = {}
        for w in self.choices:
            if w.isalpha() and w not in STOP_WORDS:
                for code in _sound_codes(w):
                    codes.setdefault(code, []).append(w)
        return codes

    def nearest(self, word: str) -> list[str]:
        """Known words a reader may have meant by ``word`` when nothing matched it as typed, most
        likely first: the same word with another ending (the engines' stemmer does not join
        "anaphylactics" and "anaphylactic"), or words it begins ("immunosupp" -> immunosuppressant).
        Nothing merely alike: "crossing" is not "losing", so a query about something else still
        finds nothing, honestly."""
        if word in STOP_WORDS or word.isdigit():
            return []
        found = [w for w in self.by_stem.get(stem(word), ()) if w != word]
        if not found and len(word) >= MIN_LENGTH:
            found = [w for w in self.choices if w.startswith(word) and w != word]
        if not found and len(word) >= SOUNDS_LIKE_FROM and word.isalpha() and word not in english_words():
            # The last try for a non-word typed by ear ("mileen"): the known words with its
            # consonants in the same order, from the same first letter.
            found = [
                w
                for w in self.by_consonants.get(_consonants(word), ())
                if w[0] == word[0] and len(w) >= SOUNDS_LIKE_FROM
            ]
        return sorted(found, key=lambda w: -self.counts[w])[:NEAREST]

    def heard(self, words: list[str]) -> list[str]:
        """The last try's reading of a search that found nothing, as a voice or a hurried thumb may
        have written it: a known word typed as pieces that only sound like it ("mile in" -> myelin,
        "pry vi gin" -> privigen), spelt out by its letters' names ("gee bee ess" -> gbs), or several
        words run together ("whatiscidp", "ivigsideeffects"). Words left as they are otherwise."""
        return join_runs([piece for w in words for piece in self.segment(w) or [w]], self._by_ear)

    def segment(self, word: str) -> list[str] | None:
        """A non-word read as the fewest known words and little words run together, or None. Wider
        than ``split``, which parse uses: it runs only on the last try, so it cannot change what a
        search that found something finds."""
        if len(word) < 2 * MIN_LENGTH or not word.isalpha() or self.knows(word) or word in english_words():
            return None
        best: list[list[str] | None] = [[]] + [None] * len(word)
        for end in range(1, len(word) + 1):
            for start in range(end):
                piece, before = word[start:end], best[start]
                fits = piece in STOP_WORDS or (len(piece) >= 3 and self._whole(piece))
                if before is not None and fits and (best[end] is None or len(before) + 1 < len(best[end])):
                    best[end] = [*before, piece]
        found = best[-1]
        return found if found and len(found) > 1 else None

    def _by_ear(self, pieces: list[str]) -> str | None:
        """The known word that pieces spell or spell out by letter names, or that pieces (at least
        one of them unknown) sound like: the same consonants in order from the same first letter, or
        the same sound code, and alike enough letter by letter ("cea card" is not "cord")."""
        if not all(w.isalpha() for w in pieces):
            return None
        letters = "".join(LETTER_NAMES.get(w, "?") for w in pieces)
        if "?" not in letters and letters in self.counts:
            return letters
        joined = "".join(pieces)
        if joined in self.counts:  # even of known pieces ("i vig"): as typed, they found nothing
            return joined
        if len(joined) < SOUNDS_LIKE_FROM or joined in english_words():
            return None
        if all(self.knows(w) or w in STOP_WORDS for w in pieces):
            return None
        found = {w for w in self.by_consonants.get(_consonants(joined), ()) if w[0] == joined[0]}
        found |= self._sounding(joined)
        # The one the pages use most: "anaphylaxis", not the glossary's misspelling "anafylaxis".
        alike = [w for w in found if fuzz.ratio(joined, w) >= SOUNDS_LIKE_CUTOFF]
        if not alike and len(joined) >= LONG_WORD:  # "edgar tiger mod": one sound heard wrong
            long_words = self.long_words.get(joined[0], ())
            alike = [
                m[0]
                for m in process.extract(joined, long_words, scorer=fuzz.ratio, score_cutoff=HEARD_CUTOFF)
            ]
        return min(alike, key=lambda w: (-self.counts[w], w), default=None)

    @cached_property
    def long_words(self) -> dict[str, list[str]]:
        """Known words of LONG_WORD letters or more by their first letter: a voice mishears the
        middle of a long word far more often than its start."""
        found: dict[str, list[str]] = {}
        for w in self.choices:
            if len(w) >= LONG_WORD and w.isalpha():
                found.setdefault(w[0], []).append(w)
        return found

    @cached_property
    def by_consonants(self) -> dict[str, list[str]]:
        """Known words of four letters or more ("cidp") by their consonants in order."""
        found: dict[str, list[str]] = {}
        for w in self.choices:
            if len(w) >= SHORT_WORD and w.isalpha() and w not in STOP_WORDS:
                found.setdefault(_consonants(w), []).append(w)
        return found


def join_runs(words: list[str], join) -> list[str]:
    """The words with each run of pieces that ``join`` makes one word made whole; the longest run
    first, from the left."""
    out, i = [], 0
    while i < len(words):
        for size in range(min(PIECES, len(words) - i), 1, -1):
            word = join(words[i : i + size])
            if word:
                out.append(word)
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _same_word(typed: str, known: str) -> bool:
    """Whether two words are one word with other endings ("deficient", "deficiency"), not two alike
    ("worsening", "working"; "incurable", "curable"): they share SAME_WORD_SHARE of the shorter."""
    shared = len(os.path.commonprefix([typed, known]))
    return shared >= SAME_WORD_SHARE * min(len(typed), len(known))


def _consonants(word: str) -> str:
    """A word's consonants in order, each run of one letter once: "mileen" and "myelin" are mln."""
    kept = [c for c in word if c not in "aeiouy"]
    return "".join(c for i, c in enumerate(kept) if i == 0 or c != kept[i - 1])


def _sound_codes(word: str) -> set[str]:
    return {jellyfish.metaphone(word), jellyfish.nysiis(word)} - {""}


_lock = threading.Lock()
_cache: dict = {"key": None, "vocab": None}


def vocabulary(extra_phrases=()) -> Vocabulary:
    key = (SearchEntry.objects.aggregate(m=Max("updated_at"))["m"], tuple(extra_phrases))
    with _lock:
        if _cache["key"] == key and _cache["vocab"] is not None:
            return _cache["vocab"]
    counts: Counter = Counter()
    rows = SearchEntry.objects.values_list("title_text", "snippet_text", "body_text")
    for row in rows.iterator(chunk_size=2000):
        for text in row:
            counts.update(text.split())
    on_pages = frozenset(stem(w) for w in counts)
    for phrase in extra_phrases:
        counts.update(phrase)
    for w in [w for w in counts if w.isdigit()]:
        del counts[w]
    vocab = Vocabulary(counts, on_pages)
    with _lock:
        _cache.update(key=key, vocab=vocab)
    return vocab
