"""The learned meaning map: fitted from the tuning part, committed, and kept up to date."""

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from cidp_site.search import learning


def unit(rows):
    rows = np.array(rows, float)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_fitting_carries_a_search_to_the_answer_judged_right():
    # Two answers with one piece each; searches lie nearer the second, but were judged to need the
    # first (as "nursing mom" needs the breastfeeding answer, not the one about mothers' nurses).
    pieces = unit([[1, 0, 0], [0, 1, 0]])
    queries = unit([[0.3, 0.6, 0.2], [0.2, 0.6, 0.3], [0.25, 0.7, 0.1]])
    examples = learning.Examples(queries, np.tile([1.0, 0.0], (3, 1)), pieces, np.array([0, 1]))
    assert all(np.argmax(queries @ pieces.T, axis=1) == 1)
    mapping = learning.fit(examples)
    assert all(np.argmax(queries @ mapping @ pieces.T, axis=1) == 0)
    assert learning.loss(examples, mapping) < learning.loss(examples, np.eye(3))


def test_the_committed_map_is_the_one_the_content_and_tuning_set_give(real_site):
    assert learning.MAP_PATH.exists()
    call_command("learn_search_meaning", "--check")


def test_an_out_of_date_map_is_refused_then_rewritten(real_site, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(learning, "MAP_PATH", tmp_path / "map.npy")
    monkeypatch.setattr(learning, "STEPS", 3)  # what is checked is the file, not the fit
    np.save(learning.MAP_PATH, np.eye(256, dtype=np.float32))
    with pytest.raises(CommandError, match="out of date"):
        call_command("learn_search_meaning", "--check")
    call_command("learn_search_meaning", "--dry-run")
    assert np.array_equal(np.load(learning.MAP_PATH), np.eye(256))
    call_command("learn_search_meaning")
    assert not np.array_equal(np.load(learning.MAP_PATH), np.eye(256))
    call_command("learn_search_meaning", "--check")
    out = capsys.readouterr().out
    assert "judged searches (0 left out)" in out and "up to date" in out
