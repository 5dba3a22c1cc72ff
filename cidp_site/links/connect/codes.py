"""Code systems we answer for, their HL7 OIDs, and what a well-formed code in each looks like.

Nothing here touches the database, so ``sync_content --check`` can use it anywhere.
"""

from __future__ import annotations

import re

ICD10CM, SNOMED = "icd10cm", "snomed"
NAMES = {ICD10CM: "ICD-10-CM", SNOMED: "SNOMED CT"}
# The OIDs of the HL7 Infobutton URL guide (and MedlinePlus Connect): mainSearchCriteria.v.cs.
OIDS = {"2.16.840.1.113883.6.90": ICD10CM, "2.16.840.1.113883.6.96": SNOMED}
OID_OF = {system: oid for oid, system in OIDS.items()}
OID_RE = re.compile(r"^[0-2](?:\.(?:0|[1-9][0-9]{0,15})){1,20}$")

# Letter, digit, digit or A/B; then optionally a dot and up to four more (G61.81, G70.01, M05.A).
ICD10CM_RE = re.compile(r"^[A-TV-Z][0-9][0-9AB](?:\.[0-9A-Z]{1,4})?$")
SCTID_RE = re.compile(r"^[1-9][0-9]{5,17}$")

_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]  # fmt: skip
_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]  # fmt: skip


def _verhoeff_ok(digits: str) -> bool:
    """SNOMED CT identifiers end in a Verhoeff check digit: a typo in a concept id is caught."""
    check = 0
    for i, digit in enumerate(reversed(digits)):
        check = _D[check][_P[i % 8][int(digit)]]
    return check == 0


def is_valid(system: str, code: str) -> bool:
    """A code written the way the system writes it (ICD-10-CM with its dot; a SNOMED CT concept id)."""
    if not isinstance(code, str):
        return False
    if system == ICD10CM:
        return bool(ICD10CM_RE.match(code))
    if system == SNOMED:
        # Partition 00 or 10: a concept (not a description or relationship) id.
        return bool(SCTID_RE.match(code)) and code[-3:-1] in ("00", "10") and _verhoeff_ok(code)
    return False


def normalise(system: str, typed: str) -> str:
    """What a record system sends to the stored form: ICD-10-CM in capitals, dot added if left out."""
    code = typed.strip()
    if system == ICD10CM:
        code = code.upper()
        if "." not in code and len(code) > 3:
            code = f"{code[:3]}.{code[3:]}"
    return code


def broader(system: str, code: str) -> list[str]:
    """ICD-10-CM parents, nearest first (G70.019 -> G70.01, G70.0, G70); SNOMED CT: none known here."""
    if system != ICD10CM or "." not in code:
        return []
    head, tail = code.split(".", 1)
    return [f"{head}.{tail[:n]}" for n in range(len(tail) - 1, 0, -1)] + [head]
