"""export_content: published CMS edits go back to their files, losslessly, and the next sync is a no-op."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Revision

from cidp_site.content_sync.apply import load
from cidp_site.content_sync.compare import differences
from cidp_site.content_sync.mapping import page_fields
from cidp_site.content_sync.models import ContentSyncState
from cidp_site.content_sync.validate import validate
from cidp_site.pages.models import FAQPage

pytestmark = pytest.mark.django_db


def faq(cid):
    return FAQPage.objects.get(content_id=cid)


def export(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("export_content", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return 1, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


def publish_edit(page, user=None, **changes):
    page = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision(user=user)
    revision.publish(user=user)
    return faq(page.content_id)


def resolver():
    states = {s.content_id: s.page_id for s in ContentSyncState.objects.all()}
    return states.__getitem__


def test_nothing_to_export_after_a_sync(synced):
    before = {p: p.read_bytes() for p in synced.rglob("*.md")}
    code, out, _ = export()
    assert code == 0 and "0 written, 0 already matching, 4 up to date" in out
    assert {p: p.read_bytes() for p in synced.rglob("*.md")} == before
    assert export("--check")[0] == 0


def test_published_edit_is_written_back_and_sync_is_then_a_no_op(synced, run_sync):
    page = publish_edit(faq("ivig-treatment"), title="IVIG: how it helps", summary="IVIG helps most people.")
    code, out, _ = export("--check")
    assert code == 1 and "ivig-treatment" in out
    original = (synced / "treatment" / "ivig.md").read_text()
    code, out, err = export()
    assert code == 0, err
    assert "1 written" in out
    text = (synced / "treatment" / "ivig.md").read_text()
    # Only the changed keys differ; the rest of the file is kept exactly as written.
    changed = [line for line in text.splitlines() if line not in original.splitlines()]
    assert changed == ["title: 'IVIG: how it helps'", "summary: IVIG helps most people."]
    assert text.splitlines()[0:2] == ["---", "id: ivig-treatment"]
    state = ContentSyncState.objects.get(content_id="ivig-treatment")
    assert state.synced_revision_id == page.live_revision_id
    revisions = Revision.objects.count()
    code, out, _ = run_sync()
    assert code == 0 and "0 created, 0 updated, 4 unchanged" in out
    assert Revision.objects.count() == revisions
    assert export("--check")[0] == 0


def _render_from_scratch(page):
    """Render a page with no existing file to copy from: every part goes through the converter."""
    from cidp_site.content_sync.export import KIND_OF
    from cidp_site.content_sync.serialise import render_file

    cid_of = {s.page_id: s.content_id for s in ContentSyncState.objects.all()}
    return render_file(page, KIND_OF[type(page)], None, None, cid_of.__getitem__)


def test_every_real_page_round_trips_through_a_full_render(db, settings, tmp_path):
    """parse(export(page)) maps to the same field values, for all of content/ rendered from scratch."""
    import shutil

    from cidp_site.content_sync.parse import parse_bytes

    shutil.copytree(settings.BASE_DIR / "content", tmp_path / "content")
    settings.CONTENT_DIR = tmp_path / "content"
    call_command("sync_content", verbosity=0)
    rendered = []
    for state in ContentSyncState.objects.select_related("page"):
        text = _render_from_scratch(state.page.specific)
        rendered.append(parse_bytes(text.encode(), tmp_path / state.source_path, state.source_path, 10**7))
    # The rendered files pass the same checks sync_content applies, all together...
    validate(rendered, settings.BASE_DIR / "static" / "content-images")
    assert [p.problems for p in rendered if p.problems] == []
    # ...and each maps back to exactly the page it came from.
    for parsed in rendered:
        page = FAQPage.objects.filter(content_id=parsed.front["id"]).first()
        page = page or ContentSyncState.objects.get(content_id=parsed.front["id"]).page.specific
        assert differences(page, page_fields(parsed, resolver())) == [], parsed.rel
    checked = len(rendered)
    assert checked == len(load(tmp_path / "content")) > 10


def test_export_all_of_unchanged_pages_keeps_files_byte_for_byte(synced, run_sync):
    before = {p: p.read_bytes() for p in synced.rglob("*.md")}
    code, out, err = export("--all")
    assert code == 0, err
    assert "0 written, 5 already matching" in out  # 4 pages and the shared warning list
    assert {p: p.read_bytes() for p in synced.rglob("*.md")} == before
    assert "4 unchanged" in run_sync()[1]


def test_question_edit_round_trips_and_keeps_other_questions_verbatim(synced, run_sync):
    page = faq("ivig-treatment")
    questions = page.questions.get_prep_value()
    answer = questions[1]["value"]
    answer["short_answer"] = "In a clinic, a hospital, or at home with a nurse."
    answer["answer"] = [
        {
            "type": "text",
            "value": f'<p>Ask your <b>nurse</b>. See <a id="{faq("ivig-side-effects").pk}" linktype="page">'
            "side effects</a>.</p>",
        },
        {"type": "callout", "value": {"level": "call-today", "text": "<ul><li>a bad headache</li></ul>"}},
    ]
    page = publish_edit(page, questions=questions)
    original = (synced / "treatment" / "ivig.md").read_text()
    assert export()[0] == 0
    text = (synced / "treatment" / "ivig.md").read_text()
    # The first question was not touched in the CMS, so its text (and line wrapping) is as written.
    first = original[original.index("## How well") : original.index("## Where")]
    assert first in text
    assert text.endswith(
        "## Where do I have it? {#where}\n\nIn a clinic, a hospital, or at home with a nurse.\n\n"
        "Ask your **nurse**. See [side effects](page:ivig-side-effects).\n\n"
        ":::call-today\n- a bad headache\n:::\n"
    )
    files = load(synced)
    parsed = next(p for p in files if p.rel == "treatment/ivig.md")
    assert differences(faq("ivig-treatment"), page_fields(parsed, resolver())) == []
    assert "4 unchanged" in run_sync()[1]
