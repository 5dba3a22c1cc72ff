"""A map that carries a reader's words towards this site's answers in the meaning model's space.

WordLlama was trained on general English, where "drip" is near "leak" and "bag" near "purse"; here
"the bag they drip into me" means an infusion. The judged searches of the relevance set's tuning
part say which answers readers who wrote such words needed, so a linear map of the query's vector
(256 x 256, identity plus what is learned) is fitted to make those answers' pieces the nearest.
Only the reader's vector is mapped, so entries keep the vectors the model gives them, an answer added
later is compared like any other, and a search costs one small matrix product more.

The held-out part is never read: it is the measure of whether the map carries over to searches it
has not seen (docs/benchmarks.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAP_PATH = Path(__file__).with_name("data") / "meaning_map.npy"
SENTENCE_MAP_PATH = MAP_PATH.with_name("sentence_map.npy")  # the same, for the sentence encoder
DIGEST_PATH = MAP_PATH.with_name("maps.sha256")  # of what both were fitted from (learn_search_meaning)

# Chosen by 5-fold cross-validation on the tuning part (docs/benchmarks.md): SHRINK 1e-2 on the
# 4,589 of the ninth session; on the 6,612 of the eleventh, 3e-3 (top three 95.3 % -> 95.6 %, and
# 96.3 % -> 96.7 % with the answers meaning adds) over 1e-2 and 1e-3; on the 9,764 of the twelfth,
# 1e-3 did the same as 3e-3 on the retired part with a map fitted without it.
SHARPNESS = 20.0  # cosines are scaled by this before the softmax: how sure the nearest must be
SHRINK = 3e-3  # pulls the learned part towards nothing, so the map stays close to the model
STEPS = 300
STEP_SIZE = 0.5


@dataclass
class Examples:
    """Searches as vectors, each with the answers judged right for it (rows summing to 1)."""

    queries: np.ndarray  # n x d, unit length
    targets: np.ndarray  # n x entries
    pieces: np.ndarray  # m x d: every entry's pieces, each entry's together, in entry order
    starts: np.ndarray  # entries: where each entry's pieces start


def _owners(examples: Examples) -> np.ndarray:
    """For each piece, the index of its entry."""
    starts = examples.starts
    return np.repeat(np.arange(len(starts)), np.diff(np.append(starts, len(examples.pieces))))


def _scores(x, mapping, p, starts, owner):
    """Each entry's log-chance for each search, and what the gradient needs: the pieces' exp-scores
    within their entry and each entry's total. Each entry's score is a soft maximum (log-sum-exp) of
    its pieces' scaled cosines, so the gradient reaches the closest piece, as ranking uses it."""
    z = SHARPNESS * ((x @ mapping) @ p.T)  # n x pieces
    top = np.maximum.reduceat(z, starts, axis=1)  # n x entries
    within = np.exp(z - top[:, owner])
    total = np.add.reduceat(within, starts, axis=1)
    entry = top + np.log(total)
    entry -= entry.max(axis=1, keepdims=True)
    log_chance = entry - np.log(np.exp(entry).sum(axis=1, keepdims=True))
    return log_chance, within, total


def fit(examples: Examples, steps: int | None = None) -> np.ndarray:
    """The d x d map that makes the judged answers' nearest piece the nearest to each search.

    Plain gradient descent from the identity: the same examples give the same map.
    """
    # Single precision halves the time; the map differs from a double-precision fit by far less
    # than the command's --check tolerance.
    x, y, p = (a.astype(np.float32) for a in (examples.queries, examples.targets, examples.pieces))
    starts, owner, dim = examples.starts, _owners(examples), x.shape[1]
    learned = np.zeros((dim, dim), np.float32)
    identity = np.eye(dim, dtype=np.float32)
    for _ in range(STEPS if steps is None else steps):
        log_chance, within, total = _scores(x, identity + learned, p, starts, owner)
        # d loss / d piece score: (the entry's chance - its target) x the piece's share of its entry
        per_piece = (np.exp(log_chance) - y)[:, owner] * within / total[:, owner]
        grad = SHARPNESS * x.T @ per_piece @ p / len(x) + SHRINK * learned
        learned -= STEP_SIZE * grad
    return identity + learned


def loss(examples: Examples, mapping: np.ndarray) -> float:
    """Cross-entropy of the judged answers under the map: lower is better; for the command's report."""
    log_chance, _, _ = _scores(examples.queries, mapping, examples.pieces, examples.starts, _owners(examples))
    return float(-np.mean(np.sum(examples.targets * log_chance, axis=1)))
