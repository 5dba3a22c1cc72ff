"""Readers' words meet the pages' words: UK and US spellings, word endings, words run together."""

from collections import Counter

import pytest

from cidp_site.search.models import SearchEntry
from cidp_site.search.query import search
from cidp_site.search.spelling import Vocabulary
from cidp_site.search.text import stem, words


@pytest.mark.parametrize(
    "forms",
    [
        ("fibre", "fiber", "fibres"),
        ("randomised", "randomized"),
        ("anaemia", "anemia"),
        ("oestrogen", "estrogen"),
        ("diarrhoea", "diarrhea"),
        ("tumour", "tumor"),
        ("centre", "center"),
        ("cause", "causes", "caused"),
        ("dose", "doses"),
        ("tired", "tiredness"),
        ("weak", "weakness"),
        ("stop", "stopped", "stopping"),
        ("travelling", "traveling", "travel"),
        ("breathe", "breathing"),
        ("quick", "quickly"),
        ("reflex", "reflexes"),
        ("diagnosis", "diagnosed", "diagnose"),
    ],
)
def test_one_word_in_its_spellings_and_endings_has_one_stem(forms):
    assert len({stem(f) for f in forms}) == 1, {f: stem(f) for f in forms}


@pytest.mark.parametrize("word", ["loss", "virus", "family", "hours", "early", "process"])
def test_words_that_only_look_inflected_keep_their_stem(word):
    assert stem(word) in (word, word[:-1])  # at most a final e or s, never "lo" or "fami"


def test_a_readers_spelling_reaches_the_pages_spelling():
    vocab = Vocabulary(Counter({"fibre": 3, "fibres": 1, "nerve": 9}))
    assert vocab.knows("fiber")
    assert vocab.variants("fiber") == ["fibre", "fibres"]
    assert vocab.variants("nerve") == []  # the same spelling everywhere: nothing to add


def test_a_slip_is_read_the_same_whatever_order_the_database_returns_the_words_in():
    # "hart" (a rare word: only another form of itself is meant) is as near to each of these; the
    # fuzzy search keeps five, so which came first once decided whether "hard" was among them, and
    # PostgreSQL and SQLite read "ivig hart attack" differently.
    words = ["hard", "harm", "part", "cart", "hare", "hurt", "harp", "dart", "wart", "hark"]
    read = set()
    for order in (words, words[::-1], sorted(words, key=lambda w: w[::-1])):
        vocab = Vocabulary(Counter(dict.fromkeys(order, 2)))
        read.add(tuple(vocab.corrections("hart")))
    assert len(read) == 1, read


def test_two_words_run_together_are_searched_apart(real_site):
    outcome = search("bloodclot")
    assert outcome.parsed.corrected == "blood clot"
    assert ("ivig-side-effects", "serious-side-effects") in [r.locations[0] for r in outcome.results[:3]]


def test_each_list_item_and_paragraph_is_indexed_as_its_own_words(real_site):
    # "<li>chills or a fever</li><li>flushing ..." once indexed as "feverflushing": no search for
    # "fever" found the list of common side effects.
    body = SearchEntry.objects.get(anchor="common-side-effects").body_text.split()
    assert "fever" in body and "flushing" in body and "headache" in body
    assert any(r.url.endswith("#common-side-effects") for r in search("fever").results)


@pytest.mark.parametrize(
    ("query", "meant"),
    [
        ("will i need ivig forever", "ivig-treatment#how-long"),  # not "fever"
        ("abnormal nerve test", "cidp-diagnosis#nerve-conduction-study"),  # not "normal"
    ],
)
def test_a_common_word_the_pages_do_not_use_is_not_corrected_into_another(real_site, query, meant):
    outcome = search(query, per_page=3)
    assert outcome.parsed.corrected is None
    assert meant in {f"{page}#{anchor}" for r in outcome.results for page, anchor in r.locations}


def test_a_rare_word_or_a_non_word_is_still_corrected(real_site):
    gbs = search("guilain barre syndrome")
    assert gbs.parsed.corrected and gbs.results[0].locations[0][0] == "gbs"
    assert search("exausted").parsed.corrected == "exhausted"


def test_two_slips_in_a_long_rare_word_are_still_corrected(real_site):
    # "ritixumab" is two letters off "rituximab": it scored just under the cutoff and found nothing.
    assert search("ritixumab").parsed.corrected == "rituximab"


def test_two_swapped_letters_are_read_as_one_slip(real_site):
    # "casues" is one letter from "cases" but two letters swapped from "causes"; the fuzzy score
    # alone prefers the deletion. A missing letter still wins where it is the one slip.
    assert search("what casues the numbness").parsed.corrected == "what causes the numbness"
    assert search("nerve condution study").parsed.corrected == "nerve conduction study"


