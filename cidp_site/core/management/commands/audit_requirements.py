from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cidp_site.core.depaudit import SERVICES, AuditError, check_newest_releases, read_pins, run_pip_audit


class Command(BaseCommand):
    help = (
        "Check every pinned dependency for known vulnerabilities with pip-audit. When no advisory "
        "service answers, say so and check instead that each security-relevant package is on the "
        "newest release its dependents allow (Django and Wagtail: the newest patch of the pinned series)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--requirements",
            type=Path,
            default=Path(settings.BASE_DIR) / "requirements.txt",
            help="The lock file to audit (written by scripts/lock). Default: requirements.txt at the project "
            "root, the production set; CI audits requirements-dev.txt too.",
        )
        parser.add_argument(
            "--require-advisories",
            action="store_true",
            help="Fail when no advisory service can be reached, instead of falling back to the "
            "newest-release check. Use it wherever the advisory services are reachable.",
        )

    def handle(self, *args, requirements, require_advisories=False, **options):
        try:
            pins = read_pins(requirements)
            self.stdout.write(f"{len(pins)} pinned packages in {requirements}.")
            for service in SERVICES:
                result = run_pip_audit(requirements, service)
                if result is not None and result.audited:
                    return self.report_advisories(result, len(pins))
                self.stdout.write(f"pip-audit: the {service} advisory service did not answer.")
            if require_advisories:
                raise CommandError("No advisory service could be reached: nothing was audited.")
            self.stdout.write(
                self.style.WARNING(
                    "NOT AUDITED against an advisory database: no service answered from this machine. "
                    "Falling back to the newest-release check."
                )
            )
            series = check_newest_releases(pins)
        except AuditError as exc:
            raise CommandError(str(exc)) from exc
        if series.behind:
            raise CommandError(
                "A security-relevant package is behind its newest release; update the pin:\n  "
                + "\n  ".join(series.behind)
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Newest-release check: {series.checked} security-relevant packages are each on the "
                "newest release their dependents allow (Django and Wagtail: of the pinned series)."
            )
        )

    def report_advisories(self, result, total):
        if result.findings:
            raise CommandError(
                f"Known vulnerabilities ({result.service}):\n  " + "\n  ".join(map(str, result.findings))
            )
        if result.skipped:
            raise CommandError(
                f"{len(result.skipped)} of {total} packages could not be audited:\n  "
                + "\n  ".join(result.skipped)
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"pip-audit ({result.service}): {result.audited} packages audited, no known vulnerabilities."
            )
        )
