"""content/glossary.yaml: the glossary's "also called" words and nurses' synonym groups, both ways."""

import pytest

from cidp_site.search.models import SynonymGroup
from cidp_site.search.query import search
from tests.commands import run

pytestmark = pytest.mark.django_db


def locations(query, top=3):
    return [loc for r in search(query).results[:top] for loc in r.locations]


def test_a_words_also_called_in_the_glossary_finds_the_term(site):
    # A word search cannot work out by itself ("kneejerk" would be split into "knee jerk", which
    # the glossary already has).
    # Which of the answers about reflexes comes first is for ranking (the doctor's examination,
    # "What are reflexes?", the glossary's term); the term must be among them.
    assert ("glossary", "reflex") not in locations("patellar", 10)
    path = site / "glossary.yaml"
    path.write_text(path.read_text().replace("reflex: [", "reflex: [patellar, "))
    code, out, _ = run("sync_content")
    assert code == 0 and "Search synonyms updated" in out
    assert ("glossary", "reflex") in locations("patellar", 10)
    group = SynonymGroup.objects.get(glossary_anchor="reflex")
    assert group.term_list()[:2] == ["Reflex", "patellar"]  # the term's name comes from the page


def test_a_synonym_group_added_in_the_admin_is_exported_and_survives_the_next_sync(site):
    SynonymGroup.objects.create(terms="shaky, walking harder", note="Added by a nurse")
    assert ("cidp-symptoms", "trouble-walking") in locations("shaky")
    code, out, _ = run("export_content", "--check")
    assert code == 1 and "glossary.yaml" in out
    assert run("export_content")[0] == 0
    text = (site / "glossary.yaml").read_text()
    assert "  - terms: [shaky, walking harder]\n    note: Added by a nurse\n" in text
    assert run("export_content", "--check")[0] == 0
    code, out, _ = run("sync_content")
    assert code == 0 and "Search synonyms updated" not in out
    assert SynonymGroup.objects.filter(terms="shaky, walking harder").exists()


def test_a_term_edited_in_the_admin_is_exported_by_its_anchor(site):
    group = SynonymGroup.objects.get(glossary_anchor="myelin")
    group.terms += ", nerve insulation"
    group.save()
    assert run("export_content")[0] == 0
    line = next(ln for ln in (site / "glossary.yaml").read_text().splitlines() if ln.startswith("  myelin:"))
    assert line.endswith(", nerve insulation]") and "Myelin," not in line


def test_an_unknown_term_is_reported_with_its_line_and_nothing_changes(site):
    before = sorted(SynonymGroup.objects.values_list("terms", flat=True))
    path = site / "glossary.yaml"
    lines = path.read_text().splitlines(keepends=True)
    at = lines.index("terms:\n") + 1
    lines.insert(at, "  myelinn: [coat]\n")
    lines.append("  - terms: [lonely]\n")
    path.write_text("".join(lines))
    for args in ((), ("--check",)):
        code, _, err = run("sync_content", *args)
        assert code == 1
        assert f"glossary.yaml:{at + 1}: 'myelinn' is not a term (anchor) on the glossary page" in err
        assert f"glossary.yaml:{len(lines)}: a group needs at least two words or phrases" in err
    assert sorted(SynonymGroup.objects.values_list("terms", flat=True)) == before