def test_a_readers_phrase_meets_a_synonym_phrase_whatever_the_little_words_between(real_site):
    # The glossary says "do up buttons"; readers type "do up my buttons".
    groups = search("cant do up my buttons anymore").parsed.groups
    assert any(("grip",) in group for group in groups)
    assert "cidp-symptoms#when-to-get-help" in {
        f"{page}#{anchor}"
        for r in search("cant do up my buttons anymore").results[:3]
        for page, anchor in r.locations
    }


def test_a_readers_phrase_meets_a_synonym_phrase_whatever_its_endings(real_site):
    # The glossary says "symptom log"; a reader types "symptoms log".
    found = {f"{p}#{a}" for r in search("symptoms log").results[:3] for p, a in r.locations}
    assert "treatment-not-working#keep-a-diary" in found


def test_an_ampersand_is_and_so_a_and_e_meets_the_emergency_answers(real_site):
    # The glossary's "A and E" (the emergency department) only meets "a&e" if "&" reads as "and".
    assert words("Go to A&E") == ["go", "to", "a", "and", "e"]
    found = [f"{p}#{a}" for r in search("when to go to a&e after ivig").results[:3] for p, a in r.locations]
    assert "ivig-side-effects#emergency" in found


def test_a_rash_that_does_not_fade_meets_the_emergency_list_before_the_one_that_fades(real_site):
    # The emergency list says "a rash that does not fade", the call-today list "a rash that fades".
    # Before the glossary joined "doesnt fade" to "does not fade", the call-today list came first.
    first = search("rash that doesnt fade with glass after ivig").results[0].locations
    assert ("ivig-side-effects", "emergency") in first, first


def test_a_lone_stop_word_is_nobodys_synonym(real_site):
    # "can" stems as "cane" does; the walking-aid words must not join every "can i ..." question.
    for query in ("can i stop ivig", "can't stand for long"):
        phrases = {p for group in search(query).parsed.groups for p in group}
        assert ("cane",) not in phrases, query
    assert ("cane",) in {p for g in search("do i need a cane").parsed.groups for p in g}


def test_a_long_story_keeps_the_question_at_its_end(real_site):
    # Twelve words are kept, but only words that are not stop words count: the question ("could a
    # virus have triggered it") comes after the story, past the sixteenth word.
    query = "my dad had a bad flu before his cidp started, could a virus have triggered it"
    outcome = search(query)
    assert ("virus",) in {p for group in outcome.parsed.groups for p in group}
    found = {f"{p}#{a}" for r in outcome.results[:3] for p, a in r.locations}
    assert "cidp-causes#what-starts-it" in found


def test_the_glossary_words_for_an_operation_reach_the_answer_that_names_it(real_site):
    # The page says "an operation to remove ... the thymus"; readers type the operation's name.
    found = {f"{p}#{a}" for r in search("thymectomy").results[:3] for p, a in r.locations}
    assert "myasthenia-gravis#can-ivig-treat-mg" in found


def test_two_swapped_letters_in_a_short_word_are_still_one_slip(real_site):
    # "hlep" scores below the fuzzy cutoff (a swap counts as two edits there).
    assert search("hlep").parsed.corrected == "help"


def test_one_slipped_letter_in_a_four_letter_word_is_corrected(real_site):
    # "axom" scores 75 against "axon" (one letter in four), under the cutoff for longer words: a
    # reader looking up the word found nothing. A common word of four letters is still kept.
    axom = search("axom")
    assert axom.parsed.corrected == "axon"
    assert ("glossary", "axon") in axom.results[0].locations
    assert search("golf").parsed.corrected is None


@pytest.mark.parametrize(
    "query, meant",
    [
        ("kronic inflammatory", "chronic inflammatory"),  # 77 letter by letter: under the cutoff
        ("hedake after infusion", "headache after infusion"),
        ("vaxine on ivig", "vaccine on ivig"),
        # 67 letter by letter: under the cutoff of 70 before the twenty-first session
        ("acson", "axon"),
        ("reacshuns to ivig", "reactions to ivig"),
    ],
)
def test_a_word_typed_by_ear_is_read_as_the_known_word_it_sounds_like(real_site, query, meant):
    assert search(query).parsed.corrected == meant


@pytest.mark.parametrize("query", ["trekking to the infusion centre", "safari trip", "venous", "housebound"])
def test_an_english_word_is_not_read_as_a_known_word_that_sounds_alike(real_site, query):
    # They sound like "tracking", "safer", "veins" and "husband", but are words readers meant,
    # however rare in English ("housebound").
    assert search(query).parsed.corrected is None


@pytest.mark.parametrize(
    "query, meant",
    [
        # Rare English words the pages do not use were "corrected" into unlike ones, some into
        # their opposite ("untreated" into "treated", "symmetrical" into "asymmetrical").
        ("untreated cidp", None),
        ("symmetrical weakness", None),
        ("sinus headache", None),
        ("burning soles", None),
        # Another form of the same word is still what the reader meant.
        ("yellowish eyes", "yellowing eyes"),
    ],
)
def test_a_rare_english_word_is_corrected_only_to_another_form_of_itself(real_site, query, meant):
    assert search(query).parsed.corrected == meant


