"""Measure ranking against a graded relevance set: hit@1, hit@3, nDCG@5 and the zero-result rate.

Judgments name a page by its permanent content id and a question by its anchor, so a set written
today still holds after pages are reworded or moved. Used by the relevance test, which gates CI and
prints the figures for docs/benchmarks.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HIT_GRADE = 2  # a result of this grade or more answers the query


@dataclass
class Judged:
    query: str
    held_out: bool
    want: dict[str, int]


@dataclass
class PartScore:
    name: str
    total: int = 0
    hit1: int = 0
    hit3: int = 0
    ndcg5: float = 0.0
    zero: int = 0
    misses: list[str] = field(default_factory=list)

    def line(self) -> str:
        n = self.total or 1
        return (
            f"{self.name}: {self.total} queries, hit@1 {100 * self.hit1 / n:.1f} %, "
            f"hit@3 {100 * self.hit3 / n:.1f} %, nDCG@5 {self.ndcg5 / n:.3f}, "
            f"zero-result {self.zero} ({100 * self.zero / n:.1f} %)"
        )


def load(path: Path, held_out: bool = False) -> list[Judged]:
    """The held-out part lives in a file of its own, so the tuning file can be read and edited
    without showing a single held-out query. A part is the file, never a flag in a row."""
    # libyaml's safe loader (in PyYAML's wheels) reads tens of thousands of rows three times faster.
    rows = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or []
    flagged = [i for i, r in enumerate(rows) if "held_out" in r]
    if flagged:
        raise ValueError(f"{path}: row {flagged[0] + 1} has held_out; a part is chosen by its file")
    return [Judged(r["q"], held_out, {str(k): int(v) for k, v in r["want"].items()}) for r in rows]


def grade(locations: list[tuple[str, str]], want: dict[str, int]) -> int:
    """The best grade any of a result's locations (content id, anchor) earns."""
    best = 0
    for content_id, anchor in locations:
        keys = [f"{content_id}#{anchor}" if anchor else content_id, f"{content_id}#*"]
        best = max([best, *(want.get(k, 0) for k in keys)])
    return best


def ndcg(grades: list[int], want: dict[str, int], k: int = 5) -> float:
    def dcg(gs):
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gs[:k]))

    ideal = dcg(sorted(want.values(), reverse=True))
    return dcg(grades) / ideal if ideal else 0.0


def evaluate(judged: list[Judged], run) -> dict[str, PartScore]:
    """``run(query)`` returns (result count, [locations of each result, best first])."""
    parts = {"tuning": PartScore("tuning"), "held-out": PartScore("held-out")}
    for j in judged:
        part = parts["held-out" if j.held_out else "tuning"]
        count, ranked = run(j.query)
        grades = [grade(locs, j.want) for locs in ranked[:5]]
        part.total += 1
        part.zero += count == 0
        part.hit1 += bool(grades[:1]) and grades[0] >= HIT_GRADE
        hit3 = any(g >= HIT_GRADE for g in grades[:3])
        part.hit3 += hit3
        part.ndcg5 += ndcg(grades, j.want)
        if not hit3 and not j.held_out:  # held-out misses are never shown, so never tuned on
            part.misses.append(f"{j.query!r}: top 3 {[locs[0] for locs in ranked[:3]]}")
    return parts
