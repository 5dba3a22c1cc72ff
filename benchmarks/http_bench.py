"""HTTP throughput: a static file vs a cached page vs an uncached page vs search, under gunicorn.

Starts gunicorn on 127.0.0.1 with the production settings against a throwaway database (SQLite
file, or PostgreSQL database bench_http), loads content/, and drives each URL with wrk at 50
connections. Prints requests/s, p50/p99 latency, errors, and each ratio to the static file.

    python benchmarks/http_bench.py                    # SQLite and PostgreSQL
    python benchmarks/http_bench.py --database sqlite --duration 20
Needs wrk (Debian package) and, for PostgreSQL, createdb/dropdb on PATH.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TARGETS = [
    ("static file", "/static/css/site.css", True),
    ("cached FAQ page", "/treatment/ivig/", True),
    ("uncached FAQ page", "/treatment/ivig/", False),
    ("search", "/search/?q=ivig+headache", True),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base_env(database_url: str, static_root: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="cidp_site.settings.production",
        SECRET_KEY="benchmark-only-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=static_root,
        DB_CONN_MAX_AGE="600",
    )
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def prepare(kind: str, workdir: Path, pg_name: str = "bench_http") -> dict:
    """Migrate, collect static files and load content/ into a new SQLite file or PostgreSQL database."""
    if kind == "sqlite":
        url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    else:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", pg_name], check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", pg_name], check=True)
        url = f"postgres://postgres@127.0.0.1:5432/{pg_name}"
    env = base_env(url, str(workdir / "static"))
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    manage(env, "sync_content", "-v", "0")
    return env


@contextmanager
def gunicorn(env: dict, cache: bool, workers: int):
    port = free_port()
    env = {**env, "PAGECACHE_ENABLED": "true" if cache else "false", "GUNICORN_MAX_REQUESTS": "0"}
    cmd = [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
    cmd += ["--workers", str(workers), "--access-logfile", "/dev/null", "--error-logfile", "-"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def wrk(url: str, duration: int, connections: int, threads: int) -> dict:
    for _ in range(3):  # warm every worker (and its page cache)
        urllib.request.urlopen(url, timeout=10).read()  # noqa: S310
    subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", "3s", url], capture_output=True)
    out = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def ms(label: str) -> float:
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = 0
    for pattern in (
        r"Non-2xx or 3xx responses: (\d+)",
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
    ):
        match = re.search(pattern, out)
        if match:
            errors += sum(int(g) for g in match.groups())
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return {"rps": rps, "p50": ms("50"), "p99": ms("99"), "errors": errors}


def run(kind: str, args) -> list[tuple[str, dict]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        env = prepare(kind, Path(tmp))
        for cache in (True, False):
            with gunicorn(env, cache, args.workers) as base:
                for label, path, wants_cache in TARGETS:
                    if wants_cache == cache:
                        rows.append((label, wrk(base + path, args.duration, args.connections, args.threads)))
    order = [label for label, _, _ in TARGETS]
    return sorted(rows, key=lambda row: order.index(row[0]))


def load_arguments(description: str, workers: int) -> argparse.ArgumentParser:
    """The options every wrk benchmark here shares, so their runs are described the same way."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--duration", type=int, default=15, help="seconds of load per measurement")
    parser.add_argument("--connections", type=int, default=50, help="wrk connections")
    parser.add_argument("--workers", type=int, default=workers, help="gunicorn worker processes")
    return parser


def databases(args) -> list[str]:
    """The databases asked for; stops early, with the install line, when wrk is missing."""
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    return ["sqlite", "postgres"] if args.database == "both" else [args.database]


def main() -> None:
    parser = load_arguments(__doc__, workers=2)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    args = parser.parse_args()
    for kind in databases(args):
        print(
            f"\n{kind}: gunicorn {args.workers} workers, wrk {args.threads} threads, "
            f"{args.connections} connections, {args.duration} s per URL; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        rows = run(kind, args)
        static = dict(rows)["static file"]["rps"]
        print(f"{'target':20} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'vs static':>10}")
        for label, r in rows:
            ratio = r["rps"] / static
            print(
                f"{label:20} {r['rps']:9.0f} {r['p50']:8.2f} {r['p99']:8.2f} {r['errors']:7d} {ratio:9.2f}x"
            )


if __name__ == "__main__":
    main()
