"""content/glossary.yaml <-> search synonyms: the glossary's "also called" words and nurses' groups.

The glossary page (content/help/glossary.md) holds each term's name and plain definition; this file
holds, by the term's anchor, the other words people use for it, plus other synonym groups. Both
become SynonymGroup rows, which search reads. ``sync_content`` makes the rows match the file;
``export_content`` writes the rows (including groups nurses added in the admin) back to the file.
Kept apart from the page layers so the page format can change without touching this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from cidp_site.search import cache as search_cache
from cidp_site.search.models import SynonymGroup

from .parse import ParsedFile, Problem

FILE_NAME = "glossary.yaml"
GLOSSARY_ID = "glossary"
HEADER = """\
# Other words people use for medical words, and groups of words that mean the same thing.
# The format is described in content/README.md ("The glossary's other words and search synonyms").
#
# terms: for each term on the glossary page (content/help/glossary.md), by its anchor, the other
#   words people use for it: lay words, UK and US spellings, brand names, common misspellings.
#   The term's own name comes from its heading there. Search treats them all as one word.
# synonyms: other groups of words or phrases a search treats as the same (nurses add them in the
#   admin under Snippets > Search synonyms; export_content writes them back here).
"""


@dataclass(frozen=True)
class Group:
    terms: tuple[str, ...]
    note: str = ""
    anchor: str = ""


@dataclass
class Glossary:
    also_called: dict[str, list[str]] = field(default_factory=dict)  # anchor -> other words
    synonyms: list[Group] = field(default_factory=list)


def term_names(heading: str) -> list[str]:
    """'Axon (nerve fibre)' -> ['Axon', 'nerve fibre']: each name a reader may type."""
    head, _, rest = heading.partition("(")
    names = [" ".join(head.split()), " ".join(rest.rstrip(")").split())]
    return [n for n in names if n]


def _clean(term: str) -> str:
    return " ".join(term.replace(",", " ").split())


def _strings(node, rel, problems, what) -> list[str] | None:
    if not isinstance(node, yaml.SequenceNode) or not all(
        isinstance(n, yaml.ScalarNode) and n.value.strip() for n in node.value
    ):
        problems.append(Problem(rel, node.start_mark.line + 1, f"{what} must be a list of words or phrases"))
        return None
    return [_clean(n.value) for n in node.value]


def read(root: Path, pages: list[ParsedFile]) -> tuple[Glossary | None, list[Problem]]:
    """Parse and check the file against the glossary page's anchors. Without a file, None: the
    synonyms in the database are then left as they are."""
    path = root / FILE_NAME
    rel = FILE_NAME
    if not path.exists():
        return None, []
    problems: list[Problem] = []
    try:
        doc = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        return Glossary(), [Problem(rel, line, f"not valid YAML: {getattr(exc, 'problem', exc)}")]
    glossary = Glossary()
    if doc is None:
        return glossary, []
    if not isinstance(doc, yaml.MappingNode):
        return glossary, [Problem(rel, 1, "must be a mapping with 'terms' and 'synonyms'")]
    page = next((p for p in pages if p.front.get("id") == GLOSSARY_ID), None)
    anchors = {q.anchor for q in page.questions} if page else set()
    for key, value in doc.value:
        line = key.start_mark.line + 1
        if key.value == "terms":
            if not isinstance(value, yaml.MappingNode):
                problems.append(Problem(rel, line, "'terms' must map glossary anchors to lists of words"))
                continue
            for anchor, words in value.value:
                where = anchor.start_mark.line + 1
                if anchor.value not in anchors:
                    problems.append(
                        Problem(rel, where, f"'{anchor.value}' is not a term (anchor) on the glossary page")
                    )
                elif anchor.value in glossary.also_called:
                    problems.append(Problem(rel, where, f"'{anchor.value}' is listed twice"))
                elif (found := _strings(words, rel, problems, f"'{anchor.value}'")) is not None:
                    glossary.also_called[anchor.value] = found
        elif key.value == "synonyms":
            if not isinstance(value, yaml.SequenceNode):
                problems.append(Problem(rel, line, "'synonyms' must be a list of groups"))
                continue
            for item in value.value:
                where = item.start_mark.line + 1
                is_map = isinstance(item, yaml.MappingNode)
                fields = {k.value: v for k, v in item.value} if is_map else {}
                unknown = set(fields) - {"terms", "note"}
                if "terms" not in fields or unknown:
                    problems.append(Problem(rel, where, "each group needs 'terms' (and may have a 'note')"))
                    continue
                terms = _strings(fields["terms"], rel, problems, "'terms'")
                note = fields.get("note")
                if terms is not None and len(terms) < 2:
                    problems.append(Problem(rel, where, "a group needs at least two words or phrases"))
                elif terms is not None:
                    note_text = note.value if isinstance(note, yaml.ScalarNode) else ""
                    glossary.synonyms.append(Group(tuple(terms), note_text.strip()))
        else:
            problems.append(Problem(rel, line, f"unknown key '{key.value}' (expected 'terms' or 'synonyms')"))
    return glossary, problems


def wanted_groups(glossary: Glossary, headings: dict[str, str]) -> list[Group]:
    """The SynonymGroup rows the file asks for: one per term (its names first), then the rest."""
    groups = []
    for anchor, words in glossary.also_called.items():
        names = term_names(headings.get(anchor, ""))
        seen = {n.lower() for n in names}
        terms = names + [w for w in words if w.lower() not in seen and not seen.add(w.lower())]
        groups.append(Group(tuple(terms), "", anchor))
    return groups + glossary.synonyms


def _rows() -> list[Group]:
    return [
        Group(tuple(g.term_list()), g.note, g.glossary_anchor) for g in SynonymGroup.objects.order_by("pk")
    ]


def apply(glossary: Glossary, headings: dict[str, str]) -> bool:
    """Make the synonym rows match the file. Returns whether anything changed."""
    wanted = wanted_groups(glossary, headings)
    if sorted(map(repr, wanted)) == sorted(map(repr, _rows())):
        return False
    with transaction.atomic():
        SynonymGroup.objects.all().delete()
        SynonymGroup.objects.bulk_create(
            SynonymGroup(terms=", ".join(g.terms), note=g.note, glossary_anchor=g.anchor) for g in wanted
        )
        search_cache.bump()  # bulk_create sends no signal
    return True


YAML_WORDS = {"yes", "no", "on", "off", "null", "true", "false", "y", "n"}


def _flow(items) -> str:
    def one(s: str) -> str:
        plain = re.fullmatch(r"[\w][\w '.-]*", s) and s.lower() not in YAML_WORDS
        return s if plain and not s[0].isdigit() else yaml.safe_dump(s, default_style='"').strip()

    return "[" + ", ".join(one(s) for s in items) + "]"


def render(headings: dict[str, str]) -> str:
    """The file as the rows say it should be (term groups by anchor, then the other groups)."""
    lines = [HEADER.rstrip("\n"), "terms:"]
    others = []
    for group in SynonymGroup.objects.order_by("pk"):
        terms = group.term_list()
        if group.glossary_anchor:
            names = {n.lower() for n in term_names(headings.get(group.glossary_anchor, ""))}
            lines.append(f"  {group.glossary_anchor}: {_flow([t for t in terms if t.lower() not in names])}")
        else:
            others.append(group)
    lines.append("synonyms:")
    for group in others:
        lines.append(f"  - terms: {_flow(group.term_list())}")
        if group.note:
            lines.append(f"    note: {_flow([group.note])[1:-1]}")
    return "\n".join(lines) + "\n"


def live_headings() -> dict[str, str]:
    from cidp_site.pages.models import FAQPage

    page = FAQPage.objects.live().filter(content_id=GLOSSARY_ID).first()
    if page is None:
        return {}
    return {b.value["anchor"]: b.value["question"] for b in page.questions if b.block_type == "question"}


def export(root: Path | None = None, write: bool = True) -> bool:
    """Rewrite content/glossary.yaml from the rows. Returns whether the file differs (or did)."""
    path = Path(root or settings.CONTENT_DIR) / FILE_NAME
    if not path.exists():
        return False  # a content folder without the file keeps its synonyms in the CMS only
    text = render(live_headings())
    if path.read_text(encoding="utf-8") == text:
        return False
    if write:
        path.write_text(text, encoding="utf-8")
    return True