def test_a_word_typed_by_ear_is_not_read_as_an_unlike_word_that_sounds_the_same():
    # "bence" (Bence Jones protein) shares a sound code with "bones" but only 60 letter by letter.
    vocab = Vocabulary(Counter({"bones": 5, "axon": 3}))
    assert vocab.sounds_like("bence") is None
    assert vocab.sounds_like("acson") == "axon"


def test_letters_in_another_order_are_read_as_the_word_they_spell(real_site):
    # Every letter of "exercise", two out of place: the fuzzy score counts each moved letter
    # twice, so the reader found nothing.
    outcome = search("excersie")
    assert outcome.parsed.corrected == "exercise"
    assert ("living-with-cidp", "exercise") in outcome.results[0].locations
    vocab = Vocabulary(Counter({"exercise": 5, "silent": 2}))
    assert vocab.jumbled("excersie") == "exercise"
    assert vocab.jumbled("xecersie") is None  # another first letter: not the reader's word
    assert vocab.jumbled("listen") is None  # an English word is what the reader meant


@pytest.mark.parametrize(
    "query, meant, answer",
    [
        ("elektro myo graphy", "electromyography", "glossary#emg"),
        ("ef-gar-tig-i-mod", "efgartigimod", "newer-treatments#new-medicines"),
        ("f c r n blocker", "fcrn blocker", "newer-treatments#new-medicines"),
        # A little word as a piece: "my" begins myasthenia, "in" begins infusion
        ("my ass thenia", "myasthenia", "myasthenia-gravis#what-is-mg"),
        ("in fusion", "infusion", "glossary#infusion"),
    ],
)
def test_a_long_word_typed_in_pieces_is_read_whole(real_site, query, meant, answer):
    outcome = search(query)
    assert outcome.parsed.corrected == meant
    found = {f"{p}#{a}" for r in outcome.results[:3] for p, a in r.locations}
    assert answer in found, found


def test_words_the_pages_use_are_never_joined_into_one():
    vocab = Vocabulary(Counter({"nerve": 5, "test": 5, "nervetest": 1, "breastfeed": 2, "breast": 1}))
    assert vocab.join(["nerve", "test"]) is None  # two words the reader meant
    assert vocab.join(["breast", "feed"]) == "breastfeed"
    assert vocab.join(["zq", "xv", "nerve"]) is None  # joined, like no known word
    assert vocab.join(["my", "nerve"]) is None  # every piece a word the reader meant


def test_two_words_with_a_little_word_between_them_run_together_are_searched_apart(real_site):
    outcome = search("endofdose")
    assert outcome.parsed.corrected == "end of dose"
    assert ("treatment-not-working", "wearing-off") in [r.locations[0] for r in outcome.results[:3]]


@pytest.mark.parametrize(
    "query, meant",
    [
        ("sideeffects", "side effects"),  # not "effects", one of them
        ("prehydration", "pre hydration"),  # not "dehydration", its opposite
        ("breastmilk", "breast milk"),
    ],
)
def test_words_run_together_are_read_apart_rather_than_corrected_into_one_of_them(real_site, query, meant):
    assert search(query).parsed.corrected == meant


def test_a_far_correction_gives_way_to_words_run_together_only_for_a_non_word():
    vocab = Vocabulary(Counter({"side": 4, "effects": 9, "autoimmune": 3, "auto": 1, "immunity": 1}))
    assert vocab.drops_a_word("sideeffects", "effects")
    assert not vocab.drops_a_word("sideefects", "sideeffects")  # one slip: the correction stands
    assert not vocab.drops_a_word("autoimmunity", "autoimmune")  # an English word, corrected as one


def test_a_word_typed_by_ear_never_becomes_a_stop_word():
    # A stop word is never searched, so the reader's word would vanish.
    vocab = Vocabulary(Counter({"where": 50, "headache": 3}))
    assert vocab.sounds_like("hedake") == "headache"
    assert vocab.sounds_like("wheer") is None


def test_letters_with_dots_between_them_are_one_word():
    from cidp_site.search.text import words

    assert words("what is c.i.d.p") == ["what", "is", "cidp"]
    assert words("I.V.I.G. side effects") == ["ivig", "side", "effects"]


def test_diagnosis_meets_the_page_about_being_diagnosed(real_site):
    # The engines stem "diagnosis" and "diagnosed" apart; the glossary's group joins them, so the
    # one-word search finds the page "How CIDP is diagnosed" and not only a question that says
    # "diagnosis".
    found = {f"{p}#{a}" for r in search("diagnosis").results[:3] for p, a in r.locations}
    assert "cidp-diagnosis#" in found
