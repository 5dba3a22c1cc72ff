#!/usr/bin/env python3
"""Write tests/content/source_shingles.txt from the source text, by hand, where the source exists.

The no-copying test (tests/content/test_readability.py) must run in a plain clone, which has no
source text beside it, and the source must never be committed. So the repository keeps only a
one-way fingerprint of it: a truncated SHA-256 of every run of COPY_RUN words (the same word
splitting the test uses), sorted so the file says nothing about word order. Run this again whenever
the source text changes:

    .venv/bin/python scripts/source_shingles.py [--source ../shared/seeds/<file>] [--check]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cidp_site.settings.test")

import django  # noqa: E402

django.setup()

from tests.content.contentlib import SEED_NAME, SHINGLES_PATH, shingle_file_text, words  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=ROOT.parent / "shared" / "seeds" / SEED_NAME,
        help="the source text (default: ../shared/seeds/<seed file> beside the repository)",
    )
    parser.add_argument("--check", action="store_true", help="only say whether the committed file is current")
    args = parser.parse_args()
    if not args.source.is_file():
        print(f"{args.source}: no such file (the source text is not part of the repository)", file=sys.stderr)
        return 2
    text = shingle_file_text(words(args.source.read_text(encoding="utf-8")))
    current = SHINGLES_PATH.read_text(encoding="utf-8") if SHINGLES_PATH.is_file() else ""
    if args.check:
        print("up to date" if current == text else f"{SHINGLES_PATH} is out of date: run without --check")
        return 0 if current == text else 1
    SHINGLES_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {SHINGLES_PATH.relative_to(ROOT)} ({text.count(chr(10)) - 2} fingerprints)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
