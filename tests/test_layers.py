"""The apps stand in layers, and an app imports only from layers below it.

A newcomer reads the map in the README ("What is where") and trusts it: a lower app never imports a
higher one, not at module level and not inside a function, and apps of the same layer never import
each other. Every module under cidp_site/ is parsed (nothing is imported, so a lazy import inside a
function is seen too), as are dotted module names written as strings (importlib, import_string).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cidp_site"

# The README's map, lowest layer first.
LAYERS = [
    {"core"},
    {"pages"},
    {"links", "search", "feedback", "pagecache"},
    {"content_sync", "workflow"},
    {"gitsync"},
]
RANK = {app: n for n, layer in enumerate(LAYERS) for app in layer}
# The project's wiring, above every app: it may name any of them.
PROJECT_MODULES = {"settings", "urls", "wsgi", "__init__"}
DOTTED_RE = re.compile(r"^cidp_site\.(\w+)(\.|$)")


def module_parts(path: Path, root: Path = PACKAGE) -> list[str]:
    parts = ["cidp_site", *path.relative_to(root).with_suffix("").parts]
    return parts[:-1] if parts[-1] == "__init__" else parts


def imported_names(source: str, parts: list[str], is_package: bool):
    """(line, dotted name, from a string?) for every import in the module, wherever it stands, and
    every string that starts like a cidp_site module name."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, False
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = parts if is_package else parts[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            if node.module is None or node.level:
                # "from . import x" / "from .. import x": x may itself be a module of another app.
                for alias in node.names:
                    yield node.lineno, f"{module}.{alias.name}", False
            else:
                yield node.lineno, module, False
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and DOTTED_RE.match(node.value):
            yield node.lineno, node.value, True


def violations(root: Path = PACKAGE) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        parts = module_parts(path, root)
        owner = parts[1] if len(parts) > 1 else "__init__"
        if owner in PROJECT_MODULES:
            continue
        assert owner in RANK, f"{path}: app '{owner}' is not on the layer map (tests/test_layers.py, README)"
        source = path.read_text(encoding="utf-8")
        for line, name, from_string in imported_names(source, parts, path.name == "__init__.py"):
            match = DOTTED_RE.match(name)
            if not match or match.group(1) == owner:
                continue
            target = match.group(1)
            if from_string and target not in RANK and target not in PROJECT_MODULES:
                continue  # a logger's name such as "cidp_site.cache", not a module
            if target in PROJECT_MODULES:
                found.append(f"{path.relative_to(root.parent)}:{line}: {owner} imports the project's {name}")
            elif RANK.get(target, len(LAYERS)) >= RANK[owner]:
                found.append(
                    f"{path.relative_to(root.parent)}:{line}: {owner} (layer {RANK[owner]}) imports "
                    f"{name} (layer {RANK.get(target, '?')})"
                )
    return found


def test_no_app_imports_one_above_or_beside_it():
    assert violations() == []


def test_every_app_is_on_the_map():
    apps = {p.name for p in PACKAGE.iterdir() if (p / "apps.py").exists()}
    assert apps <= set(RANK), f"add {sorted(apps - set(RANK))} to LAYERS and the README's map"


@pytest.mark.parametrize(
    "where, code",
    [
        ("pages/models.py", "from cidp_site.workflow.dashboard import LIMIT\n"),
        ("links/views.py", "def f():\n    from cidp_site.content_sync import apply\n"),
        ("core/views.py", "from ..pages import models\n"),
        ("core/views.py", "from ..search.models import SynonymGroup\n"),
        ("search/views.py", "import cidp_site.feedback.models\n"),
        ("pagecache/store.py", "from django.utils.module_loading import import_string\n"
         "X = import_string('cidp_site.links.views.gone')\n"),
    ],
)  # fmt: skip
def test_an_import_up_or_across_the_layers_is_caught(tmp_path, where, code):
    """The checker itself: each of these, added to a copy of the package, is reported."""
    root = tmp_path / "cidp_site"
    for path in PACKAGE.rglob("*.py"):
        copy = root / path.relative_to(PACKAGE)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    target = root / where
    target.write_text(target.read_text(encoding="utf-8") + "\n" + code, encoding="utf-8")
    found = violations(root)
    assert len(found) == 1 and found[0].startswith(f"cidp_site/{where}:"), found


def test_an_import_down_the_layers_is_allowed(tmp_path):
    root = tmp_path / "cidp_site"
    (root / "gitsync").mkdir(parents=True)
    (root / "gitsync" / "x.py").write_text(
        "from cidp_site.content_sync import apply\nfrom ..core import editors\nimport cidp_site.pages\n"
    )
    assert violations(root) == []
