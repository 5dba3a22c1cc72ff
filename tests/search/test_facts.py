"""How "Did you mean" writes a word: as the titles and short answers write it, never capitalised
because a sentence starts with it or because an everyday word is also an abbreviation."""

from collections import Counter

from cidp_site.search.facts import _forms, _written


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
