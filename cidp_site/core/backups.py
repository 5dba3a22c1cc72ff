"""Consistent copies of the whole database, and their restore, without dumpdata.

PostgreSQL uses its own tools (pg_dump's custom format keeps every table, sequence and index);
SQLite uses its online backup API, which copies a consistent snapshot while the site runs.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection


class BackupError(Exception):
    pass


def _pg_env(settings_dict: dict) -> tuple[list[str], dict]:
    args = []
    if settings_dict.get("HOST"):
        args += ["-h", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["-p", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["-U", str(settings_dict["USER"])]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict) -> None:
    tool = shutil.which(command[0])
    if tool is None:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL client tools are needed).")
    # The arguments are our own and the database settings; no shell is involved.
    result = subprocess.run([tool, *command[1:]], env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip() or result.stdout.strip()}")


def _private_file(target: Path) -> None:
    """Create (or empty) ``target`` readable by its owner only, before anything is written to it.

    A backup holds password hashes and sessions. Creating the file 0600 first (the tools then write
    into it) means it is never readable by others, not even for the moment before a chmod.
    """
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    os.chmod(target, 0o600)  # an existing file keeps its old mode through O_CREAT


def backup(target: Path, conn=connection) -> None:
    _private_file(target)
    if conn.vendor == "postgresql":
        args, env = _pg_env(conn.settings_dict)
        _run(
            ["pg_dump", "-Fc", "--no-owner", *args, "-d", conn.settings_dict["NAME"], "-f", str(target)], env
        )
    elif conn.vendor == "sqlite":
        conn.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            conn.connection.backup(destination)
        finally:
            destination.close()
    else:
        raise BackupError(f"backups support PostgreSQL and SQLite, not {conn.vendor}")


def restore(source: Path, settings_dict: dict) -> None:
    """Restore ``source`` into the database ``settings_dict`` describes (replacing what it holds)."""
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file")
    engine = settings_dict["ENGINE"]
    if engine.endswith("postgresql"):
        args, env = _pg_env(settings_dict)
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *args,
                "-d",
                settings_dict["NAME"],
                str(source),
            ],
            env,
        )
    elif engine.endswith("sqlite3"):
        with source.open("rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise BackupError(f"{source}: not an SQLite backup")
        origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        target = sqlite3.connect(settings_dict["NAME"])
        try:
            origin.backup(target)
        finally:
            origin.close()
            target.close()
    else:
        raise BackupError(f"restore supports PostgreSQL and SQLite, not {engine}")
