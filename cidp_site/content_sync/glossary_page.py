"""The glossary page as term data: each question is a term (its name, definition and shown words).

A term lives where the page already keeps its reviewed, exported text: the heading is the term's
name (a second name may follow in brackets), the short answer its plain definition, and an optional
last paragraph ``Also called: a, b, c.`` the other words patients see beside it. Keeping the terms
in the page (not a second store) keeps their anchors, short codes, search entries and handouts as
they are, and puts every word a patient reads through the Clinical review workflow and the byte-
for-byte page export. Search-only words (misspellings, brands, plurals) stay in glossary.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape

from django.utils.html import strip_tags

from cidp_site.core import citations
from cidp_site.pages.glossary_terms import GLOSSARY_ID
from cidp_site.search.text import words

from .parse import ParsedFile, Problem, Question

ALSO_PREFIX_RE = re.compile(r"^(?:\*\*)?Also called:(?:\*\*)?\s*")
UNSAFE_RE = re.compile(r"[<>\x00-\x1f\x7f]")


@dataclass
class Term:
    """A question of the glossary page read as a term: its heading names it (with any other name in
    brackets), its short answer is the plain definition, and an optional 'Also called:' paragraph
    lists the other words people use. Kept as the question itself, so its anchor and line are the
    page's own."""

    question: Question
    also_called: list[str] = field(default_factory=list)
    also_line: int = 0

    anchor = property(lambda self: self.question.anchor)
    heading = property(lambda self: self.question.text)
    definition = property(lambda self: self.question.short_answer)
    line = property(lambda self: self.question.line)

    @property
    def names(self) -> list[str]:
        return term_names(self.heading)


def term_names(heading: str) -> list[str]:
    """'Axon (nerve fibre)' -> ['Axon', 'nerve fibre']: each name a reader may type."""
    head, _, rest = heading.partition("(")
    names = [" ".join(head.split()), " ".join(rest.rstrip(")").split())]
    return [n for n in names if n]


def clean(word: str) -> str:
    return " ".join(word.split())


def key(word: str) -> tuple[str, ...]:
    """A word as search compares it ('Flare-up' and 'flare up' are one word to search)."""
    return tuple(words(word))


def split_also(text: str) -> list[str] | None:
    """'Also called: IV, a drip.' -> ['IV', 'a drip']; None when ``text`` is no such line."""
    match = ALSO_PREFIX_RE.match(text.strip())
    if match is None:
        return None
    rest = text.strip()[match.end() :].rstrip().removesuffix(".")
    return [clean(w) for w in rest.split(",")]


def _paragraphs(markdown: str, first_line: int):
    """(line, text) of each paragraph of a text block."""
    start, lines = 0, []
    for offset, line in enumerate(markdown.split("\n") + [""]):
        if line.strip():
            if not lines:
                start = first_line + offset
            lines.append(line.strip())
        elif lines:
            yield start, " ".join(lines)
            lines = []


def page_terms(page: ParsedFile | None) -> tuple[dict[str, Term], list[Problem]]:
    """Every term of the glossary page by anchor, and what is wrong with them (path:line)."""
    terms: dict[str, Term] = {}
    problems: list[Problem] = []
    if page is None:
        return terms, problems
    rel = page.rel_for_humans
    names_seen: dict[tuple, int] = {}
    for question in page.questions:
        term = Term(question)
        if not words(citations.strip(term.definition)):
            problems.append(
                Problem(rel, question.line, f"the term '{question.text}' has an empty definition")
            )
        for name in term.names:
            first = names_seen.setdefault(key(name), question.line)
            if first != question.line:
                problems.append(
                    Problem(rel, question.line, f"the term '{name}' is already defined on line {first}")
                )
        for block in question.blocks:
            for line, text in _paragraphs(block.markdown, block.line) if block.kind == "text" else ():
                found = split_also(text)
                if found is None:
                    continue
                if term.also_line:
                    problems.append(Problem(rel, line, f"'{question.text}' has a second 'Also called:' line"))
                    continue
                term.also_called, term.also_line = found, line
        if term.also_line:
            problems.extend(_check_words(rel, term.also_line, term.also_called, "'Also called:'"))
        if question.anchor:
            terms[question.anchor] = term
    return terms, problems


def _check_words(rel: str, line: int, found: list[str], what: str) -> list[Problem]:
    problems = []
    if not found or any(not key(w) for w in found):
        problems.append(Problem(rel, line, f"{what} must be a list of words or phrases, separated by commas"))
    for word in found:
        if UNSAFE_RE.search(word):
            problems.append(Problem(rel, line, f"{what}: '{word}' holds HTML or control characters"))
    return problems


def live_terms(page) -> dict[str, Term]:
    """The same terms from the live glossary page in the CMS (what patients see now)."""
    terms = {}
    for block in page.questions if page is not None else ():
        if block.block_type != "question":
            continue
        value = block.value
        term = Term(Question(value["question"], value["anchor"], 0, value["short_answer"]))
        for child in value["answer"] or []:
            if child.block_type != "text":
                continue
            html = getattr(child.value, "source", str(child.value))
            for paragraph in re.findall(r"<p[^>]*>(.*?)</p>", html, re.S):
                found = split_also(unescape(strip_tags(paragraph)))
                if found is not None and not term.also_called:
                    term.also_called = found
        terms[term.anchor] = term
    return terms


def live_page():
    from cidp_site.pages.models import FAQPage

    return FAQPage.objects.live().filter(content_id=GLOSSARY_ID).first()


@dataclass
class Owner:
    """Who holds a word, for a conflict message: 'the term #myelin' or 'a synonym group'."""

    what: str
    rel: str
    line: int


def conflicts(entries) -> list[Problem]:
    """The same word in two different terms or groups is an error at its second place.

    ``entries`` yields (group key, Owner, word) in file order; a group may repeat its own words.
    """
    seen: dict[tuple, tuple[object, Owner, str]] = {}
    problems = []
    for group, owner, word in entries:
        folded = key(word)
        if not folded:
            continue
        first = seen.setdefault(folded, (group, owner, word))
        if first[0] != group:
            where = first[1]
            problems.append(
                Problem(
                    owner.rel,
                    owner.line,
                    f"'{word}' is already a word of {where.what} ({where.rel}:{where.line}): a word may "
                    "belong to one term or group only, so search knows which one it means",
                )
            )
    return problems
