"""``codes:`` in front matter: sync_content --check refuses bad codes, and a sync records good ones."""

import pytest

from cidp_site.links.connect import codes
from cidp_site.links.models import PageCode


def add_codes(path, block: str):
    """Put a ``codes:`` block at the end of a file's front matter."""
    text = path.read_text()
    head, rest = text.split("\n---\n", 1)
    path.write_text(f"{head}\n{block.rstrip()}\n---\n{rest}")
    return len(head.split("\n")) + 1  # the line of 'codes:'


def check(run_sync):
    status, _, err = run_sync("--check")
    return status, err


@pytest.mark.parametrize(
    "block, line_offset, message",
    [
        ("codes: G61.81", 0, "'codes' must list codes by code system"),
        ("codes:\n  icd10: [G61.81]", 1, "unknown code system 'icd10' (use icd10cm, snomed)"),
        ("codes:\n  icd10cm: G61.81", 1, "'codes: icd10cm' must be a list of codes"),
        ("codes:\n  icd10cm: [G6181]", 1, "'G6181' is not a valid ICD-10-CM code; write it like G61.81"),
        ("codes:\n  icd10cm: [g61.81]", 1, "'g61.81' is not a valid ICD-10-CM code"),
        ("codes:\n  icd10cm: [U07.1X]", 1, "'U07.1X' is not a valid ICD-10-CM code"),
        ("codes:\n  snomed: [40956002]", 1, "'40956002' is not a valid SNOMED CT code; check the concept id"),
        ("codes:\n  snomed: [G61.81]", 1, "'G61.81' is not a valid SNOMED CT code"),
        ("codes:\n  icd10cm: [G61.0, G61.0]", 1, "ICD-10-CM code G61.0 is listed twice"),
        ("codes:\n  icd10cm:\n    - {code: G61.0, order: 0}", 2, "the order of G61.0 must be a whole number"),
        ("codes:\n  icd10cm:\n    - {code: G61.0, rank: 1}", 1, "a code with an order is written"),
    ],
)
def test_the_check_refuses_a_malformed_code_or_system(content_dir, run_sync, block, line_offset, message):
    line = add_codes(content_dir / "treatment" / "ivig.md", block)
    status, err = check(run_sync)
    assert status == 1
    assert f"content/treatment/ivig.md:{line + line_offset}: {message}" in err


def test_one_code_on_two_pages_needs_a_stated_order(content_dir, run_sync):
    ivig, side = content_dir / "treatment" / "ivig.md", content_dir / "treatment" / "ivig-side-effects.md"
    add_codes(ivig, "codes:\n  icd10cm: [G61.81]")
    line = add_codes(side, "codes:\n  icd10cm: [G61.81]")
    status, err = check(run_sync)
    assert status == 1
    assert (
        f"content/treatment/ivig-side-effects.md:{line + 1}: ICD-10-CM code G61.81 is also claimed by "
        "content/treatment/ivig.md; give each page an order"
    ) in err
    assert "content/treatment/ivig.md:" in err  # both sides are told
    # The same order twice is refused too...
    ivig.write_text(ivig.read_text().replace("[G61.81]", "[{code: G61.81, order: 1}]"))
    side.write_text(side.read_text().replace("[G61.81]", "[{code: G61.81, order: 1}]"))
    status, err = check(run_sync)
    assert status == 1 and "has order 1 on content/treatment/ivig.md too" in err
    # ...and a stated order is accepted.
    side.write_text(side.read_text().replace("order: 1}", "order: 2}"))
    assert check(run_sync)[0] == 0


def test_a_sync_records_the_codes_and_replaces_them_when_the_file_changes(content_dir, run_sync, db):
    ivig = content_dir / "treatment" / "ivig.md"
    add_codes(ivig, "codes:\n  icd10cm: [G61.81, {code: G61.89, order: 2}]\n  snomed: [40956001]")
    assert run_sync()[0] == 0
    rows = {(r.system, r.code, r.order, r.content_id) for r in PageCode.objects.all()}
    assert rows == {
        ("icd10cm", "G61.81", None, "ivig-treatment"),
        ("icd10cm", "G61.89", 2, "ivig-treatment"),
        ("snomed", "40956001", None, "ivig-treatment"),
    }
    ivig.write_text(
        ivig.read_text()
        .replace("codes:\n", "")
        .replace("  icd10cm: [G61.81, {code: G61.89, order: 2}]\n  snomed: [40956001]\n", "")
    )
    assert run_sync()[0] == 0
    assert not PageCode.objects.exists()


def test_the_sites_content_declares_the_starting_codes(settings, run_sync):
    """The real content/ passes the check and names the five starting codes, each on its page."""
    from pathlib import Path

    from cidp_site.content_sync.parse import parse_file
    from cidp_site.links.connect.content import claims

    root = Path(settings.BASE_DIR) / "content"
    found = {}
    for path in sorted(root.rglob("*.md")):
        if path.name == "README.md":
            continue
        parsed = parse_file(path, root, 10**6)
        for claim in claims(parsed):
            found[(claim.system, claim.code)] = parsed.front["id"]
    assert {k: v for k, v in found.items() if k[0] == codes.ICD10CM} == {
        ("icd10cm", "G61.81"): "what-is-cidp",
        ("icd10cm", "G61.0"): "gbs",
        ("icd10cm", "G70.00"): "myasthenia-gravis",
        ("icd10cm", "G70.01"): "myasthenia-gravis",
        ("icd10cm", "G61.82"): "mmn",
    }


def test_code_helpers():
    assert codes.normalise(codes.ICD10CM, " g7001 ") == "G70.01"
    assert codes.broader(codes.ICD10CM, "G70.019") == ["G70.01", "G70.0", "G70"]
    assert codes.broader(codes.SNOMED, "40956001") == []
    assert codes.is_valid(codes.SNOMED, "40956001") and not codes.is_valid(codes.SNOMED, "40956011")
