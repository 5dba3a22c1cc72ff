from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from cidp_site.core.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the whole database "
        "(pg_dump -Fc on PostgreSQL, the online backup API on SQLite)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="File to write. Default: backups/cidp-<database>-<UTC time>.(dump|sqlite3).",
        )

    def handle(self, *args, output=None, **options):
        if output is None:
            stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
            suffix = "dump" if connection.vendor == "postgresql" else "sqlite3"
            output = Path("backups") / f"cidp-{connection.vendor}-{stamp}.{suffix}"
        try:
            backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backed up the {connection.vendor} database to {output} ({output.stat().st_size:,} bytes)."
        )
