import io
import shutil

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError


def run(command, *args):
    """(exit code, stdout, stderr and any CommandError) of a management command."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=err)
    except CommandError as exc:
        return 1, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def site(db, tmp_path, settings):
    """A writable copy of the real content/, synced."""
    target = tmp_path / "content"
    shutil.copytree(django_settings.BASE_DIR / "content", target)
    settings.CONTENT_DIR = target
    assert run("sync_content")[0] == 0
    return target
