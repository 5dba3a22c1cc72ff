"""Give every page and question in content/ a permanent short code, written into its front matter."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.utils import DatabaseError

from cidp_site.content_sync.apply import SyncError, load
from cidp_site.content_sync.management.options import add_content_options
from cidp_site.content_sync.short_codes import add_codes, missing, wanted_codes
from cidp_site.links import codes


class Command(BaseCommand):
    help = (
        "Write a short code (short_code:) for each page and one per question (short_codes:) into the "
        "front matter of content/*.md files that lack one. Codes already issued are never reused."
    )

    def add_arguments(self, parser):
        add_content_options(
            parser,
            check="Change nothing; exit 1 if any page or question has no short code yet (for CI).",
            dry_run="Print the codes that would be written, and change nothing.",
        )

    def handle(self, *args, **options):
        try:
            files = load(options["content_dir"])
        except SyncError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(exc.problems)} problem(s) in content/; fix them first.") from exc
        taken = {w.code for parsed in files for w in wanted_codes(parsed)} | self._issued()
        todo = []
        for parsed in files:
            page_missing, anchors = missing(parsed)
            if page_missing or anchors:
                todo.append((parsed, page_missing, anchors))
        pages = sum(1 for _, page_missing, _ in todo if page_missing)
        questions = sum(len(anchors) for _, _, anchors in todo)
        if options["check"]:
            for parsed, page_missing, anchors in todo:
                what = (["the page"] if page_missing else []) + [f"#{a}" for a in anchors]
                self.stderr.write(f"{parsed.rel_for_humans}: no short code for {', '.join(what)}")
            if todo:
                raise CommandError(
                    f"{pages} page(s) and {questions} question(s) have no short code; "
                    "run manage.py assign_short_codes and commit the result."
                )
            self.stdout.write(
                self.style.SUCCESS(f"All {len(files)} pages and their questions have short codes.")
            )
            return
        written = 0
        for parsed, page_missing, anchors in todo:
            page_code = None
            if page_missing:
                page_code = codes.new_code(taken)
                taken.add(page_code)
            anchor_codes = {}
            for anchor in anchors:
                anchor_codes[anchor] = codes.new_code(taken)
                taken.add(anchor_codes[anchor])
            shown = ([f"page {page_code}"] if page_code else []) + [
                f"#{a} {c}" for a, c in anchor_codes.items()
            ]
            self.stdout.write(f"{parsed.rel_for_humans}: {', '.join(shown)}")
            if options["dry_run"]:
                continue
            try:
                text = add_codes(parsed.text, page_code, anchor_codes)
            except ValueError as exc:
                raise CommandError(f"{parsed.rel_for_humans}: {exc}") from exc
            Path(parsed.path).write_text(text, encoding="utf-8")
            written += 1
        prefix = "Dry run, nothing changed: would assign" if options["dry_run"] else "Assigned"
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix} {pages} page code(s) and {questions} question code(s) in {len(todo)} file(s); "
                f"{written} file(s) written."
            )
        )

    def _issued(self) -> set[str]:
        """Codes in the database (retired pages' and packets' included), when there is one."""
        from cidp_site.links.models import ShortCode

        try:
            return set(ShortCode.objects.values_list("code", flat=True))
        except DatabaseError:
            return set()
