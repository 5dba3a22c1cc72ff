"""Commit CMS changes that have not reached git yet (git was unavailable, a push failed)."""

from django.core.management.base import BaseCommand, CommandError

from cidp_site.gitsync.commit import branch, enabled, retry_waiting
from cidp_site.gitsync.models import GitChange


class Command(BaseCommand):
    help = (
        "Commit every CMS publish, unpublish and move still waiting to reach git to the CONTENT_GIT_BRANCH "
        "of CONTENT_GIT_DIR, and push it when CONTENT_GIT_REMOTE is set. Safe to run again: what the "
        "branch already holds is not committed twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what is waiting; commit nothing.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Commit nothing; exit 1 if any change is waiting to reach git.",
        )

    def handle(self, *args, **options):
        waiting = GitChange.objects.filter(status=GitChange.WAITING).order_by("created_at", "pk")
        if options["check"] or options["dry_run"]:
            for change in waiting:
                self.stdout.write(f"waiting  {change}: {change.error or 'not tried yet'}")
            self.stdout.write(f"{waiting.count()} waiting to reach git")
            if options["check"] and waiting.exists():
                raise CommandError("CMS changes are waiting to reach git; run commit_cms_edits")
            return
        if not enabled():
            raise CommandError("CONTENT_GIT_DIR is not set, so there is no repository to commit to")
        failed = 0
        for change, ok in retry_waiting():
            if ok:
                self.stdout.write(f"committed {change} on {branch()} ({change.commit[:10]})")
            else:
                failed += 1
                self.stderr.write(f"waiting  {change}: {change.error}")
        self.stdout.write(f"{failed} still waiting")
        if failed:
            raise CommandError(f"{failed} change(s) could not reach git; see the reasons above")
