"""A live copy of the site for browser tests and screenshots, in a subprocess.

Why a subprocess: Playwright's sync API runs an event loop, which Django's ORM refuses to share, and a
real server (with the real content synced into a database of its own) is what a reader gets.
The database follows DATABASE_URL: SQLite gives a temporary file, PostgreSQL a `<name>_browser` database
(`<name>_browser_gw0` and so on, one per pytest-xdist worker).
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def chromium_path():
    """Debian's chromium; a clear failure (never a skip) when it is missing."""
    path = shutil.which(CHROMIUM) or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if not path:
        raise RuntimeError(
            f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package (.ci/run does)."
        )
    return path


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(tmpdir):
    """A database only the browser server uses, so it never collides with pytest's test databases."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmpdir}/browser.sqlite3"
    import psycopg

    parts = urlsplit(url)
    # Each pytest-xdist worker has a live site of its own, as it has a test database of its own.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    name = (parts.path.lstrip("/") or "cidp") + "_browser" + (f"_{worker}" if worker else "")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


class LiveSite:
    """Migrate, sync the real content, run the server; stop() ends the process it started."""

    def __init__(self, content_dir=None):
        self.tmpdir = tempfile.mkdtemp(prefix="cidp-browser-")
        self.env = dict(os.environ)
        self.env.update(
            DJANGO_SETTINGS_MODULE="cidp_site.settings.test",
            DATABASE_URL=_database_url(self.tmpdir),
            CIDP_CONTENT_DIR=str(content_dir or ROOT / "content"),
            PYTHONUNBUFFERED="1",
        )
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def manage(self, *args) -> str:
        """Run manage.py against this site's database; its output."""
        return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def start(self):
        self.manage("migrate", "--noinput")
        self.manage("sync_content")
        # Retire one page as a removed file would, so the 410 page is checked like any other.
        from .urls import RETIRED_FILE, RETIRED_LINK

        content = Path(self.tmpdir) / "content"
        shutil.copytree(self.env["CIDP_CONTENT_DIR"], content)
        (content / RETIRED_FILE).unlink()
        for path in content.rglob("*.md"):
            text = path.read_text(encoding="utf-8")
            if RETIRED_LINK in text:
                kept = [line for line in text.splitlines(keepends=True) if RETIRED_LINK not in line]
                path.write_text("".join(kept), encoding="utf-8")
        self.env["CIDP_CONTENT_DIR"] = str(content)
        self.manage("sync_content")
        self.log = open(Path(self.tmpdir) / "server.log", "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self.fetch_text("/")
                return self
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None:
                    break
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"The test server did not start; see {self.tmpdir}/server.log")

    def fetch_text(self, path):
        with urllib.request.urlopen(self.base_url + path, timeout=10) as response:  # noqa: S310 - local
            return response.read().decode()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        if getattr(self, "log", None):
            self.log.close()
        shutil.rmtree(self.tmpdir, ignore_errors=True)
