"""content/sources.yaml: the one bibliography every page cites from (parse and validate).

Each entry must let a reader find the source themselves: who (authors or organisation), what
(title), when (year, or the date a living web page was read) and where (an https address and/or a
DOI). Problems are reported as ``content/sources.yaml:line: message`` like every other check.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from cidp_site.core.slugs import SLUG_RE

from .parse import Problem, _Loader

FILE_NAME = "sources.yaml"
REL = f"content/{FILE_NAME}"
DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
KEYS = ("id", "authors", "organisation", "title", "publication", "year", "accessed", "doi", "url")
TEXT_KEYS = ("authors", "organisation", "title", "publication", "doi", "url")


@dataclass
class SourceEntry:
    source_id: str
    line: int
    values: dict = field(default_factory=dict)  # the model's field values


@dataclass
class Bibliography:
    entries: dict[str, SourceEntry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    sha256: str = ""

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(REL, line, message))


def load_sources(content_root: Path) -> Bibliography:
    import hashlib

    bib = Bibliography()
    path = Path(content_root) / FILE_NAME
    if not path.is_file():
        return bib  # no bibliography yet: every citation will be reported as unknown
    raw = path.read_bytes()
    bib.sha256 = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8")
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except UnicodeDecodeError:
        bib.problem(1, "not valid UTF-8; save it as UTF-8")
        return bib
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        bib.problem(mark.line + 1 if mark else 1, f"broken YAML: {getattr(exc, 'problem', None) or exc}")
        return bib
    if data is None:
        return bib
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        bib.problem(1, "the bibliography must be a list of entries, each starting with '- id: ...'")
        return bib
    for item, item_node in zip(data, node.value, strict=True):
        _entry(bib, item, item_node)
    return bib


def _entry(bib: Bibliography, item, node) -> None:
    line = node.start_mark.line + 1
    if not isinstance(item, dict):
        bib.problem(line, "each entry must be a set of 'key: value' lines starting with 'id:'")
        return
    lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    at = lines.get
    for key in item:
        if key not in KEYS:
            bib.problem(at(key, line), f"unknown key '{key}' (allowed: {', '.join(KEYS)})")
    for key in TEXT_KEYS:
        if key in item and not isinstance(item[key], str | int | float):
            bib.problem(at(key, line), f"'{key}' must be text")
    cid = item.get("id")
    if not isinstance(cid, str) or not SLUG_RE.match(cid):
        bib.problem(at("id", line), f"'id' must be lowercase letters, digits and single hyphens, not {cid!r}")
        return
    if cid in bib.entries:
        bib.problem(at("id", line), f"id '{cid}' is already used on line {bib.entries[cid].line}")
        return
    values = {key: str(item.get(key) or "").strip() for key in TEXT_KEYS}
    if not values["title"]:
        bib.problem(line, f"source '{cid}' needs a 'title'")
    if bool(values["authors"]) == bool(values["organisation"]):
        bib.problem(line, f"source '{cid}' needs 'authors' or 'organisation' (one of the two)")
    year = item.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool) or not 1800 < year < 2200):
        bib.problem(at("year", line), "'year' must be a year like 2021")
        year = None
    accessed = item.get("accessed")
    if accessed is not None:
        try:
            accessed = datetime.date.fromisoformat(str(accessed))
        except ValueError:
            bib.problem(at("accessed", line), "'accessed' must be a date like 2026-12-02")
            accessed = None
    if year is None and accessed is None and "year" not in item:
        bib.problem(line, f"source '{cid}' needs a 'year' (or, for a web page that changes, 'accessed')")
    if values["url"] and not values["url"].startswith("https://"):
        bib.problem(at("url", line), f"'url' must be an https:// address, not '{values['url']}'")
    if values["doi"] and not DOI_RE.match(values["doi"]):
        bib.problem(at("doi", line), f"'doi' must look like 10.1111/ene.14959, not '{values['doi']}'")
    if not values["url"] and not values["doi"]:
        bib.problem(line, f"source '{cid}' needs an https 'url' or a 'doi', so a reader can find it")
    values.update(year=year, accessed=accessed)
    bib.entries[cid] = SourceEntry(cid, at("id", line), values)
