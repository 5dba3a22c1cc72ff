"""Audit the pinned dependencies for known vulnerabilities, and never report "clean" unchecked.

pip-audit asks an advisory service (PyPI's JSON API, then OSV) about each pin. Where neither
answers -- as on machines that reach only a package index -- pip-audit still prints "No known
vulnerabilities found" after skipping every package, so its exit code alone proves nothing. This
module reads its JSON instead and tells four outcomes apart: audited and clean, audited with
findings, service unreachable, and pip-audit itself failing (an error, never "unreachable").

When no service answers, a weaker check runs on what the package index does answer: every
security-relevant package must be on the newest release its dependents allow. Django and Wagtail
are held to the newest patch of the pinned series instead, because their security fixes are
backported to the supported series we deliberately stay on. The check cannot see a flaw that has
no fixed release yet, and the command says which of the two checks ran.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

# Packages that touch readers' or editors' requests, uploads, markup or the database.
# Everything else pinned is audited by pip-audit but not held to its newest release.
WATCHED = frozenset(
    canonicalize_name(name)
    for name in (
        "Django asgiref sqlparse wagtail Willow pillow pillow-heif draftjs-exporter beautifulsoup4 "
        "django-filter django-modelcluster django-taggit django-treebeard djangorestframework "
        "openpyxl python-frontmatter PyYAML defusedxml segno whitenoise gunicorn "
        "django-axes django-csp django-permissions-policy django-storages psycopg psycopg-binary "
        "redis requests urllib3 idna"
    ).split()
)
# Security fixes reach the pinned major.minor series as patch releases (Django 5.2 LTS).
SUPPORTED_SERIES = frozenset({"django", "wagtail"})
SERVICES = ("pypi", "osv")
# What requests/urllib3 write when the advisory service cannot be reached at all.
UNREACHABLE = re.compile(r"ConnectionError|NameResolutionError|Max retries exceeded|timed out", re.I)


class AuditError(Exception):
    """The audit could not be carried out as asked; the message says where and why."""


@dataclass(frozen=True)
class Pin:
    name: str  # canonical
    version: Version
    line: int
    extras: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Finding:
    name: str
    version: str
    advisory: str
    fixed_in: tuple[str, ...] = ()

    def __str__(self) -> str:
        fix = f" (fixed in {', '.join(self.fixed_in)})" if self.fixed_in else " (no fixed release yet)"
        return f"{self.name} {self.version}: {self.advisory}{fix}"


@dataclass
class AdvisoryResult:
    service: str
    audited: int = 0
    skipped: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def read_pins(path: Path) -> list[Pin]:
    """The packages and versions in a lock file written by pip-compile (scripts/lock).

    Whether the lock is complete and current is pip-compile's job (`scripts/lock --check` in CI), and
    `pip install --require-hashes` refuses anything unpinned; this only reads what is locked.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AuditError(f"{path}: cannot be read: {exc}") from exc
    pins = []
    lines = iter(enumerate(text.splitlines(), start=1))
    for number, raw in lines:
        line = raw.split("#", 1)[0].strip()
        while line.endswith("\\"):  # a requirement continued by its --hash options
            line = line[:-1] + " " + next(lines, (number, ""))[1].split("#", 1)[0].strip()
        line = line.split(" --", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        pins.append(_locked(line, path, number))
    if not pins:
        raise AuditError(f"{path}: no requirements to audit")
    return pins


def _locked(line: str, path: Path, number: int) -> Pin:
    problem = f"{path}:{number}: not a locked name==version: {line!r}; regenerate it with scripts/lock"
    try:
        requirement = Requirement(line)
    except InvalidRequirement as exc:
        raise AuditError(problem) from exc
    specs = list(requirement.specifier)
    if len(specs) != 1 or specs[0].operator != "==":
        raise AuditError(problem)
    try:
        version = Version(specs[0].version)
    except InvalidVersion as exc:
        raise AuditError(problem) from exc
    return Pin(canonicalize_name(requirement.name), version, number, frozenset(requirement.extras))


def parse_pip_audit(report: str, service: str) -> AdvisoryResult:
    """pip-audit's --format json: a package with a skip_reason was not checked, whatever the exit code."""
    try:
        dependencies = json.loads(report)["dependencies"]
    except (ValueError, KeyError, TypeError) as exc:
        raise AuditError(f"pip-audit gave no JSON report ({exc}): {report[:300]!r}") from exc
    result = AdvisoryResult(service)
    for dep in dependencies:
        if dep.get("skip_reason"):
            result.skipped.append(f"{dep['name']}: {dep['skip_reason']}")
            continue
        result.audited += 1
        for vuln in dep.get("vulns", []):
            result.findings.append(
                Finding(dep["name"], dep["version"], vuln["id"], tuple(vuln.get("fix_versions", ())))
            )
    return result


def _run(command: list[str], timeout: int) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout)  # noqa: S603
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise AuditError(f"{' '.join(command[:4])} … could not run: {exc}") from exc


