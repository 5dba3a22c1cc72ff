"""Glossary terms as data: name, definition and "Also called" words in the glossary page, search-only
words in glossary.yaml; both round-trip byte for byte, feed search, and refuse conflicts and bad input
with path:line, changing nothing."""

import pytest

from cidp_site.pages.models import FAQPage
from cidp_site.search.models import SynonymGroup
from cidp_site.search.query import search
from tests.commands import run

pytestmark = pytest.mark.django_db


def rows():
    return sorted(SynonymGroup.objects.values_list("glossary_anchor", "terms", "note"))


def line_of(path, text):
    return path.read_text().splitlines().index(text) + 1


def locations(query):
    return [loc for r in search(query).results[:3] for loc in r.locations]


def test_export_writes_both_glossary_files_back_byte_for_byte(site):
    before = {name: (site / name).read_bytes() for name in ("glossary.yaml", "help/glossary.md")}
    for args in ((), ("--all",)):
        assert run("export_content", *args)[0] == 0
        assert {name: (site / name).read_bytes() for name in before} == before
    assert run("export_content", "--check")[0] == 0
    code, out, _ = run("sync_content")
    assert code == 0 and "Search synonyms updated" not in out


# The relapse term's search-only words in content/glossary.yaml, in order.
RELAPSE_SEARCH_WORDS = [
    "flare",
    "flareup",
    "relapsing",
    "flair",
    "flair up",
    "flair ups",
    "exacerbation",
    "exacerbations",
]


def test_a_terms_name_also_called_and_search_words_make_one_synonym_group(site):
    group = SynonymGroup.objects.get(glossary_anchor="relapse")
    # Name from the heading, shown words from the page's "Also called:", then the search-only words.
    assert group.term_list() == ["Relapse", "flare-up", *RELAPSE_SEARCH_WORDS]
    assert ("glossary", "relapse") in locations("flare-up")
    assert ("glossary", "axon") in locations("nerve fiber")


def test_the_same_word_in_two_terms_or_groups_is_refused_naming_both_places(site):
    before = rows()
    yaml_path = site / "glossary.yaml"
    text = yaml_path.read_text().replace("  relapse: [flare, ", "  relapse: [flare, tired, ")
    yaml_path.write_text(text)
    at = line_of(yaml_path, next(ln for ln in text.splitlines() if ln.startswith("  relapse:")))
    group_line = line_of(yaml_path, next(ln for ln in text.splitlines() if "[tiredness, tired" in ln))
    for args in ((), ("--check",)):
        code, _, err = run("sync_content", *args)
        assert code == 1
        assert (
            f"glossary.yaml:{group_line}: 'tired' is already a word of the term #relapse (glossary.yaml:{at})"
        ) in err
    assert rows() == before


def test_a_pages_also_called_word_used_by_a_group_is_refused_at_its_line(site):
    before = rows()
    page_path = site / "help" / "glossary.md"
    page_path.write_text(page_path.read_text().replace("Also called: drip.", "Also called: drip, fatigue."))
    at = line_of(page_path, "Also called: drip, fatigue.")
    code, _, err = run("sync_content")
    assert code == 1
    assert f"'fatigue' is already a word of the term #infusion (content/help/glossary.md:{at})" in err
    assert "nothing was changed" in err
    assert rows() == before
    assert "fatigue" not in str(FAQPage.objects.get(content_id="glossary").questions.raw_data)


def test_a_duplicate_term_an_empty_definition_and_html_are_refused_with_lines(site):
    before = rows()
    page_path = site / "help" / "glossary.md"
    text = page_path.read_text()
    text = text.replace("## Reflex {#reflex}", "## Myelin {#reflex}")
    text = text.replace(
        "A relapse is when your symptoms come back or get worse again after they had got better.",
        "[@ean-pns-2021]",
    )
    page_path.write_text(text)
    yaml_path = site / "glossary.yaml"
    yaml_text = yaml_path.read_text().replace("  antibody: [antibodies, ", '  antibody: ["<b>x</b>", ')
    yaml_path.write_text(yaml_text)
    code, _, err = run("sync_content", "--check")
    assert code == 1
    myelin = line_of(page_path, "## Myelin {#myelin}")
    assert (
        f"content/help/glossary.md:{line_of(page_path, '## Myelin {#reflex}')}: the term 'Myelin' is already "
        f"defined on line {myelin}" in err
    )
    assert (
        f"content/help/glossary.md:{line_of(page_path, '## Relapse {#relapse}')}: the term 'Relapse' has an "
        "empty definition" in err
    )
    antibody = line_of(yaml_path, next(ln for ln in yaml_text.splitlines() if ln.startswith("  antibody:")))
    assert f"glossary.yaml:{antibody}: 'antibody': '<b>x</b>' holds HTML or control characters" in err
    assert run("sync_content")[0] == 1
    assert rows() == before


def test_a_term_edited_in_the_cms_goes_through_review_and_is_exported(site):
    page = FAQPage.objects.get(content_id="glossary")
    assert page.get_workflow().name == "Clinical review"  # a definition is reviewed like any page
    draft = page.get_latest_revision_as_object()
    for block in draft.questions:
        if block.value["anchor"] == "relapse":
            answer = block.value["answer"]
            answer[0].value.source = answer[0].value.source.replace(
                "flare-up", "flare-up, relapse of symptoms"
            )
    draft.save_revision().publish()
    # Search knows the new word as soon as the reviewed page is live.
    group = SynonymGroup.objects.get(glossary_anchor="relapse").term_list()
    assert group == ["Relapse", "flare-up", "relapse of symptoms", *RELAPSE_SEARCH_WORDS]
    yaml_before = (site / "glossary.yaml").read_bytes()
    code, out, _ = run("export_content")
    assert code == 0
    assert "Also called: flare-up, relapse of symptoms.\n" in (site / "help" / "glossary.md").read_text()
    assert (site / "glossary.yaml").read_bytes() == yaml_before
    code, out, _ = run("sync_content")
    assert code == 0 and "Search synonyms updated" not in out  # export and publish left nothing to do
    assert run("export_content", "--check")[0] == 0


def test_a_word_taken_off_the_page_in_the_cms_is_not_kept_as_a_hidden_search_word(site):
    draft = FAQPage.objects.get(content_id="glossary").get_latest_revision_as_object()
    for block in draft.questions:
        if block.value["anchor"] == "intravenous":
            block.value["answer"] = []  # its only paragraph was "Also called: IV."
    draft.save_revision().publish()
    assert SynonymGroup.objects.get(glossary_anchor="intravenous").term_list() == [
        "Intravenous",
        "into a vein",
        "in a vein",
    ]
    assert run("export_content")[0] == 0
    assert "Also called: IV." not in (site / "help" / "glossary.md").read_text()
    assert "  intravenous: [into a vein, in a vein]\n" in (site / "glossary.yaml").read_text()
    code, out, _ = run("sync_content")
    assert code == 0 and "Search synonyms updated" not in out


def test_export_refuses_a_nurses_group_that_reuses_a_terms_word_and_writes_nothing(site):
    SynonymGroup.objects.create(terms="worn down, flare", note="Added by a nurse")
    before = (site / "glossary.yaml").read_bytes()
    code, _, err = run("export_content")
    assert code == 1
    assert "'flare' is already a word of the term #relapse" in err and "nothing was written" in err
    assert (site / "glossary.yaml").read_bytes() == before
