"""How "Did you mean" writes a word: as the titles and short answers write it, never capitalised
because a sentence starts with it or because an everyday word is also an abbreviation."""

from collections import Counter

from cidp_site.search.facts import _forms, _written
from cidp_site.search.query import _slips


def test_words_keep_the_form_the_pages_use():
    forms = Counter(
        _forms(
            "Guillain-Barré syndrome (GBS)",
            "What is GBS? Ask your GP. Tell us, or the US team. Nerves need Myelin, and myelin helps.",
            "Plasmapheresis in IgG4 nodopathy",
        )
    )
    written = _written(forms)
    assert written["gbs"] == "GBS" and written["gp"] == "GP"
    assert written["guillain"] == "Guillain"  # a name joined to another, though a title starts with it
    assert written["barre"] == "Barré"  # searched without its accent
    assert written["igg4"] == "IgG4"
    assert "plasmapheresis" not in written  # only ever first in a sentence
    assert "us" not in written  # an everyday word
    assert "myelin" not in written  # also written in lower case


def test_a_groups_misspelling_of_its_own_name_is_shown_as_the_name():
    # A search may read "ivy gee" as the glossary's misspelling "ivg"; "Did you mean ivg?" would
    # teach the slip. Only a slip of the name counts: not another name, an everyday word, a form.
    slips = _slips(
        (
            "IVIG, intravenous immunoglobulin, ivg, kiovig",
            "CIDP, cdip, sidp",
            "GP, family doctor, pcp",
            "Immunoglobulin, immunoglobin, imunoglobulin",
            "Axon, axons",
            "falls, fall",
            "diabetes, diabetic",  # a word of its own, two letters from a long name
            "Drip, drop",  # a word of its own, one letter from the name
        )
    )
    assert slips == {
        "ivg": "ivig",  # folded: "Did you mean" writes it as the pages do ("IVIG")
        "cdip": "cidp",
        "sidp": "cidp",
        "immunoglobin": "immunoglobulin",  # two slips in a long name
        "imunoglobulin": "immunoglobulin",
    }
