"""gunicorn's access log, with our gunicorn.conf.py, never records what a reader searched for."""

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_access_log_has_the_path_but_not_the_query_address_or_browser(tmp_path):
    port = free_port()
    log = tmp_path / "access.log"
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and config
        [
            sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--workers", "1",
            "--bind", f"127.0.0.1:{port}", "--access-logfile", str(log), "tests.core.wsgi_echo:app",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/search/?q=my+cidp+relapse+pregnant"
        request = urllib.request.Request(
            url, headers={"User-Agent": "ReaderPhone/9.9", "Referer": "http://x/?q=secret+words"}
        )
        for _ in range(100):
            try:
                with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - loopback
                    assert response.status == 200
                break
            except OSError:
                time.sleep(0.1)
        for _ in range(50):
            if log.exists() and log.read_text():
                break
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=30)
    line = log.read_text()
    assert '"GET /search/ HTTP/1.1" 200' in line
    for private in ("relapse", "pregnant", "q=", "127.0.0.1", "ReaderPhone", "secret"):
        assert private not in line, f"{private!r} in access log: {line}"
