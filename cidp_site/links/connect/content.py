"""``codes:`` in a content file's front matter: which diagnosis codes the page answers for.

    codes:
      icd10cm: [G70.00, G70.01]
      snomed: ["91637004"]
      # when two pages claim one code, each says which comes first:
      #   icd10cm: [{code: G61.81, order: 2}]

Nothing here touches the database, so ``sync_content --check`` runs anywhere.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import codes

KEY = "codes"
EXAMPLE = "e.g. 'icd10cm: [G61.81]'"


@dataclass
class Claim:
    system: str
    code: str
    order: int | None
    line: int


def claims(parsed) -> list[Claim]:
    """The well-formed codes a file declares (the rest are reported by ``problems``)."""
    return [claim for claim, _ in _read(parsed) if claim is not None]


def problems(files) -> list[tuple[object, int, str]]:
    """(file, line, message) for a malformed ``codes:`` and for one code claimed without an order."""
    found = []
    by_code = defaultdict(list)
    for parsed in files:
        seen = set()
        for claim, message in _read(parsed):
            if message:
                found.append((parsed, message[0], message[1]))
                continue
            key = (claim.system, claim.code)
            if key in seen:
                found.append((parsed, claim.line, f"{_name(claim)} is listed twice"))
                continue
            seen.add(key)
            by_code[key].append((parsed, claim))
    for (system, code), uses in by_code.items():
        if len(uses) < 2:
            continue
        orders = [claim.order for _, claim in uses]
        for parsed, claim in uses:
            others = ", ".join(p.rel_for_humans for p, _ in uses if p is not parsed)
            if claim.order is None:
                found.append(
                    (
                        parsed,
                        claim.line,
                        f"{_name(claim)} is also claimed by {others}; give each page an order "
                        f"(1 is shown first), e.g. '{system}: [{{code: {code}, order: 1}}]'",
                    )
                )
            elif orders.count(claim.order) > 1:
                found.append((parsed, claim.line, f"{_name(claim)} has order {claim.order} on {others} too"))
    return found


def _name(claim: Claim) -> str:
    return f"{codes.NAMES[claim.system]} code {claim.code}"


def _read(parsed):
    """Yield (Claim, None) for each good entry and (None, (line, message)) for each bad one."""
    if KEY not in parsed.front:
        return
    value, line = parsed.front[KEY], parsed.line_of(KEY)
    if not isinstance(value, dict) or not value:
        yield None, (line, f"'codes' must list codes by code system, {EXAMPLE}")
        return
    for system, entries in value.items():
        if system not in codes.NAMES:
            known = ", ".join(sorted(codes.NAMES))
            yield None, (_line(parsed, str(system)), f"unknown code system '{system}' (use {known})")
            continue
        if not isinstance(entries, list) or not entries:
            yield None, (_line(parsed, system), f"'codes: {system}' must be a list of codes, {EXAMPLE}")
            continue
        for entry in entries:
            yield _entry(parsed, system, entry)


def _entry(parsed, system: str, entry):
    order = None
    if isinstance(entry, dict):
        if set(entry) - {"code", "order"} or "code" not in entry:
            where = _line(parsed, system)
            return None, (where, f"a code with an order is written '{{code: G61.81, order: 1}}', not {entry}")
        order = entry.get("order")
        entry = entry["code"]
    if isinstance(entry, int) and not isinstance(entry, bool) and system == codes.SNOMED:
        entry = str(entry)  # YAML reads an unquoted SNOMED CT id as a number
    text = str(entry)
    line = _line(parsed, text)
    if not codes.is_valid(system, entry if isinstance(entry, str) else None):
        how = "write it like G61.81" if system == codes.ICD10CM else "check the concept id"
        return None, (line, f"'{text}' is not a valid {codes.NAMES[system]} code; {how}")
    if order is not None and (not isinstance(order, int) or isinstance(order, bool) or order < 1):
        return None, (line, f"the order of {text} must be a whole number from 1")
    return Claim(system, text, order, line), None


def _line(parsed, needle: str) -> int:
    """The front-matter line under ``codes:`` that mentions ``needle`` (else the ``codes:`` line)."""
    start = parsed.line_of(KEY)
    lines = parsed.text.split("\n") if parsed.text else []
    for number in range(start + 1, len(lines) + 1):
        text = lines[number - 1]
        if text.strip() == "---" or (text and not text[0].isspace() and not text.startswith("#")):
            break
        if needle in text:
            return number
    return start
