"""Short codes people can read off paper and type: no 0/O, 1/l/I, never only digits.

Nothing here touches the database, so ``assign_short_codes --check`` runs anywhere.
"""

from __future__ import annotations

import re
import secrets

# Digits 2-9 and lowercase letters without i, l, o: nothing a reader can mistake for another.
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
LENGTH = 5
CODE_RE = re.compile(rf"^[{ALPHABET}]{{{LENGTH}}}$")


def is_valid(code) -> bool:
    """A well-formed code: right length, unambiguous characters, at least one letter."""
    return isinstance(code, str) and bool(CODE_RE.match(code)) and not code.isdigit()


def normalise(typed: str) -> str:
    """What a person typed (any case, stray spaces or dashes) to the stored form."""
    return re.sub(r"[\s\-]", "", typed or "").lower()[:32]


def new_code(taken: set[str]) -> str:
    """A fresh random code not in ``taken`` (codes ever issued, anywhere)."""
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if is_valid(code) and code not in taken:
            return code
