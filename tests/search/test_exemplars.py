"""The judged searches' vote: readers who searched alike needed these answers (search.exemplars)."""

import numpy as np
import pytest

from cidp_site.search import exemplars, meaning
from cidp_site.search.query import search


def unit(rows):
    rows = np.array(rows, np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def judged(vectors, wanted):
    return exemplars.Exemplars(exemplars.build(unit(vectors), wanted))


def test_the_nearest_judged_searches_vote_for_the_answers_they_needed():
    found = judged(
        [[1, 0.2, 0], [1, 0, 0.2], [1, 0.3, 0.3], [0, 1, 0]],
        [
            {"ivig-treatment#how-well": 3},
            {"ivig-treatment#how-well": 3, "scig#what": 2},
            {"faq#x": 3},
            {"far#away": 3},
        ],
    )
    votes = found.votes(unit([[1, 0.1, 0.1]])[0])
    assert votes["ivig-treatment#how-well"] > votes["faq#x"] > 0.01
    assert votes["scig#what"] < votes["ivig-treatment#how-well"]  # judged right, but less so
    assert votes.get("far#away", 0.0) < 1e-6


def test_a_judged_search_with_the_readers_very_words_does_not_vote():
    # Its own judgment says nothing about searches it has not seen: the tuning figures measure the
    # vote as a leave-one-out, and every reader gets the same rule.
    found = judged([[1, 0, 0], [0.9, 0.3, 0]], [{"own#answer": 3}, {"near#answer": 3}])
    votes = found.votes(unit([[1, 0, 0]])[0])
    assert "own#answer" not in votes and votes["near#answer"] > 0.99


def test_answers_judged_below_a_hit_are_kept_out_and_the_file_is_small():
    arrays = exemplars.build(unit([[1, 0], [0, 1]]), [{"a#b": 1, "c#d": 2}, {"e": 3}])
    assert arrays["vectors"].dtype == np.int8
    assert [str(k) for k in arrays["keys"]] == ["c#d", "e"]
    found = exemplars.Exemplars(arrays)
    assert found.answers == [[("c#d", 2)], [("e", 3)]]


def test_a_result_gets_the_best_vote_of_its_locations_and_of_its_whole_page():
    votes = {"mmn#why-ivig": 0.2, "gbs#why-ivig": 0.5, "scig#*": 0.4}
    assert exemplars.vote(votes, ["mmn#why-ivig", "gbs#why-ivig"]) == 0.5  # folded: one answer, 3 pages
    assert exemplars.vote(votes, ["scig#at-home"]) == 0.4
    assert exemplars.vote(votes, ["scig"]) == 0.4
    assert exemplars.vote(votes, ["cidp#what"]) == 0.0


def titles(query, n=3):
    return [r.title for r in search(query, per_page=n).results]


@pytest.mark.parametrize(
    "query, answer",
    [
        # The words find whether CIDP is inherited and whether it is the same for everyone; readers
        # who asked alike needed whether treatment helps. (Since the twenty-eighth session's refit,
        # the maps alone bring "does ivig go in your arm" to how IVIG is given, so it no longer
        # shows the vote.)
        ("my son is 40 with cidp will he be ok", "Will treatment make me better?"),
        # The words find the side effects; readers who asked alike needed what IVIG does.
        ("does ivig calm down the immune attack", "What is IVIG?"),
    ],
)
def test_the_vote_brings_the_answer_readers_who_searched_alike_needed(real_site, monkeypatch, query, answer):
    # The search is in the tuning part itself, so its own judgment is left out: only its
    # neighbours vote.
    assert answer in titles(query)
    monkeypatch.setattr(meaning.exemplars, "exemplars", lambda: None)
    from cidp_site.search import cache

    cache.bump()
    assert answer not in titles(query)


def test_alone_the_vote_answers_only_when_a_judged_search_is_very_close_one_answer_per_title():
    entries = [(1, "b#y", "b"), (2, "a#x", "a"), (3, "a-too#x", "a"), (4, "c#z", "c")]
    shares = {"a#x": 0.9, "a-too#x": 0.8, "b#y": 0.6, "c#z": 0.3}
    close = exemplars.Votes(shares, nearest=exemplars.ALONE_FROM)
    # Most voted first; "a-too" has a title already shown; "c" has too small a share of the vote.
    assert exemplars.alone(close, entries, 3) == [2, 1]
    assert exemplars.alone(close, entries, 1) == [2]
    far = exemplars.Votes(shares, nearest=exemplars.ALONE_FROM - 0.01)
    assert exemplars.alone(far, entries, 3) == []
    assert exemplars.alone(None, entries, 3) == []


def test_a_search_nothing_else_answers_gets_what_readers_who_searched_very_alike_needed(
    real_site, monkeypatch
):
    # As if no page used its words and no piece were close enough in meaning: before the vote,
    # "no results". The search is in the tuning part, so only its neighbours vote.
    monkeypatch.setattr(meaning, "MEANING_ONLY_FROM", 10.0)
    facts = meaning.site_facts()
    found = [facts.stemmed[pk].title_key for pk in meaning.closest("how long will i be on ivig for")]
    assert found[:1] == ["will i need ivig for the rest of my life"]
    assert meaning.closest("pizza recipes for dinner") == []  # no judged search is near it


def test_a_search_of_one_or_two_words_nothing_else_answers_gets_the_vote_too(real_site, monkeypatch):
    # One or two words are too few for their meaning alone to answer (a lone word about something
    # else comes closer to an answer than a lone clinical word), but not for readers who searched
    # very alike. "adrenaline pen" is in the tuning part, so only its neighbours vote. (Not
    # "epipen": meaning reads it as "anaphylaxis", search.query.meant.)
    facts = meaning.site_facts()
    found = [facts.stemmed[pk].title_key for pk in meaning.closest("adrenaline pen")]
    assert "when is it an emergency" in found
    assert meaning.closest("bitcoin") == []  # no judged search is near it
    monkeypatch.setattr(meaning.exemplars, "exemplars", lambda: None)
    assert meaning.closest("adrenaline pen") == []
