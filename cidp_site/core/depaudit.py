"""Audit the pinned dependencies for known vulnerabilities, and never report "clean" unchecked.

pip-audit asks an advisory service (PyPI's JSON API, then OSV) about each pin. Where neither
answers -- as on machines that reach only a package index -- pip-audit still prints "No known
vulnerabilities found" after skipping every package, so its exit code alone proves nothing. This
module reads its JSON instead and tells three outcomes apart: audited and clean, audited with
findings, or not audited at all.

When nothing could be audited, a second check runs on what the package index does answer: every
package that handles untrusted input or sits on the request path must be on the newest patch
release of its series, because that is how Django, Wagtail, Pillow and the rest ship security
fixes. It is weaker than an advisory database (it cannot see a flaw that has no fix yet), and the
command says which of the two checks ran.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

# Packages whose security fixes arrive as patch releases and that touch readers' or editors'
# requests, uploads, markup or the database. Everything else pinned is reported, not failed.
WATCHED = frozenset(
    canonicalize_name(name)
    for name in (
        "Django asgiref sqlparse wagtail Willow pillow pillow-heif draftjs-exporter beautifulsoup4 "
        "django-filter django-modelcluster django-taggit django-treebeard djangorestframework "
        "openpyxl Markdown nh3 python-frontmatter PyYAML defusedxml segno whitenoise gunicorn "
        "django-axes django-csp django-permissions-policy django-storages psycopg psycopg-binary "
        "redis requests urllib3 idna"
    ).split()
)
SERVICES = ("pypi", "osv")


class AuditError(Exception):
    """The input cannot be audited as it stands; the message names the file and line."""


@dataclass(frozen=True)
class Pin:
    name: str  # canonical
    version: Version
    line: int


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
    """Every requirement must be pinned with ==, so an audit of the file is an audit of the install."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AuditError(f"{path}: cannot be read: {exc}") from exc
    pins, seen = [], {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        where = f"{path}:{number}"
        try:
            requirement = Requirement(line)
        except InvalidRequirement as exc:
            raise AuditError(f"{where}: not a requirement: {line!r} ({exc})") from exc
        specs = list(requirement.specifier)
        if len(specs) != 1 or specs[0].operator != "==" or "*" in specs[0].version:
            raise AuditError(f"{where}: {requirement.name} must be pinned to one version with ==")
        name = canonicalize_name(requirement.name)
        if name in seen:
            raise AuditError(f"{where}: {requirement.name} is pinned twice (first on line {seen[name]})")
        seen[name] = number
        try:
            pins.append(Pin(name, Version(specs[0].version), number))
        except InvalidVersion as exc:
            raise AuditError(f"{where}: {specs[0].version!r} is not a version") from exc
    if not pins:
        raise AuditError(f"{path}: no requirements to audit")
    return pins


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


def run_pip_audit(requirements: Path, service: str) -> AdvisoryResult | None:
    """One pip-audit run, or None when the service could not be reached at all."""
    command = [
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
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)  # noqa: S603
    if not done.stdout.strip().startswith("{"):
        return None  # a connection error ends pip-audit before it writes a report
    return parse_pip_audit(done.stdout, service)


def newest_in_series(pin: Pin, available: Iterable[str]) -> Version | None:
    """The newest final release with the pin's major.minor that is newer than the pin, if any."""
    newest = None
    for raw in available:
        try:
            version = Version(raw)
        except InvalidVersion:
            continue
        if version.is_prerelease or version.is_devrelease or version.release[:2] != pin.version.release[:2]:
            continue
        if version > pin.version and (newest is None or version > newest):
            newest = version
    return newest


def index_versions(name: str) -> list[str]:
    """The releases the configured package index offers, through pip so its settings apply."""
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "pip", "index", "versions", name, "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    match = re.search(r"^Available versions: (.+)$", done.stdout, re.MULTILINE)
    if done.returncode != 0 or not match:
        raise AuditError(f"the package index did not list {name}: {(done.stderr or done.stdout).strip()}")
    return [v.strip() for v in match.group(1).split(",")]


@dataclass
class SeriesResult:
    behind: list[str] = field(default_factory=list)
    checked: int = 0


def check_patch_series(pins: list[Pin], versions: Callable[[str], list[str]] | None = None) -> SeriesResult:
    versions = versions or index_versions
    result = SeriesResult()
    for pin in pins:
        if pin.name not in WATCHED:
            continue
        result.checked += 1
        newer = newest_in_series(pin, versions(pin.name))
        if newer is not None:
            result.behind.append(f"{pin.name} {pin.version} (line {pin.line}): {newer} is out")
    return result
