"""Production settings: refuse to start without secrets, pick engines from the environment, deploy-clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASE_ENV = {
    "SECRET_KEY": "x" * 60 + "production-test-key-not-used-anywhere",
    "ALLOWED_HOSTS": "cidp.example.org",
    "DJANGO_SETTINGS_MODULE": "cidp_site.settings.production",
}


# What a production process must not inherit from the test run's own environment.
NOT_INHERITED = ("DATABASE_URL", "REDIS_URL", "SEARCH_URL", "PUBLIC_BASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")


def run_python(code, **env):
    full = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    full.update(BASE_ENV)
    full.update(env)
    full = {k: v for k, v in full.items() if v is not None}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=full, capture_output=True, text=True, timeout=120
    )


SHOW = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DATABASES['default']['ENGINE']); print(s.CACHES['default']['BACKEND']); "
    "print(s.WAGTAILSEARCH_BACKENDS['default']['BACKEND']); print(s.STORAGES['default']['BACKEND'])"
)


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_refuses_to_start_without_secret_or_hosts(missing):
    result = run_python(SHOW, **{missing: None})
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_defaults_without_services():
    lines = run_python(SHOW).stdout.split()
    assert lines == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
        "wagtail.search.backends.database",
        "django.core.files.storage.FileSystemStorage",
    ]


def test_selects_each_engine_from_the_environment():
    result = run_python(
        SHOW,
        DATABASE_URL="postgres://u@db.internal:5432/cidp",
        REDIS_URL="redis://cache.internal:6379/0",
        SEARCH_URL="http://search.internal:9200",
        SEARCH_BACKEND="wagtail.search.backends.elasticsearch8",
        AWS_STORAGE_BUCKET_NAME="cidp-media",
    )
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "cidp_site.core.cache_backend.ResilientRedisCache",
        "wagtail.search.backends.elasticsearch8",
        "storages.backends.s3.S3Storage",
    ], result.stderr


def test_dropped_database_connections_are_replaced_and_proxies_trusted_only_when_configured():
    show = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['CONN_HEALTH_CHECKS'], s.TRUSTED_PROXY_COUNT)"
    )
    assert run_python(show, DATABASE_URL="postgres://u@db.internal:5432/cidp").stdout.split() == ["True", "0"]
    assert run_python(show, TRUSTED_PROXY_COUNT="1").stdout.split() == ["True", "1"]


SHOW_PUBLIC = "import django; django.setup(); from django.conf import settings as s; print(s.PUBLIC_BASE_URL)"


@pytest.mark.parametrize(
    "hosts, public, expected",
    [
        ("cidp.example.org,www.example.org", None, "https://cidp.example.org"),
        (".example.org", None, "https://example.org"),
        ("cidp.example.org", "https://patients.example.org/", "https://patients.example.org"),
        ("cidp.example.org", "http://clinic.example.org:8080", "http://clinic.example.org:8080"),
    ],
)
def test_the_printed_address_is_the_public_host(hosts, public, expected):
    result = run_python(SHOW_PUBLIC, ALLOWED_HOSTS=hosts, PUBLIC_BASE_URL=public)
    assert result.stdout.strip() == expected, result.stderr


@pytest.mark.parametrize(
    "public",
    ["cidp.example.org", "https://.example.org", "https://x:abc", "ftp://x.org", "https://x.org/cidp"],
)
def test_a_malformed_printed_address_refuses_to_start(public):
    result = run_python(SHOW_PUBLIC, PUBLIC_BASE_URL=public)
    assert result.returncode != 0
    assert "PUBLIC_BASE_URL must be an address like https://cidp.example.org" in result.stderr


def test_check_deploy_is_clean(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k not in NOT_INHERITED}, **BASE_ENV},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
