"""Commit files to a branch with git's plumbing, never touching a working tree, index or HEAD.

People work in the repository named by CONTENT_GIT_DIR (in development it is the project's own
clone), so the site builds each commit in a private index file and moves only the branch ref, with
a compare-and-swap so two publishes at once cannot lose each other's commit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass


class GitError(Exception):
    """A git command failed; the message is what git said."""


@dataclass
class Author:
    name: str
    email: str


def _git():
    """git's full path (the site runs it with fixed arguments only; nothing comes from a request)."""
    return shutil.which("git") or "git"


def _run_raw(repo: str, args, env: dict | None = None, data: bytes | None = None):
    full_env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", **(env or {})}
    try:
        return subprocess.run(  # noqa: S603 - fixed git plumbing arguments, no shell
            [_git(), "-C", str(repo), *args], input=data, capture_output=True, env=full_env, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"git {args[0]}: {exc}") from exc


def run(repo: str, *args: str, env: dict | None = None, data: bytes | None = None) -> str:
    result = _run_raw(repo, args, env=env, data=data)
    if result.returncode != 0:
        said = (result.stderr or result.stdout).decode("utf-8", "replace").strip()
        raise GitError(f"git {args[0]} failed: {said or 'exit code ' + str(result.returncode)}")
    return result.stdout.decode("utf-8", "replace").strip()


def rev(repo: str, name: str) -> str | None:
    try:
        return run(repo, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
    except GitError:
        return None


def branch_tip(repo: str, branch: str) -> str:
    """The branch's commit, creating the branch from main (or HEAD) when it does not exist yet."""
    tip = rev(repo, f"refs/heads/{branch}")
    if tip:
        return tip
    base = rev(repo, "refs/heads/main") or rev(repo, "HEAD")
    if base is None:
        raise GitError(f"the repository {repo} has no commit to start the branch {branch} from")
    run(repo, "update-ref", f"refs/heads/{branch}", base, "")
    return base


def read_file(repo: str, commitish: str, path: str) -> bytes | None:
    """The file's bytes at that commit, or None when it has no such file."""
    out = _run_raw(repo, ["cat-file", "blob", f"{commitish}:{path}"])
    return out.stdout if out.returncode == 0 else None


def list_files(repo: str, commitish: str, folder: str) -> list[str]:
    out = run(repo, "ls-tree", "-r", "--name-only", commitish, "--", folder.rstrip("/") + "/")
    return [line for line in out.splitlines() if line]


def _checked_out(repo: str, branch: str) -> bool:
    """Moving a branch someone has checked out would make their files look changed; refuse."""
    out = run(repo, "worktree", "list", "--porcelain")
    return f"branch refs/heads/{branch}" in out.splitlines()


def commit_files(
    repo: str, branch: str, changes: dict[str, bytes | None], author: Author, message: str, attempts: int = 3
) -> str | None:
    """Commit ``changes`` (path -> new bytes, or None to delete) on ``branch``.

    Returns the new commit, or None when the branch already holds exactly these files (so a retry
    of something already committed adds nothing).
    """
    if _checked_out(repo, branch):
        raise GitError(
            f"the branch {branch} is checked out in {repo}; the site never changes a checked-out "
            "branch. Check out another branch there, then retry."
        )
    people = {
        "GIT_AUTHOR_NAME": author.name,
        "GIT_AUTHOR_EMAIL": author.email,
        "GIT_COMMITTER_NAME": author.name,
        "GIT_COMMITTER_EMAIL": author.email,
    }
    for _ in range(attempts):
        parent = branch_tip(repo, branch)
        with tempfile.TemporaryDirectory(prefix="cidp-git-") as tmp:
            env = {"GIT_INDEX_FILE": os.path.join(tmp, "index")}
            run(repo, "read-tree", parent, env=env)
            for path, data in changes.items():
                if data is None:
                    run(repo, "update-index", "--force-remove", "--", path, env=env)
                    continue
                blob = run(repo, "hash-object", "-w", "--stdin", data=data)
                run(repo, "update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", env=env)
            tree = run(repo, "write-tree", env=env)
        if tree == run(repo, "rev-parse", f"{parent}^{{tree}}"):
            return None
        commit = run(repo, "commit-tree", tree, "-p", parent, "-F", "-", env=people, data=message.encode())
        try:
            run(repo, "update-ref", f"refs/heads/{branch}", commit, parent)
        except GitError:
            continue  # someone else moved the branch meanwhile: build again on their commit
        return commit
    raise GitError(f"the branch {branch} kept moving while committing; retry")


def push(repo: str, remote: str, branch: str) -> None:
    run(repo, "push", "--quiet", remote, f"refs/heads/{branch}:refs/heads/{branch}")
