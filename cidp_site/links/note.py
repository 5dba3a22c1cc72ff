"""Plain text for pasting into a discharge note or letter: title, short address, what it answers.

Record systems keep plain text only, so nothing here is HTML or markdown; the same text is shown on
the clinicians' page, on handouts and served as ``/l/<code>.txt``.
"""

from __future__ import annotations

import re

CHECK = "Ask your care team if anything here does not match what you were told."
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
MARKUP = re.compile(r"[*_`#>\[\]]")


def plain(text: str) -> str:
    return " ".join(MARKUP.sub("", text or "").split())


def first_sentence(text: str) -> str:
    text = plain(text)
    return SENTENCE_END.split(text, 1)[0] if text else ""


def page_sentence(page) -> str:
    """One plain sentence of what the page answers: its summary's first sentence."""
    sentence = first_sentence(getattr(page, "summary", ""))
    return sentence or f"Plain answers about {plain(page.title)}."


def question_sentence(question: str, page_title: str) -> str:
    return f"It answers the question “{plain(question)}” on the page “{plain(page_title)}”."


def packet_sentence(titles: list[str]) -> str:
    names = [f"“{plain(t)}”" for t in titles]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"Information pages: {listed}."


def note(title: str, short_url: str, sentence: str) -> str:
    return "\n".join([plain(title), short_url, sentence, CHECK])
