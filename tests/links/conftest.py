"""Sample content with short codes assigned, synced into a fresh site (on-commit hooks run)."""

import io

import pytest
from django.core.management import call_command


@pytest.fixture
def sync(django_capture_on_commit_callbacks):
    """Run sync_content like production does: Wagtail's redirects are made in on-commit hooks."""

    def run(*args):
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("sync_content", *args, stdout=out, stderr=io.StringIO())
        return out.getvalue()

    return run


@pytest.fixture
def linked(db, content_dir, sync):
    call_command("assign_short_codes", stdout=io.StringIO())
    sync()
    return content_dir
