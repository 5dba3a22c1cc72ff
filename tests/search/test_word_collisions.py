"""A word the glossary learns must not take another word's correction or pull a search elsewhere.

Every glossary word joins the vocabulary that misspellings are corrected towards, so one added for a
reader's everyday task can win a correction that an urgent or clinical search needs. Each case here
was seen to go wrong: with a word that was tried in the glossary and taken out again, or, for
"Allegron" and "burnout", until the word itself was added.
"""

import pytest

from cidp_site.search.query import parse


def _read(query):
    parsed = parse(query)
    return parsed.corrected or " ".join(parsed.raw_words)


@pytest.mark.parametrize(
    ("query", "meant"),
    [
        ("myasthenic cris", "crisis"),  # not "crisp" ("crisp packets", a task for weak hands)
        ("cidp sleap", "sleep"),  # not "slap" ("foot slap", a way of walking)
        ("jext pen", "jext"),  # the adrenaline pen, not "jet" ("jet lag") or "next"
        ("skiin rash", "skin"),  # a rash, an emergency sign: not "skiing"
        ("sweing double", "seeing"),  # double vision, urgent in myasthenia: not "sewing"
        ("paino in my feet", "pain"),  # not "piano"
        ("evigam", "evogam"),  # immunoglobulin under the skin, not "vigam", given into a vein
    ],
)
def test_a_misspelling_is_corrected_to_the_word_meant(real_site, query, meant):
    assert meant in _read(query).split()


@pytest.mark.parametrize(
    ("query", "not_meant"),
    [
        ("VEGF level POEMS", "veg"),  # a blood test, not "peel veg"
        ("carer burnout", "burnt"),  # a word of its own, in the group of feelings
        ("Allegron", "allegra"),  # nortriptyline for nerve pain, not an antihistamine
        ("hey siri what is cidp", "sair"),  # a voice assistant, not the Scots word for sore
        ("had a tumble", "tumbler"),  # a fall, not the glass pressed on a rash
        ("calf cramps", "calfpain"),  # run-together forms win corrections for their first word
        ("purple", "purplespots"),
    ],
)
def test_a_word_is_not_corrected_into_another_it_is_not(real_site, query, not_meant):
    assert not_meant not in _read(query).split()


@pytest.mark.parametrize(
    ("query", "group"),
    [
        ("is it ok to smoke weed for cidp pain", "exercise"),  # not "weeding" the garden
        ("my neuro keeps stretching the gap between doses", "exercise"),  # not stretching exercises
        ("he fell in the garden should i call the doctor", "exercise"),  # not "gardening"
        ("i live out bush can a nurse come to me", "tiredness"),  # not "bushed", worn out
        ("blue extremities", "limbs"),  # an emergency sign, not the symptoms of CIDP
        ("how to curb steroid hunger", "falls"),  # not "curbs", kerbs
        ("pedal oedema", "driving"),  # swollen feet, not the car's pedals
        ("can i wash my hair with a cannula in", "grip"),
        ("will my nerves knit back together", "grip"),
        ("can i wear earrings during ivig", "grip"),
        ("feel washed up", "grip"),
        ("feels like walking on razor blades", "grip"),  # nerve pain, not "hold razor"
        ("cutting myself with a razor", "grip"),  # self-harm: the crisis answer, never grip
        ("rash doesnt fade when i hold a glass on it", "grip"),  # the glass test, an emergency sign
        ("chopping and changing treatments", "grip"),  # not "chop vegetables"
        ("can i share a toothbrush is cidp catching", "grip"),  # not "hold toothbrush"
        ("how many kms can i walk", "suicide"),  # kilometres, not "kill myself"
        ("freezing ivig", "chills"),  # how to store it, not feeling cold
    ],
)
def test_a_word_is_not_read_into_a_group_where_it_means_something_else(real_site, query, group):
    # The glossary names a task or a sport by a phrase ("play guitar", "do earrings") where the
    # word alone, or a word with the same stem, means something else in a reader's search.
    groups = parse(query).groups
    assert not any((group,) in g for g in groups), groups
