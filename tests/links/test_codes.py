"""Short codes: readable alphabet, written into front matter, unique, recorded by the sync, never reused."""

import io

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from cidp_site.content_sync.short_codes import add_codes
from cidp_site.links import codes
from cidp_site.links.models import ShortCode
from cidp_site.pages.models import FAQPage


def front(path):
    return yaml.safe_load(path.read_text().split("---")[1])


def test_alphabet_has_no_lookalikes_and_codes_are_never_all_digits():
    for bad in "01oil":
        assert bad not in codes.ALPHABET
    assert not codes.is_valid("23456") and codes.is_valid("2345a")
    assert not codes.is_valid("abc0e") and not codes.is_valid("ABCDE") and not codes.is_valid(None)
    taken = set()
    for _ in range(300):
        code = codes.new_code(taken)
        assert codes.is_valid(code) and code not in taken
        taken.add(code)
    assert codes.normalise(" K7M-2P ") == "k7m2p"


def test_add_codes_touches_only_the_front_matter_lines_it_adds():
    text = "---\nid: a\ntitle: A\n---\n## Q {#q}\n\nAnswer.\n"
    once = add_codes(text, "abcde", {"q": "fghjk"})
    assert (
        once
        == "---\nid: a\ntitle: A\nshort_code: abcde\nshort_codes:\n  q: fghjk\n---\n## Q {#q}\n\nAnswer.\n"
    )
    twice = add_codes(once, None, {"r": "mnpqr"})
    assert "short_codes:\n  q: fghjk\n  r: mnpqr\n---" in twice


def test_assign_writes_codes_for_pages_and_questions_then_check_passes(db, content_dir):
    with pytest.raises(CommandError, match="have no short code"):
        call_command("assign_short_codes", "--check", stdout=io.StringIO(), stderr=io.StringIO())
    before = (content_dir / "treatment" / "ivig.md").read_text()
    out = io.StringIO()
    call_command("assign_short_codes", "--dry-run", stdout=out)
    assert "Dry run" in out.getvalue()
    assert (content_dir / "treatment" / "ivig.md").read_text() == before
    out = io.StringIO()
    call_command("assign_short_codes", stdout=out)
    assert "Assigned 4 page code(s) and " in out.getvalue()
    meta = front(content_dir / "treatment" / "ivig.md")
    assert codes.is_valid(meta["short_code"])
    assert set(meta["short_codes"]) == {"how-well-it-works", "where"}
    out = io.StringIO()
    call_command("assign_short_codes", "--check", stdout=out)
    assert "have short codes" in out.getvalue()
    # The rest of the file is byte for byte what it was.
    after = (content_dir / "treatment" / "ivig.md").read_text()
    assert after.split("---", 2)[2] == before.split("---", 2)[2]


def test_the_real_content_has_every_code(db):
    call_command("assign_short_codes", "--check", stdout=io.StringIO())


def test_sync_records_codes_and_they_are_unique(linked):
    page = FAQPage.objects.get(content_id="ivig-treatment")
    meta = front(linked / "treatment" / "ivig.md")
    row = ShortCode.objects.get(code=meta["short_code"])
    assert (row.kind, row.page_id, row.anchor) == (ShortCode.PAGE, page.pk, "")
    assert ShortCode.objects.get(code=meta["short_codes"]["where"]).anchor == "where"
    all_codes = list(ShortCode.objects.values_list("code", flat=True))
    in_files = [
        code
        for path in linked.rglob("*.md")
        if path.parent.name != "warnings"  # shared warning lists are not pages: no short links
        for code in [front(path)["short_code"], *front(path).get("short_codes", {}).values()]
    ]
    assert len(all_codes) == len(set(all_codes)) == len(in_files) > 4
    assert set(all_codes) == set(in_files)


def test_a_code_used_twice_in_content_fails_the_check(db, content_dir, run_sync):
    call_command("assign_short_codes", stdout=io.StringIO())
    code = front(content_dir / "treatment" / "ivig.md")["short_code"]
    other = content_dir / "treatment" / "ivig-side-effects.md"
    meta = front(other)
    other.write_text(other.read_text().replace(f"short_code: {meta['short_code']}", f"short_code: {code}"))
    status, _, err = run_sync("--check")
    assert status == 1 and f"short code '{code}' is used more than once" in err


def test_a_malformed_code_fails_the_check(db, content_dir, run_sync):
    path = content_dir / "treatment" / "ivig.md"
    path.write_text(path.read_text().replace("related:", "short_code: OO11l\nrelated:", 1))
    status, _, err = run_sync("--check")
    assert status == 1 and "short code 'OO11l' must be 5 characters" in err


def test_a_retired_code_is_never_reused(linked, sync, run_sync):
    ivig = linked / "treatment" / "ivig.md"
    retired = front(ivig)["short_code"]
    ivig.unlink()
    sync()
    assert ShortCode.objects.get(code=retired).retired
    # Another page cannot take the retired code, even by hand ...
    side = linked / "treatment" / "ivig-side-effects.md"
    own = front(side)["short_code"]
    side.write_text(side.read_text().replace(f"short_code: {own}", f"short_code: {retired}"))
    status, _, err = run_sync()
    assert status == 1 and f"short code '{retired}' was issued to ivig-treatment" in err
    # ... and assign_short_codes never hands it out again.
    side.write_text(side.read_text().replace(f"short_code: {retired}\n", ""))
    call_command("assign_short_codes", stdout=io.StringIO())
    assert front(side)["short_code"] not in {retired, own}
