"""Layer 1: turn one markdown file into plain data, remembering the line each part came from.

Nothing here touches the database, so ``sync_content --check`` can run anywhere. Every problem is
collected (not raised) so an editor sees all of them in one go.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from cidp_site.pages.to_markdown import CALLOUT_FENCE_RE, IMAGE_RE, INCLUDE_RE

FRONT_MATTER_FENCE = "---"
# A question: '## text {#anchor}'. Only level 2; a '###' inside an answer is the answer's own text.
QUESTION_HEADING_RE = re.compile(r"^##\s+(?P<text>.+?)\s*(?:\{#(?P<anchor>[^}\s]*)\})?\s*$")
RAW_HTML_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>|<!--")
UNSAFE_LINK_RE = re.compile(r"\]\(\s*(javascript|data|vbscript):", re.IGNORECASE)


class _Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so a bad date is reported with its line, not a crash."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# Front matter is a few short keys and a list of references: anything bigger or deeper is a mistake
# or an attack (nested aliases expand tenfold per level; deep nesting exhausts the composer's stack).
MAX_FRONT_MATTER_BYTES = 20_000
MAX_YAML_DEPTH = 10


def unsafe_yaml(yaml_text: str, first_line: int = 1) -> tuple[int, str] | None:
    """(line, reason) if the YAML uses anchors or aliases, nests too deep or is too big; else None.

    Walks the parser's event stream, which neither expands aliases nor recurses, so the check costs
    one linear pass however hostile the text is. Broken YAML is left for the real load to report.
    """
    if len(yaml_text.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        return first_line, f"the front matter is longer than {MAX_FRONT_MATTER_BYTES:,} bytes"
    too_deep = _flow_nesting_over(yaml_text, MAX_YAML_DEPTH)
    if too_deep is not None:  # before PyYAML, whose scanner is quadratic in '[' nesting on one line
        return too_deep + first_line, f"the front matter nests deeper than {MAX_YAML_DEPTH} levels"
    depth = 0
    try:
        for event in yaml.parse(yaml_text, Loader=_Loader):
            line = event.start_mark.line + first_line
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return line, "YAML anchors and aliases ('&' and '*') are not allowed in front matter"
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    return line, f"the front matter nests deeper than {MAX_YAML_DEPTH} levels"
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None
    return None


def _flow_nesting_over(text: str, limit: int) -> int | None:
    """Line offset where '[' / '{' outside quotes nest deeper than ``limit``, in one linear pass."""
    depth, line, quote = 0, 0, ""
    for char in text:
        if char == "\n":
            line += 1
        elif quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > limit:
                return line
        elif char in "]}":
            depth = max(depth - 1, 0)
    return None


def folder_of(rel: str) -> str:
    """The folder a path under content/ stands in ('' for the top)."""
    parent = PurePosixPath(rel).parent.as_posix()
    return "" if parent == "." else parent


@dataclass
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Block:
    """One piece of a fuller answer: ``text`` (markdown), ``callout``, ``include`` or ``figure``."""

    kind: str
    line: int
    markdown: str = ""
    name: str = ""  # the warning list an ``include`` shows
    level: str = ""
    src: str = ""
    alt: str = ""
    caption: str = ""


@dataclass
class Question:
    text: str
    anchor: str
    line: int
    short_answer: str = ""
    blocks: list[Block] = field(default_factory=list)


@dataclass
class ParsedFile:
    path: Path
    rel: str  # path relative to content/, with forward slashes
    sha256: str = ""
    front: dict = field(default_factory=dict)
    key_lines: dict = field(default_factory=dict)
    body_line: int = 1
    text: str = ""  # the decoded file, kept so export_content can reuse unchanged parts verbatim
    intro: str = ""
    questions: list[Question] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.rel_for_humans, line, message))

    @property
    def rel_for_humans(self) -> str:
        return f"content/{self.rel}"

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)

    @property
    def is_index(self) -> bool:
        return self.path.name == "_index.md"

    @property
    def folder(self) -> str:
        """Folder relative to content/ ('' for the top)."""
        return folder_of(self.rel)

    @property
    def kind(self) -> str:
        if self.is_index:
            return "home" if self.folder == "" else "section"
        return "faq"

    @property
    def parent_folder(self) -> str | None:
        """Folder whose _index.md is this page's parent; None for the home page."""
        if self.kind == "home":
            return None
        if self.is_index:
            parent = str(Path(self.folder).parent)
            return "" if parent == "." else parent
        return self.folder


def parse_file(path: Path, content_root: Path, max_bytes: int) -> ParsedFile:
    rel = path.relative_to(content_root).as_posix()
    if not path.resolve().is_relative_to(content_root.resolve()):
        parsed = ParsedFile(path=path, rel=rel)
        parsed.problem(1, "this is a link to a file outside content/; copy the file in instead")
        return parsed
    try:
        raw = path.read_bytes()
    except OSError as exc:
        parsed = ParsedFile(path=path, rel=rel)
        parsed.problem(1, f"cannot read the file: {exc.strerror}")
        return parsed
    return parse_bytes(raw, path, rel, max_bytes)


