"""Read an HL7 Infobutton URL-based knowledge request; anything malformed is a ``BadRequest``.

Only the parameters we act on are checked; others an EHR sends (patientPerson, taskContext, ...)
are ignored, as the implementation guide allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import codes

CODE, SYSTEM, NAME = "mainSearchCriteria.v.c", "mainSearchCriteria.v.cs", "mainSearchCriteria.v.dn"
RECIPIENT, LANGUAGE, RESPONSE = (
    "informationRecipient",
    "informationRecipient.languageCode.c",
    "knowledgeResponseType",
)
FORMATS = {"text/html": "html", "application/json": "json", "text/xml": "xml"}
RECIPIENTS = ("PAT", "PROV")
MAX_QUERY, MAX_CODES, MAX_CODE, MAX_NAME = 4000, 20, 32, 200
LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$")
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


class BadRequest(Exception):
    pass


@dataclass
class KnowledgeRequest:
    format: str = "html"
    system: str | None = None  # our name for the code system; None when the OID is not one we know
    oid: str = ""
    codes: list[str] = field(default_factory=list)
    display_name: str = ""
    recipient: str = "PAT"
    language: str = "en"


def response_format(query) -> str:
    """The format to answer in, even for a bad request (HTML unless a known type was asked for once)."""
    values = set(query.getlist(RESPONSE))
    return FORMATS.get(values.pop(), "html") if len(values) == 1 else "html"


def _one(query, name: str) -> str:
    values = {v.strip() for v in query.getlist(name)}
    if len(values) > 1:
        raise BadRequest(f"'{name}' was given more than once with different values.")
    value = values.pop() if values else ""
    if CONTROL_RE.search(value):
        raise BadRequest(f"'{name}' contains control characters.")
    return value


def parse(query, raw_query: str) -> KnowledgeRequest:
    if len(raw_query) > MAX_QUERY:
        raise BadRequest(f"The request is longer than {MAX_QUERY} characters.")
    request = KnowledgeRequest()
    wanted = _one(query, RESPONSE) or "text/html"
    if wanted not in FORMATS:
        raise BadRequest(f"'{RESPONSE}' must be one of {', '.join(FORMATS)}.")
    request.format = FORMATS[wanted]
    request.recipient = (_one(query, RECIPIENT) or "PAT").upper()
    if request.recipient not in RECIPIENTS:
        raise BadRequest(f"'{RECIPIENT}' must be PAT (patient) or PROV (provider).")
    language = _one(query, LANGUAGE) or "en"
    if not LANGUAGE_RE.match(language):
        raise BadRequest(f"'{LANGUAGE}' must be a language code such as en.")
    request.display_name = _one(query, NAME)
    if len(request.display_name) > MAX_NAME:
        raise BadRequest(f"'{NAME}' is longer than {MAX_NAME} characters.")
    typed = [c.strip() for c in query.getlist(CODE) if c.strip()]
    if not typed and not request.display_name:
        raise BadRequest(f"Give a diagnosis code in '{CODE}' (with its code system in '{SYSTEM}').")
    if len(typed) > MAX_CODES:
        raise BadRequest(f"At most {MAX_CODES} codes can be asked for at once.")
    request.oid = _one(query, SYSTEM)
    if typed and not request.oid:
        raise BadRequest(f"Give the code system's OID in '{SYSTEM}', e.g. 2.16.840.1.113883.6.90.")
    if request.oid and not codes.OID_RE.match(request.oid):
        raise BadRequest(f"'{SYSTEM}' must be an OID such as 2.16.840.1.113883.6.90.")
    request.system = codes.OIDS.get(request.oid)
    for code in typed:
        if len(code) > MAX_CODE or CONTROL_RE.search(code):
            raise BadRequest(f"'{CODE}' values must be codes of at most {MAX_CODE} characters.")
        if request.system:
            code = codes.normalise(request.system, code)
            if not codes.is_valid(request.system, code) and not _icd_category(request.system, code):
                raise BadRequest(f"'{code}' is not a {codes.NAMES[request.system]} code.")
        if code not in request.codes:
            request.codes.append(code)
    return request


def _icd_category(system: str, code: str) -> bool:
    """An ICD-10-CM category like G70 (no dot) is a code a record may send too."""
    return system == codes.ICD10CM and bool(re.match(r"^[A-TV-Z][0-9][0-9AB]$", code))
