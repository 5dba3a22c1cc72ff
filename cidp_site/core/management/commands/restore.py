from pathlib import Path

import dj_database_url
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from cidp_site.core.backups import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup written by 'backup' into this site's database, or into another one."

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="The backup file to restore.")
        parser.add_argument(
            "--database-url",
            help="Restore into this database instead (e.g. a fresh one to check a backup). "
            "It must exist; on PostgreSQL create it first with createdb.",
        )
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Confirm replacing the contents of this site's own database.",
        )

    def handle(self, *args, backup: Path, database_url=None, yes=False, **options):
        if database_url:
            target = dj_database_url.parse(database_url)
        else:
            if not yes:
                raise CommandError("This replaces everything in the site's database. Run again with --yes.")
            target = connection.settings_dict
            connection.close()
        try:
            restore(backup, target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored {backup} into {target['NAME']}.")
