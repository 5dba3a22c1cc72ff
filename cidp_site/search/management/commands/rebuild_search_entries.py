"""Recreate the site search rows from live pages (after a bulk import or a restore)."""

from django.core.management.base import BaseCommand

from cidp_site.search.indexing import rebuild


class Command(BaseCommand):
    help = "Rebuild the site search index (one row per live page and per question)."

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(self.style.SUCCESS(f"{count} search entries written."))
