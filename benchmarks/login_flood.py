"""Login flood vs readers: a cached page's latency while ten clients hammer /admin/login/.

Starts gunicorn with the production settings and gunicorn.conf.py on 127.0.0.1 (SQLite throwaway
database, content/ loaded), then measures a cached FAQ page with one wrk connection:

1. idle (nothing else running);
2. ten connections posting random usernames to /admin/login/ from one address (the throttle per
   client address answers 429 after LOGIN_ATTEMPTS_PER_MINUTE, before any password hashing);
3. the same, but every attempt from a new address (TRUSTED_PROXY_COUNT=1 and a random
   X-Forwarded-For, as a botnet would look behind the proxy): only the per-worker gate bounds the
   hashing;
4. as 3, with the admin served by its own, lower-priority pool (docs/deploy.md: one `nice`d worker
   for /admin/, routed by the proxy), the readers' pool untouched.

Reports p50/p95/p99 of the reader, and what the login flood got. Loopback only; each phase is
bounded by --duration seconds (default 15), the whole run by about 2 minutes.

    python benchmarks/login_flood.py [--duration 15] [--workers 5]
Needs wrk (Debian package).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from http.cookiejar import CookieJar
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from http_bench import PYTHON, ROOT, free_port, prepare  # noqa: E402

PAGE = "/treatment/ivig/"
READER_LUA = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %.3f %.3f %.3f %d\\n", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
"""
FLOOD_LUA = """
math.randomseed(os.time())
local cookie, token, rotate = "{cookie}", "{token}", {rotate}
request = function()
  local headers = {{}}
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["Cookie"] = "csrftoken=" .. cookie
  headers["Referer"] = "{base}/admin/login/"
  if rotate then
    headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255),
      math.random(1, 254))
  end
  local body = "csrfmiddlewaretoken=" .. token .. "&username=u" .. math.random(1, 1000000000)
    .. "&password=guess"
  return wrk.format("POST", "/admin/login/", headers, body)
end
codes = {{}}
response = function(status, headers, body) codes[status] = (codes[status] or 0) + 1 end
done = function(summary, latency, requests)
  io.write(string.format("FLOOD %d %.1f\\n", summary.requests, latency:percentile(50) / 1000))
end
"""


@contextmanager
def server(env: dict, workers: int, threads: int, nice: int = 0):
    port = free_port()
    cmd = ["nice", "-n", str(nice)] if nice else []
    cmd += [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
    cmd += ["--workers", str(workers), "--threads", str(threads), "--access-logfile", "/dev/null"]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env={**env, "GUNICORN_MAX_REQUESTS": "0"}, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/health/", timeout=1)  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:  # a graceful stop can outlast a loaded machine's patience
            proc.kill()
            proc.wait(timeout=30)


def csrf(base: str) -> tuple[str, str]:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + "/admin/login/", timeout=10).read().decode()  # noqa: S310 - loopback
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    cookie = next(c.value for c in jar if c.name == "csrftoken")
    return cookie, token


def run_wrk(args: list[str], script: str, tmp: Path, name: str) -> subprocess.Popen:
    path = tmp / f"{name}.lua"
    path.write_text(script)
    return subprocess.Popen(["wrk", *args, "-s", str(path)], stdout=subprocess.PIPE, text=True)


def reader(base: str, duration: int, tmp: Path) -> dict:
    for _ in range(5):
        urllib.request.urlopen(base + PAGE, timeout=10).read()  # noqa: S310 - warm the page cache
    proc = run_wrk(["-t1", "-c1", f"-d{duration}s", "--latency", base + PAGE], READER_LUA, tmp, "reader")
    out, _ = proc.communicate(timeout=duration + 60)
    n, p50, p95, p99, errors = re.search(r"RESULT (\d+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+)", out).groups()
    return {
        "requests": int(n),
        "p50": float(p50),
        "p95": float(p95),
        "p99": float(p99),
        "errors": int(errors),
    }


def flood(admin_base: str, duration: int, rotate: bool, tmp: Path) -> subprocess.Popen:
    cookie, token = csrf(admin_base)
    script = FLOOD_LUA.format(
        cookie=cookie, token=token, rotate="true" if rotate else "false", base=admin_base
    )
    return run_wrk(["-t2", "-c10", f"-d{duration + 4}s", admin_base + "/admin/login/"], script, tmp, "flood")


def phase(label, pages, admin, args, tmp, rotate=None) -> tuple[str, dict, str]:
    attack = flood(admin, args.duration, rotate, tmp) if rotate is not None else None
    if attack:
        time.sleep(3)  # let the flood reach its steady state
    result = reader(pages, args.duration, tmp)
    got = ""
    if attack:
        out, _ = attack.communicate(timeout=args.duration + 60)
        n, p50 = re.search(r"FLOOD (\d+) ([\d.]+)", out).groups()
        got = f"{n} login posts, p50 {p50} ms"
    return label, result, got


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=15, help="seconds the reader is measured per phase")
    parser.add_argument("--workers", type=int, default=os.cpu_count() * 2 + 1, help="reader pool workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install -y wrk")
    rows = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        env = prepare("sqlite", tmp)
        env = {**env, "PAGECACHE_ENABLED": "true"}
        with server(env, args.workers, args.threads) as base:
            rows.append(phase("idle", base, base, args, tmp))
            rows.append(phase("10 clients, one address", base, base, args, tmp, rotate=False))
        with server({**env, "TRUSTED_PROXY_COUNT": "1"}, args.workers, args.threads) as base:
            rows.append(phase("10 clients, new address each post", base, base, args, tmp, rotate=True))
            with server({**env, "TRUSTED_PROXY_COUNT": "1"}, 1, 2, nice=10) as admin:
                rows.append(phase("same, admin on its own nice'd pool", base, admin, args, tmp, rotate=True))
    print(
        f"gunicorn {args.workers} workers x {args.threads} threads (gthread), {args.duration} s per phase, "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    idle = rows[0][1]["p95"]
    print(
        f"{'phase':38} {'reader req':>10} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'p95/idle':>8}"
        "  login flood"
    )
    for label, r, got in rows:
        ratio = r["p95"] / idle if idle else 0
        print(
            f"{label:38} {r['requests']:10d} {r['p50']:7.2f} {r['p95']:7.2f} {r['p99']:7.2f}"
            f" {ratio:7.2f}x  {got}"
        )


if __name__ == "__main__":
    main()
