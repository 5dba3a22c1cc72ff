"""Import content/ into Wagtail. A thin shell over the parse -> validate -> plan -> apply layers."""

import time
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cidp_site.content_sync import glossary
from cidp_site.content_sync.apply import SyncError, apply_plan, load, make_plan
from cidp_site.content_sync.management.options import add_content_options
from cidp_site.core.cachehealth import cache_ok
from cidp_site.pagecache.signals import PurgeFailures


class Command(BaseCommand):
    help = (
        "Create or update pages from the markdown files in content/. Pages are updated in place; "
        "a removed file unpublishes its page. Nothing is written unless every file is valid."
    )

    def add_arguments(self, parser):
        add_content_options(
            parser,
            check="Only validate the files (no database needed); exit 1 listing every problem.",
            dry_run="Print what would be created, updated or unpublished, and change nothing.",
        )
        prefer = parser.add_mutually_exclusive_group()
        prefer.add_argument(
            "--prefer-file",
            action="store_true",
            help="Where a file and a CMS edit conflict, publish the file's version.",
        )
        prefer.add_argument(
            "--prefer-cms",
            action="store_true",
            help="Where a file and a CMS edit conflict, keep the CMS version.",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            files = load(options["content_dir"])
            root = Path(options["content_dir"] or settings.CONTENT_DIR)
            terms, problems = glossary.read(root, files)
            if problems:
                raise SyncError(problems)
            if options["check"]:
                self.stdout.write(self.style.SUCCESS(f"{len(files)} content files are valid."))
                return
            prefer = "file" if options["prefer_file"] else "cms" if options["prefer_cms"] else None
            plan = make_plan(files, prefer=prefer)
            if options["dry_run"] or options["verbosity"] > 1:
                for action in plan.list_actions:
                    if action.verb != "unchanged" or options["verbosity"] > 1:
                        self.stdout.write(str(action))
                for action in plan.actions:
                    if action.verb != "unchanged" or options["verbosity"] > 1:
                        self.stdout.write(str(action))
            if options["dry_run"]:
                if plan.problems:
                    raise SyncError(plan.problems)
                self._summary(plan.counts(), started, "Dry run, nothing changed: would be ", plan)
                return
            if not cache_ok():
                raise CommandError(
                    "The cache (Redis) is not answering, so readers' cached pages could not be "
                    "refreshed after the sync; nothing was changed. Try again when it is back."
                )
            failures_before = PurgeFailures.count
            counts = apply_plan(plan)
            if terms is not None and glossary.apply(terms):
                self.stdout.write(f"Search synonyms updated from {glossary.FILE_NAME}.")
        except SyncError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(exc.problems)} problem(s) found; nothing was changed.") from exc
        self._summary(counts, started, "", plan)
        if PurgeFailures.count > failures_before:
            raise CommandError(
                "The content above was saved, but the page cache could not be cleared afterwards: "
                f"readers may see old pages for up to {settings.PAGECACHE_TIMEOUT // 60} minutes, "
                "or until the cache answers again. Publishing any page clears it."
            )

    def _summary(self, counts, started, prefix, plan):
        order = [
            ("create", "created"),
            ("update", "updated"),
            ("unchanged", "unchanged"),
            ("unpublish", "unpublished"),
            ("keep-cms", "kept from the CMS"),
        ]
        text = ", ".join(f"{counts.get(verb, 0)} {label}" for verb, label in order)
        lists = Counter(a.verb for a in plan.list_actions)
        if lists["create"] or lists["update"]:
            text += f"; warning lists: {lists['create']} created, {lists['update']} updated"
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"{prefix}{text} ({elapsed:.2f} s)."))
