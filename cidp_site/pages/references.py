"""Which sources a page cites, in the order a reader meets them, and the list that ends the page."""

from __future__ import annotations

from cidp_site.core.citations import Numbering, cited_ids


def _source(value) -> str:
    return str(getattr(value, "source", value) or "")


def page_texts(page):
    """Every text of a FAQ page that may carry citations, in the order the page shows them."""
    yield _source(page.intro)
    for block in page.questions:
        yield block.value["short_answer"]
        for child in block.value["answer"] or []:
            if child.block_type == "text":
                yield _source(child.value)
            elif child.block_type == "callout":
                yield _source(child.value["text"])
            elif child.block_type == "include" and child.value is not None:
                yield _source(child.value.text)


def citations_for(page) -> tuple[Numbering, list]:
    """The page's numbering and its references list: (number, Source) in order of first citation.

    Only ids found in the bibliography are numbered; any other marker stays visible as typed, so a
    reviewer previewing a CMS edit sees the mistake (files with one never pass the check).
    """
    from .library import Source

    ids = [cid for text in page_texts(page) for cid in cited_ids(text)]
    found = {s.source_id: s for s in Source.objects.filter(source_id__in=set(ids))}
    numbering = Numbering(cid for cid in ids if cid in found)
    return numbering, [(n, found[cid]) for n, cid in enumerate(numbering.order, start=1)]
