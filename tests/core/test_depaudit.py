"""The dependency audit: it reads the lock files, findings fail, and "nothing audited" is never "clean"."""

import json
import subprocess
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from cidp_site.core import depaudit
from cidp_site.core.depaudit import AdvisoryResult, AuditError, Finding, Pin
from cidp_site.core.management.commands import audit_requirements as command

REPORT_WITH_A_VULNERABILITY = json.dumps(
    {
        "dependencies": [
            {"name": "django", "version": "5.2.1", "vulns": []},
            {
                "name": "pillow",
                "version": "9.0.0",
                "vulns": [
                    {"id": "PYSEC-2022-10", "fix_versions": ["9.0.1"], "aliases": ["CVE-2022-22817"]},
                ],
            },
        ],
        "fixes": [],
    }
)
REPORT_NOTHING_AUDITED = json.dumps(
    {
        "dependencies": [
            {"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"},
            {"name": "pillow", "skip_reason": "Dependency not found on PyPI and could not be audited"},
        ],
        "fixes": [],
    }
)


def write(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "requirements.txt"
    path.write_bytes(text.encode(encoding))
    return path


LOCKED = """\
#    scripts/lock
#
django==5.2.19 \\
    --hash=sha256:aaaa \\
    --hash=sha256:bbbb
    # via
    #   -r requirements.in
    #   wagtail
psycopg[binary]==3.3.9 \\
    --hash=sha256:cccc
    # via -r requirements.in
"""


def test_the_production_lock_holds_what_runs_and_nothing_for_tests():
    names = {pin.name for pin in depaudit.read_pins(settings.BASE_DIR / "requirements.txt")}
    # Direct and indirect dependencies alike: what is audited is what gets installed.
    assert {"django", "wagtail", "pillow", "sqlparse", "urllib3", "psycopg-binary"} <= names
    assert depaudit.WATCHED <= names, "a watched package is no longer in the production lock"
    assert not {"pytest", "ruff", "playwright", "pip-audit", "pip-tools"} & names
    dev = {pin.name for pin in depaudit.read_pins(settings.BASE_DIR / "requirements-dev.txt")}
    assert {"pytest", "pytest-django", "ruff", "playwright", "pip-audit", "pip-tools"} <= dev


def test_a_lock_file_is_read_with_its_hashes_and_first_line_numbers(tmp_path):
    pins = depaudit.read_pins(write(tmp_path, LOCKED))
    assert pins == [
        Pin("django", Version("5.2.19"), 3),
        Pin("psycopg", Version("3.3.9"), 9, frozenset({"binary"})),
    ]


@pytest.mark.parametrize("line", ["Django>=5.2", "Django", "Django=5.2", "Django==5.2,<6"])
def test_a_line_that_is_not_locked_is_refused_with_its_line(tmp_path, line):
    path = write(tmp_path, f"# locked\nwagtail==8.0.1 \\\n    --hash=sha256:aaaa\n{line}\n")
    with pytest.raises(AuditError, match=r"requirements.txt:4: not a locked name==version.*scripts/lock"):
        depaudit.read_pins(path)


def test_an_unreadable_file_is_refused(tmp_path):
    with pytest.raises(AuditError, match="cannot be read"):
        depaudit.read_pins(write(tmp_path, "Django==5.2.19 # café\n", encoding="latin-1"))


def test_a_report_with_a_vulnerability_gives_a_finding():
    result = depaudit.parse_pip_audit(REPORT_WITH_A_VULNERABILITY, "pypi")
    assert result.audited == 2 and not result.skipped
    assert result.findings == [Finding("pillow", "9.0.0", "PYSEC-2022-10", ("9.0.1",))]
    assert str(result.findings[0]) == "pillow 9.0.0: PYSEC-2022-10 (fixed in 9.0.1)"


def test_a_report_that_skipped_everything_audited_nothing():
    result = depaudit.parse_pip_audit(REPORT_NOTHING_AUDITED, "pypi")
    assert result.audited == 0 and len(result.skipped) == 2 and not result.findings


def test_a_report_that_is_not_json_is_an_error():
    with pytest.raises(AuditError, match="no JSON report"):
        depaudit.parse_pip_audit("Traceback (most recent call last): ...", "pypi")


def test_django_is_held_to_its_series_and_the_rest_to_what_their_dependents_allow():
    django = Pin("django", Version("5.2.18"), 1)
    assert depaudit.newest_allowed(django, ["5.2.17", "5.2.18", "6.0.1", "5.2.19rc1", "junk"]) is None
    assert depaudit.newest_allowed(django, ["5.2.19", "5.2.20", "5.1.99", "6.0"]) == Version("5.2.20")
    # A security fix in a new minor or major release counts for packages without supported series...
    pillow = Pin("pillow", Version("12.2.0"), 2)
    assert depaudit.newest_allowed(pillow, ["12.2.0", "12.3.0", "13.0.0"]) == Version("13.0.0")
    # ...unless another pin holds the package back (Wagtail needs django-treebeard < 6).
    treebeard = Pin("django-treebeard", Version("5.3.1"), 3)
    held = SpecifierSet(">=4.5.1,<6.0")
    assert depaudit.newest_allowed(treebeard, ["5.3.1", "6.0", "7.0.3"], held) is None
    assert depaudit.newest_allowed(treebeard, ["5.3.1", "5.3.2", "7.0.3"], held) == Version("5.3.2")


def test_what_the_installed_pins_allow_comes_from_their_own_requirements():
    pins = depaudit.read_pins(settings.BASE_DIR / "requirements.txt")
    allowed = depaudit.dependents_allow(pins)
    assert not allowed["django-treebeard"].contains("99.0")  # wagtail caps it
    assert allowed["psycopg-binary"].contains("3.3.9")  # through psycopg[binary]
    assert not allowed["psycopg-binary"].contains("3.3.8")


def run(*args):
    out = StringIO()
    call_command("audit_requirements", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def no_advisory_service(monkeypatch):
    monkeypatch.setattr(command, "run_pip_audit", lambda requirements, service: None)


def test_findings_fail_the_audit(tmp_path, monkeypatch):
    report = depaudit.parse_pip_audit(REPORT_WITH_A_VULNERABILITY, "pypi")
    monkeypatch.setattr(command, "run_pip_audit", lambda requirements, service: report)
    path = write(tmp_path, "Django==5.2.1\npillow==9.0.0\n")
    with pytest.raises(CommandError, match=r"Known vulnerabilities \(pypi\):\n  pillow 9.0.0: PYSEC-2022-10"):
        run("--requirements", str(path))


def test_a_clean_audit_says_how_many_were_audited(tmp_path, monkeypatch):
    clean = AdvisoryResult("osv", audited=2)
    monkeypatch.setattr(command, "run_pip_audit", lambda r, service: clean if service == "osv" else None)
    output = run("--requirements", str(write(tmp_path, "Django==5.2.1\npillow==9.0.0\n")))
    assert "the pypi advisory service did not answer" in output
    assert "pip-audit (osv): 2 packages audited, no known vulnerabilities." in output


def test_without_an_advisory_service_a_watched_package_behind_fails(
    tmp_path, monkeypatch, no_advisory_service
):
    releases = {
        "django": ["5.2.19", "5.2.20", "6.0"],
        "six": ["1.17.0", "1.17.1"],
        "segno": ["1.6.6", "1.7.0"],
    }
    monkeypatch.setattr(depaudit, "index_versions", lambda name: releases[name])
    path = write(tmp_path, "Django==5.2.19\nsix==1.16.0\nsegno==1.6.6\n")
    with pytest.raises(CommandError) as failure:
        run("--requirements", str(path))
    assert "django 5.2.19 (line 1): 5.2.20 is out" in str(failure.value)
    assert "segno 1.6.6 (line 3): 1.7.0 is out" in str(failure.value)
    assert "six" not in str(failure.value)  # not security-relevant: audited, not held to the newest


def test_without_an_advisory_service_it_says_nothing_was_audited(tmp_path, monkeypatch, no_advisory_service):
    monkeypatch.setattr(depaudit, "index_versions", lambda name: ["5.2.19", "6.0"])
    output = run("--requirements", str(write(tmp_path, "Django==5.2.19\nsix==1.16.0\n")))
    assert "NOT AUDITED against an advisory database" in output
    assert "Newest-release check: 1 security-relevant packages are each on the newest release" in output
    assert "no known vulnerabilities" not in output
    with pytest.raises(CommandError, match="No advisory service could be reached"):
        run("--requirements", str(write(tmp_path, "Django==5.2.19\n")), "--require-advisories")


def test_real_pip_audit_runs_and_its_answer_is_read(tmp_path):
    """The real tool with our flags: a report (audited or skipped), or an unreachable service."""
    result = depaudit.run_pip_audit(write(tmp_path, "sqlparse==0.6.1\n"), "pypi")
    assert result is None or result.audited + len(result.skipped) == 1


def fake_run(stdout="", stderr="", returncode=1):
    return lambda command, timeout: subprocess.CompletedProcess(command, returncode, stdout, stderr)


def test_a_crashed_pip_audit_is_an_error_not_an_unreachable_service(tmp_path, monkeypatch):
    path = write(tmp_path, "sqlparse==0.6.1\n")
    crash = "Traceback (most recent call last):\n  ...\nModuleNotFoundError: No module named 'pip_audit'"
    monkeypatch.setattr(depaudit, "_run", fake_run(stderr=crash))
    with pytest.raises(AuditError, match=r"(?s)pip-audit failed \(exit 1\) without a report:\n.*pip_audit"):
        depaudit.run_pip_audit(path, "pypi")
    offline = "requests.exceptions.ConnectionError: HTTPSConnectionPool(...): Max retries exceeded"
    monkeypatch.setattr(depaudit, "_run", fake_run(stderr=offline))
    assert depaudit.run_pip_audit(path, "osv") is None


def test_the_index_is_asked_twice_before_the_audit_gives_up(monkeypatch):
    calls = []

    def flaky(command, timeout):
        calls.append(command)
        if len(calls) == 1:
            return subprocess.CompletedProcess(command, 1, "", "Connection reset")
        return subprocess.CompletedProcess(command, 0, "nh3 (0.3.8)\nAvailable versions: 0.3.8, 0.3.7\n", "")

    monkeypatch.setattr(depaudit, "_run", flaky)
    assert depaudit.index_versions("nh3") == ["0.3.8", "0.3.7"] and len(calls) == 2
    monkeypatch.setattr(depaudit, "_run", fake_run(stderr="no such package"))
    with pytest.raises(AuditError, match="the package index did not list nh3: no such package"):
        depaudit.index_versions("nh3")
