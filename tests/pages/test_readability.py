"""The reading-level measure itself, on texts whose grade is worked out by hand.

Flesch-Kincaid grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59, with
syllables per word rounded to one decimal first, as textstat 0.7.3 does.
"""

import pytest

from cidp_site.pages.readability import ALLOWED_LONG_TERMS, grade


def flesch_kincaid(words: int, sentences: int, syllables: int) -> float:
    return 0.39 * words / sentences + 11.8 * round(syllables / words, 1) - 15.59


@pytest.mark.parametrize(
    "text, words, sentences, syllables",
    [
        ("The cat sat on the mat.", 6, 1, 6),
        # your(1) doc-tor(2) may(1) sug-gest(2) a(1) dif-fer-ent(3) treat-ment(2)
        ("Your doctor may suggest a different treatment.", 7, 1, 12),
        # com-pre-hen-sive(4) ad-min-is-tra-tive(5) doc-u-men-ta-tion(5) ne-ces-si-tates(4)
        # con-sid-er-a-ble(5) or-gan-i-za-tion-al(6: the measure's count) re-spon-si-bil-i-ty(6 -> 34 in all)
        (
            "Comprehensive administrative documentation necessitates considerable organizational "
            "responsibility.",
            7,
            1,
            34,
        ),
    ],
)
def test_known_texts_get_their_worked_out_grade(text, words, sentences, syllables):
    assert grade(text) == pytest.approx(flesch_kincaid(words, sentences, syllables), abs=0.06)


def test_plain_words_pass_and_dense_prose_fails_the_page_limit():
    from cidp_site.pages.readability import PAGE_MAX_GRADE

    plain = "The nurse puts a small tube in a vein in your arm. The medicine drips in slowly."
    dense = "Comprehensive administrative documentation necessitates considerable responsibility."
    assert grade(plain) < 3 < PAGE_MAX_GRADE < 20 < grade(dense)


def test_the_names_a_patient_must_read_do_not_count_against_the_grade():
    with_names = "You may get intravenous immunoglobulin from a neurologist."
    assert grade(with_names) == grade("You may get term from a term.")  # the full name is one term
    assert grade("Ask about plasma exchange.") == grade("Ask about term.")


@pytest.mark.parametrize("word", ["infusion", "maintenance", "relapse", "inflammation"])
def test_everyday_words_are_graded_like_any_other(word):
    assert word not in ALLOWED_LONG_TERMS
    assert grade(f"You will have a {word} soon.") > grade("You will have a term soon.")


def test_no_text_has_no_grade():
    assert grade("   ") == 0.0
