"""Fit the meaning map (cidp_site/search/learning.py) from the tuning part of the relevance set.

Run it after content changes that add or reword many answers, and commit the map it writes; CI runs
it with --check so the committed map is always the one the committed content and set give.
"""

from pathlib import Path

import numpy as np
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cidp_site.search import cache, learning, meaning
from cidp_site.search.evaluation import HIT_GRADE, grade, load
from cidp_site.search.facts import site_facts
from cidp_site.search.models import SearchEntry
from cidp_site.search.query import parse

TUNING_SET = Path(settings.BASE_DIR) / "tests" / "search" / "relevance_set.yaml"
CHECK_TOLERANCE = 1e-3  # sums in another order (another machine's BLAS) differ far below this


def examples(path: Path) -> tuple[learning.Examples, int]:
    """The judged searches as vectors, and how many were left out for naming no entry that exists."""
    facts = site_facts()
    entries = sorted(
        (facts.content_of.get(page_id) or "", anchor, pk)
        for pk, page_id, anchor in SearchEntry.objects.values_list("pk", "page_id", "anchor")
    )
    vectors = meaning.entry_vectors([pk for *_, pk in entries])
    kept = [(cid, anchor, pk) for cid, anchor, pk in entries if pk in vectors and len(vectors[pk][1])]
    pieces = [vectors[pk][1] for *_, pk in kept]
    starts = np.cumsum([0] + [len(p) for p in pieces[:-1]])
    texts, targets, skipped = [], [], 0
    for judged in load(path):
        right = np.array([grade([(cid, anchor)], judged.want) >= HIT_GRADE for cid, anchor, _ in kept], float)
        parsed = parse(judged.query)
        text = " ".join(parsed.raw_words) or parsed.corrected or ""
        if not right.any() or not text.strip():
            skipped += 1
            continue
        texts.append(text)
        targets.append(right / right.sum())
    if not texts:
        raise CommandError(
            f"{path}: no judged search names an entry in this database (is the content synced?)"
        )
    found = learning.Examples(meaning.embed(texts), np.array(targets), np.concatenate(pieces), starts)
    return found, skipped


class Command(BaseCommand):
    help = (
        "Fit the map that carries readers' words towards this site's answers in the meaning model, "
        "from the judged searches of the relevance set's tuning part (never the held-out part)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Fit and report, but do not write the map."
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Fail if the committed map is not the one the content and the tuning set give.",
        )

    def handle(self, *args, dry_run=False, check=False, **options):
        found, skipped = examples(TUNING_SET)
        mapping = learning.fit(found)
        before = learning.loss(found, np.eye(mapping.shape[0]))
        after = learning.loss(found, mapping)
        self.stdout.write(
            f"{len(found.queries)} judged searches ({skipped} left out), {len(found.starts)} entries; "
            f"loss {before:.3f} with no map, {after:.3f} with it."
        )
        path = learning.MAP_PATH
        current = np.load(path, allow_pickle=False) if path.exists() else None
        same = current is not None and current.shape == mapping.shape
        same = same and float(np.max(np.abs(current - mapping))) <= CHECK_TOLERANCE
        if check:
            if not same:
                raise CommandError(
                    f"{path} is out of date: run manage.py learn_search_meaning and commit it."
                )
            self.stdout.write(self.style.SUCCESS(f"{path.name} is up to date."))
            return
        if same:
            self.stdout.write(f"{path.name} unchanged.")
        elif dry_run:
            self.stdout.write(f"Dry run: {path.name} would change.")
        else:
            path.parent.mkdir(exist_ok=True)
            np.save(path, mapping, allow_pickle=False)
            meaning.reset_map()
            cache.bump()  # results ordered with the old map are forgotten
            self.stdout.write(self.style.SUCCESS(f"{path.name} written."))
