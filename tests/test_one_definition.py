"""Each pattern is defined once: no two modules compile a regex under the same name or the same text.

Two copies drift apart (the issue found LINK_TAG_RE and HEADING_RE each twice, with different
patterns), and then the importer, the export and the reading level disagree about one file.
Migrations keep their frozen copies and are not read.
"""

import ast
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "cidp_site"


def compiled_patterns():
    """(module, name, pattern text) for every module-level ``NAME = re.compile("...")``."""
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)):
                continue
            call = node.value
            is_compile = isinstance(call.func, ast.Attribute) and call.func.attr == "compile"
            if not is_compile or not isinstance(call.func.value, ast.Name) or call.func.value.id != "re":
                continue
            text = call.args[0].value if call.args and isinstance(call.args[0], ast.Constant) else None
            for target in node.targets:
                if isinstance(target, ast.Name):
                    yield path.relative_to(ROOT.parent).as_posix(), target.id, text


def repeated(key):
    places = defaultdict(list)
    for module, name, text in compiled_patterns():
        if key(name, text) is not None:
            places[key(name, text)].append(f"{module}:{name}")
    return {k: v for k, v in places.items() if len(v) > 1}


def test_the_scan_finds_the_patterns():
    found = {(m, n) for m, n, _ in compiled_patterns()}
    assert ("cidp_site/pages/link_prefetch.py", "LINK_TAG_RE") in found
    assert ("cidp_site/core/slugs.py", "SLUG_RE") in found


def test_no_regex_name_is_defined_twice():
    assert repeated(lambda name, text: name) == {}


def test_no_regex_text_is_compiled_twice():
    assert repeated(lambda name, text: re.sub(r"\?P<\w+>", "", str(text)) if text else None) == {}
