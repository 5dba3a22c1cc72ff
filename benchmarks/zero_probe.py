"""How many of the probe's searches find nothing, and which (benchmarks/zero_probe/README.md).

The probe is not judged, so a search that finds nothing here may be honest (the site does not cover
it). It is a list to read, not a target; the relevance set's zero-result figures are the targets.

    DJANGO_SETTINGS_MODULE=cidp_site.settings.dev python benchmarks/zero_probe.py [--list]

Needs a database with content/ synced.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "benchmarks" / "zero_probe" / "queries.txt"


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cidp_site.settings.dev")
    import django

    django.setup()
    from cidp_site.search.query import search

    queries = [q for q in QUERIES.read_text(encoding="utf-8").splitlines() if q.strip()]
    nothing = [q for q in queries if not search(q, per_page=1).count]
    print(f"{len(queries)} searches, {len(nothing)} find nothing ({100 * len(nothing) / len(queries):.2f} %)")
    if "--list" in sys.argv:
        print("\n".join(nothing))


if __name__ == "__main__":
    main()
