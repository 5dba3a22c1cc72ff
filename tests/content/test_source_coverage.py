"""Every fact of the source text must stay on the page that states it.

The facts, the page ids and the patterns are listed in ``source_facts.yaml``. If an edit drops a
fact, this test names the fact and the page so the writer can put it back (or move it on purpose
and update the list).
"""

import re
from pathlib import Path

import pytest
import yaml

from tests.content.contentlib import pages_by_id

FACTS_FILE = Path(__file__).with_name("source_facts.yaml")
FACTS = yaml.safe_load(FACTS_FILE.read_text(encoding="utf-8"))["facts"]
PAGES = pages_by_id()


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_fact_list_is_well_formed():
    assert FACTS, "source_facts.yaml lists no facts"
    names = [f["fact"] for f in FACTS]
    assert len(names) == len(set(names)), "fact names in source_facts.yaml must be unique"
    for fact in FACTS:
        assert set(fact) == {"fact", "page", "patterns"}, f"bad entry: {fact}"
        assert fact["patterns"], f"fact {fact['fact']!r} has no patterns"
        for pattern in fact["patterns"]:
            re.compile(pattern)


@pytest.mark.parametrize("fact", FACTS, ids=[f["fact"] for f in FACTS])
def test_source_fact_is_on_its_page(fact):
    page = PAGES.get(fact["page"])
    assert page is not None, f"fact {fact['fact']!r}: no page with id {fact['page']!r}"
    text = _norm(page.text)
    missing = [p for p in fact["patterns"] if not re.search(p, text, re.IGNORECASE)]
    assert not missing, (
        f"fact {fact['fact']!r} is no longer stated on page {fact['page']!r} ({page.rel}); "
        f"missing pattern(s): {missing}"
    )
