"""/connect/: an EHR's infobutton request by diagnosis code, answered in HTML, JSON and Atom."""

import random
import re
import string
from urllib.parse import urlencode
from xml.etree import ElementTree as ET

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.core.test_headers import PUBLIC_CSP, assert_common_headers, directives

ICD, SNOMED = "2.16.840.1.113883.6.90", "2.16.840.1.113883.6.96"
ATOM = "{http://www.w3.org/2005/Atom}"
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|CREATE|DROP|ALTER)", re.IGNORECASE)
STARTING = {
    "G61.81": "cidp/what-is-cidp.md",
    "G61.0": "conditions/gbs.md",
    "G70.00": "conditions/myasthenia-gravis.md",
    "G70.01": "conditions/myasthenia-gravis.md",
    "G61.82": "conditions/mmn.md",
}


def front(path):
    return yaml.safe_load(path.read_text().split("---")[1])


def ask(client, codes=(), cs=ICD, kind=None, **extra):
    query = [("mainSearchCriteria.v.c", c) for c in codes]
    if cs:
        query.append(("mainSearchCriteria.v.cs", cs))
    if kind:
        query.append(("knowledgeResponseType", kind))
    query += list(extra.items())
    return client.get(f"/connect/?{urlencode(query)}", secure=True)


def json_entries(response):
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return response.json()["feed"]["entry"]


