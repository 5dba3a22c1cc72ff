"""The knowledge response as MedlinePlus Connect shapes it: an Atom feed, or the same as JSON.

Each entry: title, the permanent short link (its id and alternate link), the page's current
address, a plain summary and the clinical review state (our own extension element).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from django.utils import timezone

from . import codes

ATOM = "http://www.w3.org/2005/Atom"
EXT = "urn:cidp-site:connect"  # our extension: <cidp:reviewed on="" due="" state=""/>
FEED_TITLE = "CIDP and IVIG: clear answers"


@dataclass
class Entry:
    title: str
    short_url: str
    url: str
    summary: str
    reviewed_on: datetime.date | None
    review_due: datetime.date | None
    updated: datetime.datetime | None

    @property
    def review_state(self) -> str:
        if not self.reviewed_on:
            return "not-reviewed"
        if self.review_due and self.review_due < timezone.localdate():
            return "review-overdue"
        return "reviewed"

    @property
    def reviewed(self) -> dict:
        return {
            "on": self.reviewed_on.isoformat() if self.reviewed_on else None,
            "due": self.review_due.isoformat() if self.review_due else None,
            "state": self.review_state,
        }


def _updated(entries: list[Entry]) -> str:
    stamps = [e.updated for e in entries if e.updated]
    return (max(stamps) if stamps else timezone.now()).replace(microsecond=0).isoformat()


def _categories(request) -> list[tuple[str, str]]:
    found = [("mainSearchCriteria.v.c", code) for code in request.codes]
    if request.oid:
        found.append(("mainSearchCriteria.v.cs", request.oid))
    if request.display_name:
        found.append(("mainSearchCriteria.v.dn", request.display_name))
    found.append(("informationRecipient", request.recipient))
    return found


def as_json(request, entries: list[Entry], feed_id: str) -> dict:
    return {
        "feed": {
            "lang": "en",
            "title": {"_value": FEED_TITLE, "type": "text"},
            "id": {"_value": feed_id},
            "updated": {"_value": _updated(entries)},
            "subtitle": {"_value": _subtitle(request, entries), "type": "text"},
            "category": [{"scheme": s, "term": t} for s, t in _categories(request)],
            "entry": [
                {
                    "lang": "en",
                    "title": {"_value": e.title, "type": "text"},
                    "link": [
                        {"href": e.short_url, "rel": "alternate", "title": e.title},
                        {"href": e.url, "rel": "related", "title": "Current address"},
                    ],
                    "id": {"_value": e.short_url},
                    "summary": {"_value": e.summary, "type": "text"},
                    "updated": {"_value": (e.updated or timezone.now()).replace(microsecond=0).isoformat()},
                    "reviewed": e.reviewed,
                }
                for e in entries
            ],
        }
    }


def as_atom(request, entries: list[Entry], feed_id: str) -> bytes:
    ET.register_namespace("", ATOM)
    ET.register_namespace("cidp", EXT)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "en"})
    ET.SubElement(feed, f"{{{ATOM}}}title", type="text").text = FEED_TITLE
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_id
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _updated(entries)
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = FEED_TITLE
    ET.SubElement(feed, f"{{{ATOM}}}subtitle", type="text").text = _subtitle(request, entries)
    for scheme, term in _categories(request):
        ET.SubElement(feed, f"{{{ATOM}}}category", scheme=scheme, term=term)
    for e in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}title", type="text").text = e.title
        ET.SubElement(item, f"{{{ATOM}}}link", href=e.short_url, rel="alternate", title=e.title)
        ET.SubElement(item, f"{{{ATOM}}}link", href=e.url, rel="related", title="Current address")
        ET.SubElement(item, f"{{{ATOM}}}id").text = e.short_url
        stamp = (e.updated or timezone.now()).replace(microsecond=0).isoformat()
        ET.SubElement(item, f"{{{ATOM}}}updated").text = stamp
        ET.SubElement(item, f"{{{ATOM}}}summary", type="text").text = e.summary
        attrs = {k: v for k, v in e.reviewed.items() if v}
        ET.SubElement(item, f"{{{EXT}}}reviewed", attrs)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _subtitle(request, entries: list[Entry]) -> str:
    system = codes.NAMES.get(request.system or "", request.oid or "search")
    asked = ", ".join(request.codes) or request.display_name
    count = f"{len(entries)} page{'s' if len(entries) != 1 else ''}"
    return f"{count} for {system} {asked}".strip()
