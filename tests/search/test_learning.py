"""The learned meaning map: fitted from the tuning part, committed, and kept up to date."""

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from cidp_site.search import exemplars, learning


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
    assert np.array_equal(learning.fit(examples), mapping)  # the same examples give the same map
    assert learning.loss(examples, mapping) < learning.loss(examples, np.eye(3))


def test_the_committed_maps_are_the_ones_the_content_and_tuning_set_give(real_site):
    call_command("learn_search_meaning", "--check")


def test_an_out_of_date_map_is_refused_then_rewritten(real_site, tmp_path, monkeypatch, capsys):
    import yaml

    from cidp_site.search.management.commands import learn_search_meaning as command

    for name in ("MAP_PATH", "SENTENCE_MAP_PATH", "DIGEST_PATH"):
        monkeypatch.setattr(learning, name, tmp_path / getattr(learning, name).name)
    monkeypatch.setattr(exemplars, "EXEMPLARS_PATH", tmp_path / exemplars.EXEMPLARS_PATH.name)
    monkeypatch.setattr(learning, "STEPS", 3)  # what is checked is the files, not the fit
    rows = yaml.load(command.TUNING_SET.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)[:60]
    tuning = tmp_path / "tuning.yaml"
    tuning.write_text(yaml.safe_dump(rows), encoding="utf-8")
    monkeypatch.setattr(command, "TUNING_SET", tuning)

    with pytest.raises(CommandError, match="out of date"):
        call_command("learn_search_meaning", "--check")
    call_command("learn_search_meaning", "--dry-run")
    assert not any(tmp_path.glob("*.np*")) and not learning.DIGEST_PATH.exists()
    call_command("learn_search_meaning")
    assert np.load(learning.MAP_PATH).shape == (256, 256)
    assert np.load(learning.SENTENCE_MAP_PATH).shape == (384, 384)
    assert not np.array_equal(np.load(learning.SENTENCE_MAP_PATH), np.eye(384))
    with np.load(exemplars.EXEMPLARS_PATH) as judged:  # the judged searches that vote
        assert judged["vectors"].shape == (60, 384)
    call_command("learn_search_meaning", "--check")
    out = capsys.readouterr().out
    assert "60 judged searches (0 left out)" in out and "up to date" in out

    # A judged search added to the tuning set makes the maps out of date again.
    rows.append({"q": "tingling toes after my drip", "want": dict(rows[0]["want"])})
    tuning.write_text(yaml.safe_dump(rows), encoding="utf-8")
    with pytest.raises(CommandError, match="out of date"):
        call_command("learn_search_meaning", "--check")
