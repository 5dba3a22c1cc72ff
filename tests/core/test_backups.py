"""A backup restored into a fresh database holds every page's live content and every revision."""

import json
import os
import sqlite3
import stat
import subprocess
import uuid

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from cidp_site.pages.models import FAQPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FINGERPRINT = """
    SELECT p.id, p.title, p.live, p.url_path, f.questions, f."references", f.summary,
           (SELECT count(*) FROM wagtailcore_revision r
            WHERE r.object_id = CAST(p.id AS VARCHAR(255)) AND r.content_type_id = p.content_type_id)
    FROM wagtailcore_page p JOIN pages_faqpage f ON f.page_ptr_id = p.id ORDER BY p.id
"""


def plain(value):
    """Compare values, not driver types: JSON text vs decoded JSON, 1 vs True."""
    if isinstance(value, str) and value[:1] in "[{":
        return json.loads(value)
    if isinstance(value, bool):
        return int(value)
    return value


def fingerprint(cursor) -> list[tuple]:
    cursor.execute(FINGERPRINT)
    return [tuple(plain(v) for v in row) for row in cursor.fetchall()]


@pytest.fixture
def fresh_database(tmp_path):
    """An empty database of the same kind as the one under test, and a cursor factory for it."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield f"sqlite:///{path}", lambda: sqlite3.connect(path).cursor()
        return
    settings = connection.settings_dict
    name = f"restore_{uuid.uuid4().hex[:8]}"
    base = ["-h", settings["HOST"], "-p", str(settings["PORT"]), "-U", settings["USER"]]
    subprocess.run(["createdb", *base, name], check=True)
    url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{name}"
    conn = psycopg.connect(url, autocommit=True)
    yield url, conn.cursor
    conn.close()
    subprocess.run(["dropdb", *base, "--if-exists", name], check=True)


def test_backup_then_restore_into_a_fresh_database(synced, tmp_path, fresh_database):
    url, cursor = fresh_database
    page = FAQPage.objects.get(content_id="ivig-treatment")
    page.title = "A second published revision"
    page.save_revision().publish()
    draft = FAQPage.objects.get(pk=page.pk)
    draft.title = "An unpublished draft"
    draft.save_revision()
    with connection.cursor() as source:
        expected = fingerprint(source)
    assert any(row[-1] == 3 for row in expected)  # the page with a draft has three revisions

    target = tmp_path / "site.backup"
    call_command("backup", output=target)
    assert target.stat().st_size > 10_000
    call_command("restore", str(target), database_url=url)
    assert fingerprint(cursor()) == expected


def test_restore_refuses_bad_input_and_needs_confirmation_for_the_live_database(db, tmp_path, fresh_database):
    junk = tmp_path / "not-a-backup.dump"
    junk.write_bytes(b"hello")
    with pytest.raises(CommandError, match="needs|--yes|replaces"):
        call_command("restore", str(junk))
    with pytest.raises(CommandError, match="no such backup"):
        call_command("restore", str(tmp_path / "missing"), database_url=f"sqlite:///{tmp_path / 'x.db'}")
    with pytest.raises(CommandError):
        bad_url = f"sqlite:///{tmp_path / 'x.db'}" if connection.vendor == "sqlite" else None
        call_command(
            "restore", str(junk), database_url=bad_url or "postgres://postgres@127.0.0.1:5432/postgres"
        )


def test_backups_are_readable_by_their_owner_only(db, tmp_path):
    """They hold password hashes and sessions: 0600 whatever the umask, even over an old 0644 file."""
    old_umask = os.umask(0o022)
    try:
        fresh = tmp_path / "new" / "site.backup"
        call_command("backup", output=fresh)
        existing = tmp_path / "old.backup"
        existing.write_bytes(b"")
        existing.chmod(0o644)
        call_command("backup", output=existing)
    finally:
        os.umask(old_umask)
    for path in (fresh, existing):
        assert path.stat().st_size > 10_000
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, oct(path.stat().st_mode)
    assert stat.S_IMODE(fresh.parent.stat().st_mode) == 0o700
