"""Write published CMS edits back to content/. A thin shell over content_sync.export."""

import time

from django.core.management.base import BaseCommand, CommandError

from cidp_site.content_sync import glossary
from cidp_site.content_sync.apply import SyncError
from cidp_site.content_sync.export import apply_export, make_export_plan
from cidp_site.content_sync.management.options import add_content_options


class Command(BaseCommand):
    help = (
        "Write pages that were published in the CMS since the last sync back to their markdown files "
        "in content/ (same paths, same format; unchanged parts are kept as written), so they can be "
        "reviewed with git diff and committed. Afterwards sync_content has nothing to do. Drafts and "
        "pages in review are not exported: only what patients see."
    )

    def add_arguments(self, parser):
        add_content_options(
            parser,
            check="Write nothing; exit 1 listing every page with published CMS edits not yet in its file.",
            dry_run="Print which files would be written, and write nothing.",
            content_dir="write to",
        )
        parser.add_argument(
            "--prefer-cms",
            action="store_true",
            help=(
                "Also overwrite files that changed in git since the last sync (or restore removed ones) "
                "with the CMS version. Without it such pages stop the export as conflicts."
            ),
        )
        parser.add_argument(
            "--all",
            action="store_true",
            dest="everything",
            help="Re-export every live page, even those without CMS edits (to normalise the files).",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            plan = make_export_plan(
                options["content_dir"], prefer_cms=options["prefer_cms"], everything=options["everything"]
            )
            if options["check"]:
                return self._check(plan, options["content_dir"])
            verbose = options["dry_run"] or options["verbosity"] > 1
            for item in plan.items:
                if item.verb in ("write", "same", "conflict") or options["verbosity"] > 1:
                    if verbose or item.verb != "same":
                        self.stdout.write(str(item))
            if options["dry_run"]:
                if plan.problems:
                    raise SyncError(plan.problems)
                if glossary.export(options["content_dir"], False, _glossary_page_text(plan)):
                    self.stdout.write(f"would write {glossary.FILE_NAME} (search synonyms)")
                self._summary(plan.counts(), started, "Dry run, nothing written: would be ")
                return
            # Read before the export rewrites the glossary page: a word taken off the page is not kept.
            words = glossary.prepare(options["content_dir"], _glossary_page_text(plan))
            counts = apply_export(plan)
            if words is not None:
                glossary.write_file(options["content_dir"], words)
                self.stdout.write(f"wrote {glossary.FILE_NAME} (search synonyms)")
        except SyncError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(exc.problems)} problem(s) found; nothing was written.") from exc
        self._summary(counts, started, "")

    def _check(self, plan, content_dir=None):
        pending = list(plan.pending)
        for item in pending:
            self.stdout.write(f"not in git yet: {item.content_id} ({item.path})")
        if glossary.export(content_dir, False, _glossary_page_text(plan)):
            self.stdout.write(f"not in git yet: search synonyms ({glossary.FILE_NAME})")
            pending.append(glossary.FILE_NAME)
        if pending:
            raise CommandError(
                f"{len(pending)} page(s) have published CMS edits that are not in content/ yet; "
                "run export_content and commit the files.",
                returncode=1,
            )
        self.stdout.write(self.style.SUCCESS("Every published CMS edit is in content/."))

    def _summary(self, counts, started, prefix):
        order = [
            ("write", "written"),
            ("same", "already matching"),
            ("up-to-date", "up to date"),
            ("not-live", "not live (skipped)"),
        ]
        text = ", ".join(f"{counts.get(verb, 0)} {label}" for verb, label in order)
        self.stdout.write(self.style.SUCCESS(f"{prefix}{text} ({time.monotonic() - started:.2f} s)."))


def _glossary_page_text(plan) -> str | None:
    """The glossary page as this export writes it, which the exported words must agree with."""
    item = next((i for i in plan.items if i.content_id == glossary.GLOSSARY_ID and i.verb == "write"), None)
    return item.text if item is not None else None
