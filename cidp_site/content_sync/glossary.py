"""content/glossary.yaml <-> search synonyms: the glossary's words and nurses' synonym groups.

Each glossary term is a question of the glossary page (glossary_page.py): its name, plain
definition and shown "Also called" words. This file adds, by the term's anchor, the words search
should also know but patients do not need to read (misspellings, brand names, plurals), plus other
synonym groups. Both become SynonymGroup rows, which search reads: ``sync_content`` makes the rows
match the files; ``export_content`` writes the rows (including groups nurses added in the admin)
back to this file, after proving the new file reads back to the same groups.
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

from .glossary_page import GLOSSARY_ID, UNSAFE_RE, Owner, Term, clean, conflicts, key, page_terms
from .parse import ParsedFile, Problem, parse_bytes

__all__ = ["FILE_NAME", "GLOSSARY_ID", "apply", "export", "prepare", "read", "write_file"]

FILE_NAME = "glossary.yaml"
HEADER = """\
# Words search should know for the glossary's terms, and groups of words that mean the same thing.
# The format is described in content/README.md ("The glossary: terms, other words and synonyms").
#
# terms: for each term on the glossary page (content/help/glossary.md), by its anchor, words a
#   search should also take for it but the page does not show: misspellings, brand names, plurals,
#   related lay words. The term's name, definition and shown "Also called:" words are on that page.
# synonyms: other groups of words or phrases a search treats as the same (nurses add them in the
#   admin under Snippets > Search synonyms; export_content writes them back here).
# A word may belong to one term or group only.
"""


@dataclass(frozen=True)
class Group:
    terms: tuple[str, ...]
    note: str = ""
    anchor: str = ""


@dataclass
class Glossary:
    search_words: dict[str, list[str]] = field(default_factory=dict)  # anchor -> words not shown
    synonyms: list[Group] = field(default_factory=list)
    terms: dict[str, Term] = field(default_factory=dict)  # the glossary page's terms, by anchor


def _strings(node, rel, problems, what) -> list[tuple[str, int]] | None:
    if (
        not isinstance(node, yaml.SequenceNode)
        or not node.value
        or not all(isinstance(n, yaml.ScalarNode) and n.value.strip() for n in node.value)
    ):
        problems.append(Problem(rel, node.start_mark.line + 1, f"{what} must be a list of words or phrases"))
        return None
    found = []
    for item in node.value:
        word, line = clean(item.value.replace(",", " ")), item.start_mark.line + 1
        if UNSAFE_RE.search(word):
            problems.append(Problem(rel, line, f"{what}: '{word}' holds HTML or control characters"))
        elif not key(word):
            problems.append(Problem(rel, line, f"{what}: '{word}' has no letters or digits"))
        else:
            found.append((word, line))
    return found


def find_page(pages) -> ParsedFile | None:
    return next((p for p in pages if p.front.get("id") == GLOSSARY_ID), None)


def read(root: Path, pages: list[ParsedFile]) -> tuple[Glossary | None, list[Problem]]:
    """Parse and check the file against the glossary page. Without a file, None: the synonyms in the
    database are then left as they are."""
    path = Path(root) / FILE_NAME
    if not path.exists():
        return None, []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return Glossary(), [Problem(FILE_NAME, 1, "not UTF-8 text")]
    return parse_text(text, find_page(pages))


def parse_text(text: str, page: ParsedFile | None, rel: str = FILE_NAME) -> tuple[Glossary, list[Problem]]:
    terms, problems = page_terms(page)
    glossary = Glossary(terms=terms)
    try:
        doc = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        return glossary, problems + [Problem(rel, line, f"not valid YAML: {getattr(exc, 'problem', exc)}")]
    if doc is None:
        return glossary, problems
    if not isinstance(doc, yaml.MappingNode):
        return glossary, problems + [Problem(rel, 1, "must be a mapping with 'terms' and 'synonyms'")]
    lines: dict[str, list[tuple[str, int]]] = {}
    groups: list[tuple[Group, list[tuple[str, int]]]] = []
    for name, value in doc.value:
        line = name.start_mark.line + 1
        if not isinstance(name, yaml.ScalarNode):
            problems.append(Problem(rel, line, "expected 'terms' and 'synonyms' as keys"))
        elif name.value == "terms":
            if not isinstance(value, yaml.MappingNode):
                problems.append(Problem(rel, line, "'terms' must map glossary anchors to lists of words"))
                continue
            for anchor, node in value.value:
                where = anchor.start_mark.line + 1
                if not isinstance(anchor, yaml.ScalarNode):
                    problems.append(Problem(rel, where, "a key under 'terms' must be an anchor"))
                elif anchor.value not in terms:
                    problems.append(
                        Problem(rel, where, f"'{anchor.value}' is not a term (anchor) on the glossary page")
                    )
                elif anchor.value in lines:
                    problems.append(Problem(rel, where, f"'{anchor.value}' is listed twice"))
                elif (found := _strings(node, rel, problems, f"'{anchor.value}'")) is not None:
                    lines[anchor.value] = found
        elif name.value == "synonyms":
            if not isinstance(value, yaml.SequenceNode):
                problems.append(Problem(rel, line, "'synonyms' must be a list of groups"))
                continue
            for item in value.value:
                group = _group(item, rel, problems)
                if group is not None:
                    groups.append(group)
        else:
            problems.append(
                Problem(rel, line, f"unknown key '{name.value}' (expected 'terms' or 'synonyms')")
            )
    problems += _redundant(terms, lines, rel)
    problems += conflicts(_entries(terms, page, lines, groups, rel))
    glossary.search_words = {anchor: [w for w, _ in found] for anchor, found in lines.items()}
    glossary.synonyms = [group for group, _ in groups]
    return glossary, problems


def _group(item, rel, problems) -> tuple[Group, list[tuple[str, int]]] | None:
    where = item.start_mark.line + 1
    fields = {k.value: v for k, v in item.value} if isinstance(item, yaml.MappingNode) else {}
    if "terms" not in fields or set(fields) - {"terms", "note"}:
        problems.append(Problem(rel, where, "each group needs 'terms' (and may have a 'note')"))
        return None
    found = _strings(fields["terms"], rel, problems, "'terms'")
    note = fields.get("note")
    note_text = note.value.strip() if isinstance(note, yaml.ScalarNode) else ""
    if UNSAFE_RE.search(note_text):
        problems.append(Problem(rel, note.start_mark.line + 1, "a note must be plain text, not HTML"))
    if found is not None and len(found) < 2:
        problems.append(Problem(rel, where, "a group needs at least two words or phrases"))
    elif found is not None:
        return Group(tuple(w for w, _ in found), note_text), found
    return None


def _redundant(terms: dict[str, Term], lines, rel) -> list[Problem]:
    """A search word the page already gives the term would be dropped by the export: say so now."""
    problems = []
    for anchor, found in lines.items():
        shown = {key(w) for w in terms[anchor].names + terms[anchor].also_called}
        for word, line in found:
            if key(word) in shown:
                problems.append(
                    Problem(
                        rel,
                        line,
                        f"'{word}' is already the name or an 'Also called' word of "
                        f"#{anchor} on the glossary page: remove it here",
                    )  # fmt: skip
                )
    return problems


def _entries(terms, page, lines, groups, rel):
    page_rel = page.rel_for_humans if page is not None else ""
    for anchor, term in terms.items():
        for name in term.names:
            yield anchor, Owner(f"the term #{anchor}", page_rel, term.line), name
        for word in term.also_called:
            yield anchor, Owner(f"the term #{anchor}", page_rel, term.also_line), word
    for anchor, found in lines.items():
        for word, line in found:
            yield anchor, Owner(f"the term #{anchor}", rel, line), word
    for n, (_, found) in enumerate(groups):
        for word, line in found:
            yield n, Owner(f"the synonym group on line {found[0][1]}", rel, line), word


def wanted_groups(glossary: Glossary) -> list[Group]:
    """The SynonymGroup rows the files ask for: one per term with other words (its names first,
    then its shown words, then its search words), then the other groups."""
    groups = []
    anchors = list(glossary.search_words) + [
        a for a, t in glossary.terms.items() if t.also_called and a not in glossary.search_words
    ]
    for anchor in anchors:
        term = glossary.terms[anchor]
        seen: set[str] = set()
        words = term.names + term.also_called + glossary.search_words.get(anchor, [])
        terms = [w for w in words if w.lower() not in seen and not seen.add(w.lower())]
        groups.append(Group(tuple(terms), "", anchor))
    return groups + glossary.synonyms


def _rows() -> list[Group]:
    return [
        Group(tuple(g.term_list()), g.note, g.glossary_anchor) for g in SynonymGroup.objects.order_by("pk")
    ]


def apply(glossary: Glossary) -> bool:
    """Make the synonym rows match the files. Returns whether anything changed."""
    wanted = wanted_groups(glossary)
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


def render(shown: dict[str, set[tuple]]) -> tuple[str, Glossary]:
    """The file as the rows say it should be, and what it should read back as. ``shown``: per
    anchor, the words the glossary page gives the term (its names and 'Also called' words)."""
    lines = [HEADER.rstrip("\n"), "terms:"]
    intended = Glossary()
    others = []
    for group in SynonymGroup.objects.order_by("pk"):
        if not group.glossary_anchor:
            others.append(group)
            continue
        page_words = shown.get(group.glossary_anchor, set())
        found = [t for t in group.term_list() if key(t) not in page_words]
        if found:
            intended.search_words[group.glossary_anchor] = found
            lines.append(f"  {group.glossary_anchor}: {_flow(found)}")
    lines.append("synonyms:")
    for group in others:
        intended.synonyms.append(Group(tuple(group.term_list()), " ".join(group.note.split())))
        lines.append(f"  - terms: {_flow(group.term_list())}")
        if group.note:
            lines.append(f"    note: {_flow([' '.join(group.note.split())])[1:-1]}")
    return "\n".join(lines) + "\n", intended


def _words_by_anchor(terms: dict[str, Term], into: dict[str, set[tuple]]) -> None:
    for anchor, term in terms.items():
        into.setdefault(anchor, set()).update(key(w) for w in term.names + term.also_called)


def _page_file(root: Path, text: str | None = None) -> ParsedFile | None:
    from .models import ContentSyncState

    state = ContentSyncState.objects.filter(content_id=GLOSSARY_ID, retired=False).first()
    if state is None or not (root / state.source_path).exists() and text is None:
        return None
    raw = text.encode("utf-8") if text is not None else (root / state.source_path).read_bytes()
    return parse_bytes(raw, root / state.source_path, state.source_path, settings.CONTENT_MAX_FILE_BYTES)


def prepare(root: Path | None = None, page_text: str | None = None) -> str | None:
    """The new content/glossary.yaml if it would differ, proven to read back to the same groups
    against the glossary page as it will be (``page_text`` when the export rewrites it).

    A row's word that the glossary page shows (now in the CMS, or in the file before this export,
    so a word a nurse took off the page is not kept as a hidden one) is not written here.
    """
    from .apply import SyncError
    from .glossary_page import live_page, live_terms

    root = Path(root or settings.CONTENT_DIR)
    path = root / FILE_NAME
    if not path.exists():
        return None  # a content folder without the file keeps its synonyms in the CMS only
    shown: dict[str, set[tuple]] = {}
    _words_by_anchor(live_terms(live_page()), shown)
    old_page = _page_file(root)
    _words_by_anchor(page_terms(old_page)[0], shown)
    text, intended = render(shown)
    if path.read_text(encoding="utf-8") == text:
        return None
    new_page = _page_file(root, page_text) if page_text is not None else old_page
    back, problems = parse_text(text, new_page)
    if problems:
        note = " (in the glossary.yaml export_content would write from the admin's synonyms)"
        raise SyncError([Problem(p.path, p.line, p.message + note) for p in problems])
    if (back.search_words, back.synonyms) != (intended.search_words, intended.synonyms):
        raise SyncError(
            [Problem(FILE_NAME, 1, "the exported file would not read back the same; nothing written")]
        )
    return text


def export(root: Path | None = None, write: bool = True, page_text: str | None = None) -> bool:
    """Rewrite content/glossary.yaml from the rows. Returns whether the file differs (or did)."""
    text = prepare(root, page_text)
    if text is not None and write:
        write_file(root, text)
    return text is not None


def write_file(root: Path | None, text: str) -> None:
    path = Path(root or settings.CONTENT_DIR) / FILE_NAME
    tmp = path.with_name(f".{path.name}.export-tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def on_published(sender, instance, **kwargs) -> None:
    """The glossary page published in the CMS (after Clinical review): its names and "Also called"
    words reach search at once, not at the next sync. A word the page no longer shows leaves its
    group; the search-only words a nurse keeps in Search synonyms stay."""
    from .glossary_page import live_terms

    if getattr(instance, "content_id", None) != GLOSSARY_ID:
        return
    terms = live_terms(instance)
    shown: dict[str, set[tuple]] = {}
    _words_by_anchor(terms, shown)
    try:
        _words_by_anchor(page_terms(_page_file(Path(settings.CONTENT_DIR)))[0], shown)
    except OSError:
        pass  # no content folder here: words the page dropped stay until the next sync
    rows = {g.glossary_anchor: g for g in SynonymGroup.objects.exclude(glossary_anchor="")}
    for anchor, term in terms.items():
        row = rows.get(anchor)
        hidden = [w for w in row.term_list() if key(w) not in shown[anchor]] if row else []
        if row is None and not term.also_called:
            continue
        seen: set[str] = set()
        wanted = [
            w
            for w in term.names + term.also_called + hidden
            if w.lower() not in seen and not seen.add(w.lower())
        ]
        if row is None:
            SynonymGroup.objects.create(terms=", ".join(wanted), glossary_anchor=anchor)
        elif row.term_list() != wanted:
            row.terms = ", ".join(wanted)
            row.save(update_fields=["terms"])  # post_save moves the search cache on