def parse_bytes(raw: bytes, path: Path, rel: str, max_bytes: int) -> ParsedFile:
    """Parse file content that may not be on disk yet (export_content checks what it would write)."""
    parsed = ParsedFile(path=path, rel=rel)
    parsed.sha256 = hashlib.sha256(raw).hexdigest()
    if not raw.strip():
        parsed.problem(1, "the file is empty")
        return parsed
    if len(raw) > max_bytes:
        parsed.problem(1, f"the file is {len(raw):,} bytes; the limit is {max_bytes:,}")
        return parsed
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        parsed.problem(line, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8")
        return parsed
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    parsed.text = text
    _split_front_matter(parsed, text)
    return parsed


def _split_front_matter(parsed: ParsedFile, text: str) -> None:
    lines = text.split("\n")
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        parsed.problem(1, "the file must start with front matter between two '---' lines")
        return
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == FRONT_MATTER_FENCE)
    except StopIteration:
        parsed.problem(1, "the front matter has no closing '---' line")
        return
    yaml_text = "\n".join(lines[1:end])
    refused = unsafe_yaml(yaml_text, first_line=2)
    if refused is not None:
        parsed.problem(*refused)
        return
    try:
        node = yaml.compose(yaml_text, Loader=_Loader)
        data = yaml.load(yaml_text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark else 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        parsed.problem(line, f"broken YAML in the front matter: {reason}")
        return
    if data is None:
        data = {}
    if not isinstance(data, dict):
        parsed.problem(2, "the front matter must be a set of 'key: value' lines")
        return
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            parsed.key_lines[str(key_node.value)] = key_node.start_mark.line + 2
    parsed.front = data
    parsed.body_line = end + 2
    _parse_body(parsed, lines[end + 1 :], first_line=end + 2)


def _parse_body(parsed: ParsedFile, lines: list[str], first_line: int) -> None:
    intro: list[str] = []
    current: Question | None = None
    body: list[tuple[int, str]] = []

    def finish() -> None:
        if current is not None:
            _parse_answer(parsed, current, body)

    for offset, line in enumerate(lines):
        number = first_line + offset
        _check_line_safety(parsed, number, line)
        if line.startswith("# "):
            parsed.problem(number, "use '##' for questions; the page title comes from 'title:'")
            continue
        if line.startswith("## "):
            finish()
            match = QUESTION_HEADING_RE.match(line)
            text, anchor = match.group("text"), match.group("anchor")
            if not anchor:
                parsed.problem(
                    number,
                    f"the question '{text}' needs a permanent anchor, e.g. '{{#{_suggest(text)}}}'",
                )
            current = Question(text=text.strip(), anchor=anchor or "", line=number)
            parsed.questions.append(current)
            body = []
            continue
        if current is None:
            if INCLUDE_RE.match(line.strip()):
                parsed.problem(number, "a warning list can only be included inside a question's answer")
            intro.append(line)
        else:
            body.append((number, line))
    finish()
    parsed.intro = "\n".join(intro).strip()


def _check_line_safety(parsed: ParsedFile, number: int, line: str) -> None:
    stripped = re.sub(r"`[^`]*`", "", line)
    if RAW_HTML_RE.search(stripped):
        parsed.problem(number, "raw HTML is not allowed in content; use markdown")
    if UNSAFE_LINK_RE.search(line):
        parsed.problem(number, "links must use https:, mailto:, tel: or page:")


def _suggest(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "question"


def _parse_answer(parsed: ParsedFile, question: Question, body: list[tuple[int, str]]) -> None:
    # Skip blank lines, then the first paragraph is the short answer.
    index = 0
    while index < len(body) and not body[index][1].strip():
        index += 1
    short: list[str] = []
    while index < len(body) and body[index][1].strip():
        short.append(body[index][1].strip())
        index += 1
    if not short:
        parsed.problem(question.line, "a question must start with a short answer paragraph")
    elif re.match(r"^([-*+]\s|\d+\.\s|:::|!\[|###)", short[0]):
        parsed.problem(
            question.line + 1,
            "the first paragraph under a question must be a plain short answer, "
            "not a list, callout, picture or heading",
        )
    question.short_answer = " ".join(short)

    text: list[str] = []
    text_line = 0
    callout: Block | None = None

    def flush_text() -> None:
        nonlocal text
        chunk = "\n".join(text).strip()
        if chunk:
            question.blocks.append(Block(kind="text", line=text_line, markdown=chunk))
        text = []

    for number, line in body[index:]:
        if callout is not None:
            if INCLUDE_RE.match(line.strip()):
                parsed.problem(number, "close the callout with ':::' before including a warning list")
            fence = CALLOUT_FENCE_RE.match(line.strip())
            if fence and not fence.group("level"):
                callout.markdown = callout.markdown.strip()
                if not callout.markdown:
                    parsed.problem(callout.line, "this callout is empty")
                question.blocks.append(callout)
                callout = None
            else:
                callout.markdown += line + "\n"
            continue
        opening = CALLOUT_FENCE_RE.match(line.strip())
        figure = IMAGE_RE.fullmatch(line.strip())
        include = INCLUDE_RE.match(line.strip())
        if include:
            flush_text()
            question.blocks.append(Block(kind="include", line=number, name=include.group("name")))
        elif opening and opening.group("level"):
            flush_text()
            callout = Block(kind="callout", line=number, level=opening.group("level"))
        elif figure:
            flush_text()
            question.blocks.append(
                Block(
                    kind="figure",
                    line=number,
                    src=figure.group("src"),
                    alt=figure.group("alt").strip(),
                    caption=(figure.group("caption") or "").strip(),
                )
            )
        else:
            if not text and line.strip():
                text_line = number
            if text or line.strip():
                text.append(line)
    if callout is not None:
        parsed.problem(callout.line, "this callout has no closing ':::' line")
    flush_text()
