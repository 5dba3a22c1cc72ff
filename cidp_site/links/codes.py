"""Short codes people can read off paper and type: no 0/O, 1/l/I, never only digits.

Nothing here touches the database, so ``assign_short_codes --check`` runs anywhere; the codes
written in content files are read with plain YAML, without the importer above this app.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

import yaml
from django.conf import settings

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


def all_file_codes(content_root=None) -> set[str]:
    """Every code written in content/ (synced or not), so a new packet never takes one."""
    root = Path(content_root or settings.CONTENT_DIR)
    found: set[str] = set()
    for path in root.rglob("*.md"):
        try:
            text = path.read_text(encoding="utf-8")
            front = (
                yaml.safe_load(text.split("\n---", 1)[0].removeprefix("---"))
                if text.startswith("---")
                else {}
            )
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if not isinstance(front, dict):
            continue
        if isinstance(front.get("short_code"), str):
            found.add(front["short_code"])
        if isinstance(front.get("short_codes"), dict):
            found.update(str(v) for v in front["short_codes"].values())
    return found
