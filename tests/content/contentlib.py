"""A tiny, Django-free loader for the markdown pages in ``content/``.

The content tests use it to read every page the way a reader meets it: the front matter as data and
the body as plain text (markdown syntax removed). It deliberately knows nothing about Wagtail, so the
tests run in a bare checkout.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter

from cidp_site.content_sync.validate import ALL_KEYS

# The reading-level measure's own markdown patterns, so the tests parse exactly what it grades.
from cidp_site.pages.readability import (  # noqa: F401 - re-exported for the content tests
    ANCHOR_RE,
    CALLOUT_FENCE_RE,
    IMAGE_RE,
    LINK_RE,
    LIST_MARKER_RE,
    markdown_text,
    warning_list_markdown,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
CONTENT_DIR = REPO_ROOT / "content"
IMAGES_DIR = REPO_ROOT / "static" / "content-images"

# The source text lives beside the repository (never inside it): <parent>/shared/seeds/... Tests never
# read it; they use its fingerprint, written by scripts/source_shingles.py.
SEED_NAME = "000_6f4945c387e6e1f9.txt"
SHINGLES_PATH = Path(__file__).with_name("source_shingles.txt")
COPY_RUN = 8  # words in a row that may not match the source text

# The importer's own list, so the two can never disagree.
ALLOWED_KEYS = frozenset(ALL_KEYS)
FAQ_REQUIRED_KEYS = ("id", "title", "summary")
WARNINGS_DIR = CONTENT_DIR / "warnings"

PAGE_LINK_RE = re.compile(r"\]\(page:([^)#\s]+)(?:#[^)\s]*)?\)")
CALLOUT_LEVELS = ("tell-nurse", "call-today", "emergency")


@dataclass
class Page:
    path: Path
    meta: dict
    body: str
    raw: str = field(repr=False)

    @property
    def rel(self) -> str:
        return self.path.relative_to(REPO_ROOT).as_posix()

    @property
    def id(self) -> str:
        return str(self.meta.get("id", ""))

    @property
    def is_index(self) -> bool:
        return self.path.name == "_index.md"

    @property
    def summary(self) -> str:
        return " ".join(str(self.meta.get("summary") or "").split())

    @property
    def body_text(self) -> str:
        """The body as read, with each included warning list's text where it is included."""
        return markdown_to_text(self.body)

    @property
    def text(self) -> str:
        """Everything a reader sees: title, summary and body as plain text."""
        return " ".join(
            part for part in (str(self.meta.get("title", "")), self.summary, self.body_text) if part
        )


def warning_lists() -> dict[str, str]:
    """Each shared warning list (content/warnings/<id>.md) as a reader meets it: title, then list."""
    found = {}
    for path in sorted(WARNINGS_DIR.glob("*.md")) if WARNINGS_DIR.is_dir() else ():
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
        found[path.stem] = warning_list_markdown(str(post.metadata.get("title", "")), post.content)
    return found


def markdown_to_text(body: str) -> str:
    return markdown_text(body, _lists())


_LISTS: dict[str, str] | None = None


def _lists() -> dict[str, str]:
    global _LISTS  # noqa: PLW0603 - read once per test run
    if _LISTS is None:
        _LISTS = warning_lists()
    return _LISTS


def load_pages() -> list[Page]:
    pages = []
    for path in sorted(CONTENT_DIR.rglob("*.md")):
        if path.name.lower() == "readme.md" or path.parent == WARNINGS_DIR:
            continue  # the format spec and the shared warning lists are not pages
        raw = path.read_text(encoding="utf-8")
        post = frontmatter.loads(raw)
        pages.append(Page(path=path, meta=dict(post.metadata), body=post.content, raw=raw))
    return pages


def pages_by_id() -> dict[str, Page]:
    return {page.id: page for page in load_pages()}


def sections(body: str) -> list[tuple[str, str | None, list[str]]]:
    """Split a body into (heading text, anchor or None, lines) for each ``##`` heading."""
    out: list[tuple[str, str | None, list[str]]] = []
    for line in body.splitlines():
        match = re.match(r"^##\s+(.*?)\s*$", line)
        if match and not line.startswith("###"):
            anchor = ANCHOR_RE.search(match.group(1))
            out.append((ANCHOR_RE.sub("", match.group(1)), anchor.group(1) if anchor else None, []))
        elif out:
            out[-1][2].append(line)
    return out


def short_answer(lines: list[str]) -> str:
    """The first paragraph after a heading (raw markdown)."""
    para: list[str] = []
    for line in lines:
        if not line.strip():
            if para:
                break
            continue
        para.append(line.strip())
    return " ".join(para)


def shingle(run: tuple[str, ...]) -> str:
    """One-way fingerprint of a run of words (64 bits of SHA-256: collisions are not a concern)."""
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:16]


def runs(tokens: list[str], n: int = COPY_RUN) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def shingle_file_text(tokens: list[str]) -> str:
    lines = sorted({shingle(run) for run in runs(tokens)})
    header = (
        f"# SHA-256 (first 16 hex digits) of every run of {COPY_RUN} words of the source text {SEED_NAME},\n"
        "# sorted. Written by scripts/source_shingles.py; the text itself is never committed.\n"
    )
    return header + "\n".join(lines) + "\n"


def source_shingles() -> frozenset[str]:
    lines = SHINGLES_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def copied_runs(tokens: list[str], fingerprints: frozenset[str]) -> list[str]:
    """The runs of words in ``tokens`` whose fingerprint is the source's, as text."""
    return sorted(" ".join(run) for run in runs(tokens) if shingle(run) in fingerprints)


def words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("‘", "'")
    return re.findall(r"[a-z0-9]+", text)
