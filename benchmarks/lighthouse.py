"""Lighthouse (mobile) on the home page, a FAQ page and a search results page, served as in production.

Starts gunicorn with the production settings against a throwaway database with content/ loaded (the
helpers of http_bench.py), runs Lighthouse's default mobile configuration (a Moto G Power-sized
screen, simulated slow 4G and a 4x slower CPU) on each page, and prints the four category scores
per run (with the bytes transferred and Chromium's CPU benchmark index, which falls when the machine
is busy), the median, and every weighted audit that is not at full marks.

    npm ci --prefix benchmarks/lighthouse          # Lighthouse from package-lock.json, once
    python benchmarks/lighthouse.py                # 3 runs per page, SQLite
    python benchmarks/lighthouse.py --runs 1 --database postgres --pg-name h14l --reports /tmp/lh
Needs node and Debian's chromium (CHROME_PATH, default /usr/bin/chromium); no browser is downloaded.
Exits 1 when a page's median score in any category is below 1.0 as Lighthouse shows it (100).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from http_bench import gunicorn, prepare  # noqa: E402

LIGHTHOUSE_DIR = Path(__file__).resolve().parent / "lighthouse"
LIGHTHOUSE_CLI = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = [
    ("home", "/"),
    ("FAQ page", "/treatment/ivig/"),
    ("results page", "/search/?q=ivig+headache"),
]


def lighthouse(url: str, out: Path, chrome_path: str, attempts: int = 3) -> dict:
    """One Lighthouse run (its default is the mobile preset); the JSON report.

    On a busy machine Lighthouse now and then fails to record the page load's trace (NO_NAVSTART);
    that says nothing about the page, so the run is tried again, and the retry is printed.
    """
    cmd = ["node", str(LIGHTHOUSE_CLI), url, "--output=json", "--output=html"]
    cmd += [f"--output-path={out}", "--quiet", "--only-categories=" + ",".join(CATEGORIES)]
    cmd += ["--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    for attempt in range(1, attempts + 1):
        done = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": chrome_path})
        if done.returncode == 0:
            return json.loads(out.with_suffix(".report.json").read_text())
        print(f"{'':19}Lighthouse failed on {url} (attempt {attempt} of {attempts})")
    sys.exit(f"Lighthouse failed {attempts} times on {url}")


def shown(score: float | None) -> int:
    """The whole number Lighthouse shows for a category (0.995 shows as 100)."""
    return round((score or 0) * 100)


def shortfalls(report: dict) -> list[str]:
    """Every audit that counts towards a category score and is not at full marks."""
    found = []
    for key in CATEGORIES:
        for ref in report["categories"][key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                value = audit.get("displayValue", "")
                found.append(f"{key}: {ref['id']} {audit['score']:.2f} {value}".rstrip())
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-name", default="bench_lighthouse", help="PostgreSQL database to recreate")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--reports", help="keep the HTML and JSON reports in this folder")
    args = parser.parse_args()
    if not LIGHTHOUSE_CLI.exists():
        sys.exit(f"Lighthouse is not installed: npm ci --prefix {LIGHTHOUSE_DIR}")
    chrome_path = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chrome_path).exists():
        sys.exit(f"Chromium not found at {chrome_path}: install Debian's chromium or set CHROME_PATH")
    version = json.loads((LIGHTHOUSE_CLI.parent.parent / "package.json").read_text())["version"]
    medians_ok = True
    with tempfile.TemporaryDirectory() as tmp:
        reports = Path(args.reports or tmp)
        reports.mkdir(parents=True, exist_ok=True)
        env = prepare(args.database, Path(tmp), pg_name=args.pg_name)
        with gunicorn(env, cache=True, workers=args.workers) as base:
            print(
                f"Lighthouse {version}, mobile preset; {args.database}, gunicorn {args.workers} workers, "
                f"page cache on; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
            )
            print(
                f"{'page':14} {'run':>3} "
                + " ".join(f"{c:>14}" for c in CATEGORIES)
                + f" {'kB':>5} {'cpu index':>9}"
            )
            for label, path in PAGES:
                runs = []
                for n in range(1, args.runs + 1):
                    stem = f"{label.split()[0].lower()}-{n}"
                    report = lighthouse(base + path, reports / stem, chrome_path)
                    scores = [report["categories"][c]["score"] for c in CATEGORIES]
                    runs.append(scores)
                    kilobytes = report["audits"]["total-byte-weight"]["numericValue"] / 1024
                    index = report["environment"]["benchmarkIndex"]  # Chromium's CPU speed test
                    print(
                        f"{label:14} {n:>3} "
                        + " ".join(f"{s:14.3f}" for s in scores)
                        + f" {kilobytes:5.1f} {index:9.0f}"
                    )
                    for line in shortfalls(report):
                        print(f"{'':19}{line}")
                median = [statistics.median(column) for column in zip(*runs, strict=True)]
                print(f"{label:14} {'med':>3} " + " ".join(f"{shown(s):14d}" for s in median))
                medians_ok &= all(shown(s) == 100 for s in median)
            print(f"load average after: {os.getloadavg()[0]:.1f}")
    sys.exit(0 if medians_ok else 1)


if __name__ == "__main__":
    main()