def atom_entries(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")  # noqa: S314 - our own output


def test_each_starting_code_returns_its_page_in_all_three_types(site_content, client):
    for code, rel in STARTING.items():
        meta = front(site_content / rel)
        short = f"https://testserver/l/{meta['short_code']}"
        html = ask(client, [code])
        assert html.status_code == 302, code
        assert html["Location"] == "/" + rel.removesuffix(".md") + "/", code
        (entry,) = json_entries(ask(client, [code], kind="application/json"))
        assert entry["title"]["_value"] == meta["title"], code
        assert entry["id"]["_value"] == short and entry["link"][0]["href"] == short
        assert entry["summary"]["_value"] == " ".join(meta["summary"].split())
        # No clinician has approved these pages yet: the feed says so and gives no review date.
        reviewed_on = str(meta["reviewed_on"]) if meta.get("reviewed_on") else None
        state = "reviewed" if reviewed_on else "not-reviewed"
        assert entry["reviewed"]["on"] == reviewed_on and entry["reviewed"]["state"] == state
        (item,) = atom_entries(ask(client, [code], kind="text/xml"))
        assert item.find(f"{ATOM}title").text == meta["title"]
        assert item.find(f"{ATOM}id").text == short
        assert item.find(f"{ATOM}link[@rel='alternate']").get("href") == short
        assert item.find(f"{ATOM}summary").text == entry["summary"]["_value"]
        review = item.find("{urn:cidp-site:connect}reviewed")
        assert review.get("on") == reviewed_on and review.get("state") == state
    # A SNOMED CT concept works the same way.
    assert ask(client, ["40956001"], cs=SNOMED)["Location"] == "/conditions/gbs/"


def test_child_parent_and_repeated_codes(site_content, client):
    # A more specific code than any page lists finds the nearest parent's page.
    assert ask(client, ["G70.019"])["Location"] == "/conditions/myasthenia-gravis/"
    assert ask(client, ["G61.810"])["Location"] == "/cidp/what-is-cidp/"
    assert ask(client, ["g7001"])["Location"] == "/conditions/myasthenia-gravis/"  # as records send it
    # A broader code finds the pages of its children: one page is a redirect, several a short list.
    assert ask(client, ["G70.0"])["Location"] == "/conditions/myasthenia-gravis/"
    listed = ask(client, ["G61"])
    assert listed.status_code == 200
    html = listed.content.decode()
    titles = ["Guillain-Barré syndrome (GBS)", "What is CIDP?", "Multifocal motor neuropathy (MMN)"]
    assert [html.index(t) for t in titles] == sorted(html.index(t) for t in titles)
    assert "Ask your care team if anything here does not match what you were told" in html
    # Repeated codes: every page once, in the order asked.
    entries = json_entries(ask(client, ["G70.01", "G61.0", "G70.00", "G70.01"], kind="application/json"))
    assert [e["title"]["_value"] for e in entries] == [
        "Myasthenia gravis (MG)",
        "Guillain-Barré syndrome (GBS)",
    ]
    assert len(atom_entries(ask(client, ["G70.01", "G61.0"], kind="text/xml"))) == 2


def test_unknown_codes_get_a_helpful_page_or_an_empty_feed(site_content, client):
    page = ask(client, ["Z99.89"])
    assert page.status_code == 404
    html = page.content.decode()
    assert "We have no page for that diagnosis code" in html and 'href="/cidp/"' in html
    assert json_entries(ask(client, ["Z99.89"], kind="application/json")) == []
    assert atom_entries(ask(client, ["Z99.89"], kind="text/xml")) == []
    # A well-formed code system we do not index (ICD-9-CM) is an unknown code too, not an error.
    assert ask(client, ["357.81"], cs="2.16.840.1.113883.6.103").status_code == 404
    # The display name is only a fallback search.
    found = json_entries(
        ask(client, [], cs="", kind="application/json", **{"mainSearchCriteria.v.dn": "myasthenia"})
    )
    assert found and found[0]["title"]["_value"] == "Myasthenia gravis (MG)"


@pytest.mark.parametrize(
    "query, word",
    [
        ("", "mainSearchCriteria.v.c"),
        ("mainSearchCriteria.v.c=G61.81", "mainSearchCriteria.v.cs"),
        ("mainSearchCriteria.v.c=G61.81&mainSearchCriteria.v.cs=icd10", "OID"),
        ("mainSearchCriteria.v.c=G61..81&mainSearchCriteria.v.cs=" + ICD, "not a ICD-10-CM code"),
        ("mainSearchCriteria.v.c=40956002&mainSearchCriteria.v.cs=" + SNOMED, "not a SNOMED CT code"),
        ("mainSearchCriteria.v.c=G61.81%00&mainSearchCriteria.v.cs=" + ICD, "at most 32"),
        ("mainSearchCriteria.v.c=" + "G" * 40 + "&mainSearchCriteria.v.cs=" + ICD, "at most 32"),
        (
            f"mainSearchCriteria.v.c=G61.81&mainSearchCriteria.v.cs={ICD}&mainSearchCriteria.v.cs={SNOMED}",
            "more than once",
        ),
        (f"mainSearchCriteria.v.c=G61.81&mainSearchCriteria.v.cs={ICD}&informationRecipient=NURSE", "PAT"),
        (
            f"mainSearchCriteria.v.c=G61.81&mainSearchCriteria.v.cs={ICD}&informationRecipient.languageCode.c=e%20n",
            "language",
        ),
        (
            f"mainSearchCriteria.v.c=G61.81&mainSearchCriteria.v.cs={ICD}&knowledgeResponseType=application/javascript",
            "must be one of",
        ),
        (
            "&".join(f"mainSearchCriteria.v.c=G61.{i}" for i in range(21))
            + "&mainSearchCriteria.v.cs="
            + ICD,
            "At most 20",
        ),
        (f"mainSearchCriteria.v.cs={ICD}&mainSearchCriteria.v.dn=" + "x" * 300, "longer than 200"),
        (
            f"mainSearchCriteria.v.cs={ICD}&mainSearchCriteria.v.c=G61.81&pad=" + "x" * 5000,
            "longer than 4000",
        ),
    ],
)
def test_malformed_and_oversized_requests_are_a_400_naming_the_problem(db, client, query, word):
    kinds = (
        ("", lambda r: word in r.content.decode()),
        ("application/json", lambda r: word in r.json()["error"]),
        ("text/xml", lambda r: word in ET.fromstring(r.content).text),  # noqa: S314 - our own output
    )
    if "knowledgeResponseType" in query:  # a type we do not offer is answered in HTML
        kinds = kinds[:1]
    for kind, check in kinds:
        suffix = f"&knowledgeResponseType={kind}" if kind else ""
        response = client.get(f"/connect/?{query}{suffix}", secure=True)
        assert response.status_code == 400, (query, kind)
        assert check(response), (query, kind, response.content[:300])


def test_fuzzed_requests_never_fail_and_never_write(site_content, client):
    rng = random.Random(17)
    names = [
        "mainSearchCriteria.v.c", "mainSearchCriteria.v.cs", "mainSearchCriteria.v.dn",
        "informationRecipient", "informationRecipient.languageCode.c", "knowledgeResponseType", "x",
    ]  # fmt: skip
    values = ["G61.81", ICD, SNOMED, "PAT", "text/xml", "application/json", "en", "", "%00", "%FF%FE", "..",
              "G70.0", "2.16.840", "'; DROP TABLE x;--", "\u202e", "<a>&amp;"]  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        for _ in range(150):
            parts = []
            for _ in range(rng.randint(0, 8)):
                value = (
                    rng.choice(values)
                    if rng.random() < 0.7
                    else "".join(rng.choice(string.printable) for _ in range(rng.randint(0, 60)))
                )
                parts.append(f"{rng.choice(names)}={value}")
            response = client.get("/connect/?" + "&".join(parts), secure=True)
            assert response.status_code in (200, 302, 400, 404), parts
    assert [q["sql"] for q in queries if WRITES.match(q["sql"])] == []


def test_every_answer_is_cacheable_with_the_sites_headers_and_writes_nothing(site_content, client):
    requests = [
        (["G61.81"], None, 302), (["G61"], None, 200), (["Z99.89"], None, 404),
        (["G61.81"], "application/json", 200), (["G61.81"], "text/xml", 200), (["G61..1"], None, 400),
    ]  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        for codes, kind, status in requests:
            response = ask(client, codes, kind=kind)
            assert response.status_code == status, codes
            assert_common_headers(response, codes)
            assert directives(response["Content-Security-Policy"]) == directives(PUBLIC_CSP)
            assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
            assert not response.cookies
    assert [q["sql"] for q in queries if WRITES.match(q["sql"])] == []
    assert client.post("/connect/?mainSearchCriteria.v.c=G61.81").status_code == 405
