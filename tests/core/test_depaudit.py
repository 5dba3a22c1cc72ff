"""The dependency audit: every pin is exact, findings fail, and "nothing audited" is never "clean"."""

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
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


def test_the_projects_requirements_are_all_pinned_exactly():
    pins = depaudit.read_pins(settings.BASE_DIR / "requirements.txt")
    names = {pin.name for pin in pins}
    # Direct and indirect dependencies alike: what is audited is what gets installed.
    assert {"django", "wagtail", "pillow", "sqlparse", "urllib3", "psycopg-binary"} <= names
    assert depaudit.WATCHED <= names, "a watched package is no longer pinned"


@pytest.mark.parametrize(
    "line, message",
    [
        ("Django>=5.2", "must be pinned to one version"),
        ("Django==5.*", "must be pinned to one version"),
        ("Django", "must be pinned to one version"),
        ("Django==5.2,<6", "must be pinned to one version"),
        ("Django=5.2", "not a requirement"),
    ],
)
def test_a_loose_or_broken_pin_is_refused_with_its_line(tmp_path, line, message):
    path = write(tmp_path, f"# pinned\nwagtail==8.0.1\n{line}\n")
    with pytest.raises(AuditError, match=rf"requirements.txt:3: .*{message}"):
        depaudit.read_pins(path)


def test_a_package_pinned_twice_is_refused(tmp_path):
    path = write(tmp_path, "Django==5.2.19\nwagtail==8.0.1\ndjango==5.2.18\n")
    with pytest.raises(AuditError, match=r"requirements.txt:3: django is pinned twice \(first on line 1\)"):
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


def test_only_a_newer_final_release_of_the_same_series_counts():
    pin = Pin("django", Version("5.2.18"), 1)
    assert depaudit.newest_in_series(pin, ["5.2.17", "5.2.18", "6.0.1", "5.2.19rc1", "junk"]) is None
    assert depaudit.newest_in_series(pin, ["5.2.19", "5.2.20", "5.1.99", "6.0"]) == Version("5.2.20")


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


def test_without_an_advisory_service_a_watched_package_behind_its_series_fails(
    tmp_path, monkeypatch, no_advisory_service
):
    releases = {"django": ["5.2.19", "5.2.20", "6.0"], "six": ["1.17.0", "1.17.1"]}
    monkeypatch.setattr(depaudit, "index_versions", lambda name: releases[name])
    path = write(tmp_path, "Django==5.2.19\nsix==1.16.0\n")
    with pytest.raises(CommandError, match=r"django 5.2.19 \(line 1\): 5.2.20 is out"):
        run("--requirements", str(path))


def test_without_an_advisory_service_it_says_nothing_was_audited(tmp_path, monkeypatch, no_advisory_service):
    monkeypatch.setattr(depaudit, "index_versions", lambda name: ["5.2.19", "6.0"])
    output = run("--requirements", str(write(tmp_path, "Django==5.2.19\nsix==1.16.0\n")))
    assert "NOT AUDITED against an advisory database" in output
    assert "1 security-relevant packages are each on the newest patch release" in output
    assert "no known vulnerabilities" not in output
    with pytest.raises(CommandError, match="No advisory service could be reached"):
        run("--requirements", str(write(tmp_path, "Django==5.2.19\n")), "--require-advisories")


def test_real_pip_audit_never_passes_a_file_it_did_not_audit(tmp_path):
    """The real tool, flags and all: either it audited the pin, or the output says it did not."""
    path = write(tmp_path, "sqlparse==0.6.1\n")
    result = depaudit.run_pip_audit(path, "pypi")
    assert result is None or result.audited + len(result.skipped) == 1
    try:
        output = run("--requirements", str(path))
    except CommandError as exc:  # a finding, or sqlparse has a newer patch release: both are real answers
        assert "sqlparse" in str(exc)
    else:
        audited = "1 packages audited, no known vulnerabilities" in output
        assert audited != ("NOT AUDITED" in output)
