import shutil

import pytest
from django.conf import settings as django_settings

from tests.commands import run


@pytest.fixture
def site(db, tmp_path, settings):
    """A writable copy of the real content/, synced."""
    target = tmp_path / "content"
    shutil.copytree(django_settings.BASE_DIR / "content", target)
    settings.CONTENT_DIR = target
    assert run("sync_content")[0] == 0
    return target
