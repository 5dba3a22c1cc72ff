"""The site's own content (with its diagnosis codes and short links) synced into a fresh site."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command


@pytest.fixture
def site_content(db, tmp_path, settings):
    target = tmp_path / "content"
    shutil.copytree(Path(settings.BASE_DIR) / "content", target)
    settings.CONTENT_DIR = target
    call_command("sync_content", stdout=io.StringIO(), stderr=io.StringIO())
    return target
