"""A temporary git repository holding the sample content, as CONTENT_GIT_DIR for one test."""

import subprocess

import pytest

from tests.users import make_user

IDENTITY = ["-c", "user.name=Dev Eloper", "-c", "user.email=dev@example.org"]


def git(repo, *args, input=None):
    result = subprocess.run(
        ["git", "-C", str(repo), *IDENTITY, *args], capture_output=True, text=True, input=input
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def repo(synced, settings):
    """content/ (already synced into the site) committed on main in a fresh repository."""
    root = synced.parent
    git(root, "init", "-q", "-b", "main")
    (root / "notes.txt").write_text("work in progress\n")
    git(root, "add", "content")
    git(root, "commit", "-q", "-m", "Content")
    settings.CONTENT_GIT_DIR = str(root)
    settings.CONTENT_GIT_BRANCH = "cms-edits"
    return root


@pytest.fixture
def nurse(db):
    return make_user("nina", "Nina", "Nurse", "Nurse editors")


@pytest.fixture
def reviewer(db):
    return make_user("rita", "Rita", "Reviewer", "Clinical reviewers")
