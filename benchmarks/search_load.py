"""Search under load (issue 14): cached results, fresh queries, and page readers during a search burst.

Starts gunicorn with the production settings against a throwaway database (as http_bench.py does),
then drives it with wrk at 50 connections:

1. a cached FAQ page, idle (the reference);
2. one repeated search (served from the result cache after the first request);
3. a stream of fresh queries, every request a query not seen before (wrk Lua script);
4. the cached FAQ page again while the fresh-query stream runs at the same time.

Both in two layouts: everything in one gunicorn pool, and /search/ sent to its own pool started with
``nice -n 10`` (as docs/deploy.md recommends; the proxy's path routing is emulated by pointing the
search measurements at the second pool's port). Search slots are shared by both pools.

    python benchmarks/search_load.py --database sqlite --duration 15
Prints req/s, p50/p95/p99 and non-2xx responses (503 "search is busy" counts there) for each.
Needs wrk (Debian package) and, for PostgreSQL, createdb/dropdb on PATH.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from http_bench import databases, gunicorn, load_arguments, prepare  # noqa: E402
from login_flood import server  # noqa: E402

REPORT = """
done = function(summary, latency, requests)
  for _, p in pairs({50, 95, 99}) do
    io.write(string.format("P%d %.3f\\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("RPS %.1f\\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("NON2XX %d\\n", summary.errors.status))
  io.write(string.format("SOCKET %d\\n", summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
"""

FRESH = """
local words = {"tingling", "headache", "ivig", "infusion", "nerve", "weak", "legs", "home", "dose",
  "myelin", "steroids", "plasma", "tired", "rash", "relapse", "walking", "feet", "hands", "test"}
local n = 0
request = function()
  n = n + 1
  local a = words[(n % #words) + 1]
  local b = words[(math.floor(n / #words) % #words) + 1]
  return wrk.format("GET", "/search/?q=" .. a .. "+" .. b .. "+" .. n .. "x" .. math.random(1, 1e9))
end
"""


def wrk(url: str, duration: int, connections: int, script: str, threads: int = 2) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script + REPORT)
    try:
        out = subprocess.run(
            ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "-s", f.name, url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(f.name)
    value = {k: float(v) for k, v in re.findall(r"^(P\d+|RPS|NON2XX|SOCKET) ([\d.]+)$", out, re.M)}
    return {
        "rps": value["RPS"],
        "p50": value["P50"],
        "p95": value["P95"],
        "p99": value["P99"],
        "non2xx": int(value["NON2XX"]),
        "socket": int(value["SOCKET"]),
    }


def measure(page_base: str, search_base: str, args) -> list[tuple[str, dict]]:
    page = page_base + "/treatment/ivig/"
    repeated = search_base + "/search/?q=ivig+headache"
    for url in (page, repeated):
        for _ in range(3):
            urllib.request.urlopen(url, timeout=10).read()  # noqa: S310
    rows = [("cached page, idle", wrk(page, args.duration, args.connections, ""))]
    rows.append(("repeated search", wrk(repeated, args.duration, args.connections, "")))
    rows.append(("fresh searches", wrk(search_base, args.duration, args.connections, FRESH)))
    fresh = subprocess.Popen(  # the burst, started first and outliving the page measurement
        [sys.executable, __file__, "--burst", search_base, "--duration", str(args.duration + 4)],
        stdout=subprocess.PIPE,
        text=True,
    )
    time.sleep(2)
    rows.append(("cached page, during fresh", wrk(page, args.duration, args.connections, "")))
    burst = fresh.communicate()[0]
    rows.append(("fresh searches (the burst)", eval(burst)))  # noqa: S307 - our own repr
    return rows


def run(kind: str, args) -> list[tuple[str, list]]:
    """Both layouts: everything in one pool, and /search/ routed to its own lower-priority pool."""
    layouts = []
    with tempfile.TemporaryDirectory() as tmp:
        env = prepare(kind, Path(tmp))
        env["SEARCH_MAX_CONCURRENT"] = str(args.search_slots)
        env["SEARCH_SLOT_DIR"] = str(Path(tmp) / "slots")
        with gunicorn(env, True, args.workers) as base:
            layouts.append(("one pool", measure(base, base, args)))
            # docs/deploy.md: the proxy sends /search/ to a second pool started with nice -n 10, so
            # the kernel gives readers' pages the CPU first and a search burst waits, not them.
            pool_env = {**env, "PAGECACHE_ENABLED": "true", "GUNICORN_MAX_REQUESTS": "0"}
            with server(pool_env, args.search_pool_workers, 4, nice=10) as search:
                layouts.append(("search on its own nice'd pool", measure(base, search, args)))
    return layouts


def main() -> None:
    parser = load_arguments(__doc__, workers=3)
    parser.add_argument("--search-slots", type=int, default=1, help="SEARCH_MAX_CONCURRENT")
    parser.add_argument(
        "--search-pool-workers", type=int, default=2, help="workers of the separate, nice'd search pool"
    )
    parser.add_argument("--burst", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.burst:
        print(repr(wrk(args.burst, args.duration, args.connections, FRESH)))
        return
    for kind in databases(args):
        print(
            f"\n{kind}: gunicorn {args.workers} workers, {args.search_slots} search slot(s), "
            f"{args.connections} connections, {args.duration} s each; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        for layout, rows in run(kind, args):
            idle = rows[0][1]
            print(f"\n{layout}")
            heads = ("req/s", "p50 ms", "p95 ms", "p99 ms", "non-2xx")
            print(f"{'target':28} " + " ".join(f"{h:>8}" for h in heads) + f" {'sock':>5}")
            for label, r in rows:
                print(
                    f"{label:28} {r['rps']:8.0f} {r['p50']:8.1f} {r['p95']:8.1f} {r['p99']:8.1f} "
                    f"{r['non2xx']:8d} {r['socket']:5d}"
                )
            print(
                f"repeated search / cached page req/s: {rows[1][1]['rps'] / idle['rps']:.2f}x "
                f"(target >= 0.8); cached page p95 during fresh / idle: "
                f"{rows[3][1]['p95'] / idle['p95']:.2f}x (target <= 2)"
            )


if __name__ == "__main__":
    main()
