"""Blind re-judgment of a sample of the held-out part: are its misses real, and its hits?

The held-out judgments were written from the pages before search ever ran, so an answer search
found that the writer did not think of counts as a miss, and a judgment can be generous. This
pools, for every held-out miss and as many hits drawn at random, search's top three with the
answers judged right, in a random order, with no sign of which is which, for two assessors each
(BRIEF in benchmarks/relevance_pool/). It prints counts only: never a held-out query.

    DJANGO_SETTINGS_MODULE=cidp_site.settings.dev python benchmarks/relevance_pool.py make OUT
    (assessors write OUT/answers_<packet>_<a|b>.yaml)
    python benchmarks/relevance_pool.py score OUT   # e.g. benchmarks/relevance_pool/a6322ef

`make` needs a database with content/ synced (development settings); `score` needs no database.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
HELD_OUT = ROOT / "tests/search/relevance_held_out.yaml"
PACKETS = 6
LETTERS = "ABCDEFGHIJ"


def key_of(content_id: str, anchor: str) -> str:
    return f"{content_id}#{anchor}" if anchor else content_id


def make(out: Path, seed: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cidp_site.settings.dev")
    import django

    django.setup()
    from cidp_site.search.evaluation import HIT_GRADE, grade, load
    from cidp_site.search.facts import site_facts
    from cidp_site.search.models import SearchEntry
    from cidp_site.search.query import search

    content_of = site_facts().content_of
    entries = {key_of(content_of.get(e.page_id), e.anchor): e for e in SearchEntry.objects.all()}
    rows = []
    for i, judged in enumerate(load(HELD_OUT, held_out=True)):
        ranked = [r.locations for r in search(judged.query, per_page=5).results]
        hit = any(grade(locs, judged.want) >= HIT_GRADE for locs in ranked[:3])
        rows.append((i, judged, hit, [key_of(*locs[0]) for locs in ranked[:3]]))
    misses = [r for r in rows if not r[2]]
    rnd = random.Random(seed)
    chosen = misses + rnd.sample([r for r in rows if r[2]], len(misses))
    rnd.shuffle(chosen)
    key, packets = {}, []
    for n, (i, judged, hit, top3) in enumerate(chosen):
        right = [k for k, g in judged.want.items() if g >= HIT_GRADE and not k.endswith("#*")]
        cands = [c for c in dict.fromkeys(top3 + right) if c in entries]
        rnd.shuffle(cands)
        lettered = dict(zip(LETTERS, cands, strict=False))
        key[n] = {"i": i, "hit": hit, "want": judged.want, "top3": top3, "cands": lettered}
        items = []
        for letter, c in zip(LETTERS, cands, strict=False):
            e = entries[c]
            where = f' (on the page "{e.context}")' if e.context else " (a whole page)"
            text = (e.snippet.strip() + " " + " ".join(e.body_text.split()))[:1000]
            items.append(f"  {letter}. {e.title}{where}\n     {text}")
        packets.append(f"### {n}\nSearch typed: {judged.query}\nCandidate answers:\n" + "\n".join(items))
    out.mkdir(parents=True, exist_ok=True)
    (out / "key.json").write_text(json.dumps(key))
    for p in range(PACKETS):
        share = [x for n, x in enumerate(packets) if n % PACKETS == p]
        (out / f"packet_{p}.md").write_text("\n\n".join(share) + "\n")
    hits = len(rows) - len(misses)
    (out / "strata.txt").write_text(f"hits {hits} misses {len(misses)}\n")
    print(f"{len(rows)} held-out: {hits} hits, {len(misses)} misses; {len(chosen)} pooled", end=" ")
    print(f"in {PACKETS} packets (counts only)")


def grades(out: Path, assessor: str) -> dict[int, dict[str, int]]:
    found = {}
    for path in sorted(out.glob(f"answers_*_{assessor}.yaml")):
        for row in yaml.safe_load(path.read_text()) or []:
            found[int(row["n"])] = {str(k): int(v) for k, v in row["grades"].items()}
    return found


def score(out: Path) -> None:
    key = {int(n): v for n, v in json.loads((out / "key.json").read_text()).items()}
    hits, misses = (int(x) for x in (out / "strata.txt").read_text().split()[1::2])
    first, second = grades(out, "a"), grades(out, "b")
    both = [n for n in key if n in first and n in second]
    print(f"pooled {len(key)}, judged by both assessors {len(both)}")
    rules = {"both assessors >= 2": min, "assessor a": lambda a, b: a, "assessor b": lambda a, b: b}
    for name, rule in rules.items():
        still = {True: [0, 0], False: [0, 0]}
        kept = [0, 0]
        for n in both:
            k = key[n]
            g = {c: rule(first[n].get(x, 0), second[n].get(x, 0)) for x, c in k["cands"].items()}
            still[k["hit"]][0] += any(g.get(c, 0) >= 2 for c in k["top3"])
            still[k["hit"]][1] += 1
            for c, original in k["want"].items():
                if original == 3 and c in g:
                    kept[0] += g[c] >= 2
                    kept[1] += 1
        p_hit, p_miss = (still[s][0] / max(1, still[s][1]) for s in (True, False))
        estimate = (hits * p_hit + misses * p_miss) / (hits + misses)
        margin = 1.96 * hits * math.sqrt(p_hit * (1 - p_hit) / max(1, still[True][1])) / (hits + misses)
        print(
            f"{name}: sampled hits judged hits {still[True][0]}/{still[True][1]}, misses judged hits "
            f"{still[False][0]}/{still[False][1]}; estimated hit@3 {100 * estimate:.1f} % "
            f"(± {100 * margin:.1f}); answers first judged 3 judged >= 2 {kept[0]}/{kept[1]}"
        )
    same = total = 0
    for n in both:
        for letter in key[n]["cands"]:
            if letter in first[n] and letter in second[n]:
                total += 1
                same += (first[n][letter] >= 2) == (second[n][letter] >= 2)
    print(f"assessors agree on answers or not: {same}/{total}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["make", "score"], help="make the packets, or score the answers")
    parser.add_argument("folder", type=Path, help="where the key, the packets and the answers live")
    parser.add_argument("--seed", type=int, default=20261203, help="draws the hits and orders the candidates")
    args = parser.parse_args()
    make(args.folder, args.seed) if args.step == "make" else score(args.folder)


if __name__ == "__main__":
    main()
