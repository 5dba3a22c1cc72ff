"""Site search latency at 10,000 pages, on SQLite and PostgreSQL.

Generates FAQ pages (title, summary and four questions each, words drawn from the real content/)
in a throwaway database, builds the search entries, then times the full search pipeline the page
uses (parse, spelling, synonyms, full-text query, re-rank, page URLs) for rare and common words.

    python benchmarks/search_bench.py --database sqlite
    python benchmarks/search_bench.py --database postgres   # uses database bench_site_search
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = {
    "rare word (5 pages)": "ravulizumab",
    "rare-ish word (2% of pages)": "plasmapheresis",
    "common word (90% of pages)": "ivig",
    "common word (95% of pages)": "treatment",
    "patient question": "can I get ivig at home",
    "misspelling": "immunoglobin",
}


def setup_database(kind: str) -> None:
    if kind == "sqlite":
        path = Path(tempfile.gettempdir()) / "bench_site_search.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        name = "bench_site_search"
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "cidp_site.settings.test"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False  # Wagtail's own index: not measured
    call_command("migrate", verbosity=0)


def vocabulary() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "content").rglob("*.md"))
    words = [w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in {"ivig", "treatment"}]
    return words


def generate(pages: int, seed: int = 7) -> float:
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from wagtail.models import Page, Site

    from cidp_site.pages.models import FAQPage, HomePage

    rng = random.Random(seed)
    words = vocabulary()

    def sentence(n: int, extra: list[str]) -> str:
        chosen = rng.choices(words, k=n) + extra
        rng.shuffle(chosen)
        return " ".join(chosen).capitalize() + "."

    started = time.perf_counter()
    with transaction.atomic():
        root = Page.get_first_root_node()
        for child in root.get_children():
            child.delete()
        root.refresh_from_db()
        home = root.add_child(instance=HomePage(title="Home", slug="home", content_id="home"))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "site_name": "bench"}
        )
        # Pages are written in bulk (tree paths computed here) so 10,000 take seconds, not an hour.
        ct = ContentType.objects.get_for_model(FAQPage)
        batch = []
        for n in range(pages):
            extra = []
            if rng.random() < 0.90:
                extra.append("IVIG")
            if rng.random() < 0.95:
                extra.append("treatment")
            if rng.random() < 0.02:
                extra.append("plasmapheresis")
            if n % 2000 == 0:
                extra.append("ravulizumab")
            questions = []
            for q in range(4):
                answer = "<p>" + " ".join(sentence(12, extra if q == 0 else []) for _ in range(5)) + "</p>"
                questions.append(
                    {
                        "type": "question",
                        "value": {
                            "question": sentence(6, []).rstrip(".") + "?",
                            "anchor": f"q{q}",
                            "short_answer": sentence(14, extra[:1] if q == 1 else []),
                            "answer": [{"type": "text", "value": answer}],
                        },
                    }
                )
            title = f"{sentence(4, []).rstrip('.')} {n}"
            base = Page(
                title=title,
                draft_title=title,
                slug=f"page-{n}",
                content_type=ct,
                path=Page._get_path(home.path, home.depth + 1, n + 1),
                depth=home.depth + 1,
                numchild=0,
                url_path=f"{home.url_path}page-{n}/",
                live=True,
                locale_id=home.locale_id,
            )
            batch.append(
                (base, {"content_id": f"page-{n}", "summary": sentence(20, extra), "questions": questions})
            )
            if len(batch) == 500 or n == pages - 1:
                Page.objects.bulk_create([b for b, _ in batch])
                for b, fields in batch:
                    FAQPage(page_ptr_id=b.pk, **fields).save_base(raw=True, force_insert=True)
                batch = []
        Page.objects.filter(pk=home.pk).update(numchild=pages)
    return time.perf_counter() - started


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def measure(runs: int) -> list[tuple[str, str, float, float, str]]:
    from cidp_site.search.query import search, suggest

    rows = []
    cases = list(QUERIES.items()) + [("autocomplete prefix", "ivig tr")]
    for label, query in cases:
        fn = suggest if label == "autocomplete prefix" else search
        for _ in range(3):
            fn(query)  # warm caches (vocabulary, synonyms, database pages)
        times, cpu = [], []
        for _ in range(runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            outcome = fn(query)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        # A search stops at 100 results and says "more than 100", so capped counts show as 100+.
        found = (
            str(len(outcome))
            if isinstance(outcome, list)
            else f"{outcome.count}{'+' if outcome.capped else ''}"
        )
        rows.append(
            (label, query, statistics.median(times), percentile(times, 95), percentile(cpu, 95), found)
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    setup_database(args.database)
    from django.db import connection

    from cidp_site.search.indexing import rebuild
    from cidp_site.search.models import SearchEntry

    created = generate(args.pages)
    started = time.perf_counter()
    rebuild()
    indexed = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE site_search_searchentry")
    print(
        f"{connection.vendor}: {args.pages} pages created in {created:.0f} s; "
        f"{SearchEntry.objects.count()} search entries built in {indexed:.1f} s"
    )
    # Wall-clock figures include waiting for a busy CPU; the CPU column is this process alone
    # (on SQLite that includes the database engine, on PostgreSQL it excludes the server).
    print(f"load average before measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'case':30} {'query':24} {'p50 ms':>7} {'p95 ms':>7} {'p95 CPU':>8} {'matches':>8}")
    for label, query, p50, p95, cpu95, found in measure(args.runs):
        print(f"{label:30} {query:24} {p50:7.1f} {p95:7.1f} {cpu95:8.1f} {found:>8}")
    print(f"load average after measuring: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