def run_pip_audit(requirements: Path, service: str) -> AdvisoryResult | None:
    """One pip-audit run; None only when the service could not be reached at all."""
    done = _run(
        [
            sys.executable,
            "-m",
            "pip_audit",
            "--requirement",
            str(requirements),
            "--no-deps",  # every dependency is pinned in the file: nothing to resolve or install
            "--disable-pip",
            "--progress-spinner",
            "off",
            "--format",
            "json",
            "--vulnerability-service",
            service,
            "--timeout",
            "20",
        ],
        timeout=300,
    )
    if done.stdout.strip().startswith("{"):
        return parse_pip_audit(done.stdout, service)
    if UNREACHABLE.search(done.stderr):
        return None
    tail = "\n".join(done.stderr.strip().splitlines()[-5:])
    raise AuditError(f"pip-audit failed (exit {done.returncode}) without a report:\n{tail}")


def index_versions(name: str) -> list[str]:
    """The releases the configured package index offers, through pip so its settings apply."""
    command = [sys.executable, "-m", "pip", "index", "versions", name, "--disable-pip-version-check"]
    for _attempt in range(2):  # one retry: a single dropped connection should not fail CI
        done = _run(command, timeout=120)
        match = re.search(r"^Available versions: (.+)$", done.stdout, re.MULTILINE)
        if done.returncode == 0 and match:
            return [v.strip() for v in match.group(1).split(",")]
    raise AuditError(f"the package index did not list {name}: {(done.stderr or done.stdout).strip()}")


def dependents_allow(pins: list[Pin]) -> dict[str, SpecifierSet]:
    """What the pinned packages' own requirements allow for each dependency (installed metadata),
    so a package held back by another pin (django-treebeard < 6 for Wagtail) is not "behind"."""
    extras = {pin.name: pin.extras for pin in pins}
    allowed: dict[str, SpecifierSet] = defaultdict(SpecifierSet)
    for dist in metadata.distributions():
        name = canonicalize_name(dist.metadata["Name"] or "")
        if name not in extras:
            continue
        for raw in dist.requires or []:
            try:
                requirement = Requirement(raw)
            except InvalidRequirement:
                continue  # a malformed line in someone else's metadata says nothing about our pins
            environments = [{"extra": extra} for extra in {"", *extras[name]}]
            if requirement.marker and not any(requirement.marker.evaluate(e) for e in environments):
                continue
            dep = canonicalize_name(requirement.name)
            allowed[dep] = allowed[dep] & requirement.specifier
    return allowed


def newest_allowed(pin: Pin, available: Iterable[str], allowed: SpecifierSet | None = None) -> Version | None:
    """The newest final release newer than the pin that the pin's dependents allow, if any."""
    newest = None
    for raw in available:
        try:
            version = Version(raw)
        except InvalidVersion:
            continue
        if version.is_prerelease or version.is_devrelease or version <= pin.version:
            continue
        if pin.name in SUPPORTED_SERIES and version.release[:2] != pin.version.release[:2]:
            continue
        if allowed is not None and not allowed.contains(version):
            continue
        if newest is None or version > newest:
            newest = version
    return newest


@dataclass
class ReleaseResult:
    behind: list[str] = field(default_factory=list)
    checked: int = 0


def check_newest_releases(
    pins: list[Pin],
    versions: Callable[[str], list[str]] | None = None,
    allowed: dict[str, SpecifierSet] | None = None,
) -> ReleaseResult:
    versions = versions or index_versions
    allowed = dependents_allow(pins) if allowed is None else allowed
    result = ReleaseResult()
    for pin in pins:
        if pin.name not in WATCHED:
            continue
        result.checked += 1
        newer = newest_allowed(pin, versions(pin.name), allowed.get(pin.name))
        if newer is not None:
            result.behind.append(f"{pin.name} {pin.version} (line {pin.line}): {newer} is out")
    return result
