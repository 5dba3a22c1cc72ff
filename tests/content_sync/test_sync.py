"""sync_content: create, update in place, idempotence, removal, and all-or-nothing application."""

import pytest
from wagtail.models import Page, Revision, Site

from cidp_site.content_sync.models import ContentSyncState
from cidp_site.pages.models import FAQPage, HomePage, SectionPage

pytestmark = pytest.mark.django_db


def faq(cid):
    return FAQPage.objects.get(content_id=cid)


def revisions(page):
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def test_first_sync_creates_the_tree_and_points_the_site_at_home(synced):
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    section = SectionPage.objects.get(content_id="treatment")
    ivig = faq("ivig-treatment")
    assert section.get_parent().pk == home.pk
    assert ivig.get_parent().pk == section.pk
    assert ivig.live and ivig.url == "/treatment/ivig/"
    # Wagtail's placeholder welcome page is gone; ours is the only child of the root.
    assert [p.pk for p in Page.get_first_root_node().get_children()] == [home.pk]


def test_questions_are_mapped_with_short_answer_anchor_and_rich_text(synced):
    ivig = faq("ivig-treatment")
    first = ivig.questions[0].value
    assert first["question"] == "How well does IVIG work?"
    assert first["anchor"] == "how-well-it-works"
    assert first["short_answer"] == "It helps 7 to 9 out of 10 people with CIDP [@ice-trial-2008]."
    html = first["answer"][0].value.source
    assert "<b>regular</b>" in html and "<ul><li>one point</li>" in html
    # An internal link is stored as a page reference, so it survives the target moving.
    target = faq("ivig-side-effects")
    assert f'<a id="{target.pk}" linktype="page">side effects</a>' in html
    # No reviewer in the file: the page holds no review, so it cannot claim one.
    assert (ivig.reviewed_on, ivig.reviewed_by, ivig.review_due) == (None, "", None)
    reviewed = faq("ivig-side-effects")
    assert reviewed.reviewed_by == "Test reviewer" and str(reviewed.review_due) == "2027-11-20"
    assert [r.value.pk for r in ivig.related] == [target.pk]


def test_each_import_is_a_published_revision_by_the_sync_user(synced):
    page = faq("ivig-treatment")
    revision = page.latest_revision
    assert revision.user.username == "content-sync"
    assert page.live_revision_id == revision.pk


def test_second_run_is_a_no_op_without_writes(synced, run_sync, django_assert_max_num_queries):
    before = Revision.objects.count()
    # Reading the states is all an unchanged run may do (pages, warning lists, sources).
    with django_assert_max_num_queries(5):
        code, out, _ = run_sync()
    assert code == 0
    assert "0 created, 0 updated, 4 unchanged" in out
    assert Revision.objects.count() == before


def test_changed_file_updates_the_same_page_with_a_new_revision(synced, run_sync):
    page = faq("ivig-treatment")
    pk, count = page.pk, revisions(page)
    path = synced / "treatment" / "ivig.md"
    path.write_text(path.read_text().replace("title: IVIG treatment", "title: About IVIG"))
    code, out, _ = run_sync()
    assert code == 0 and "1 updated" in out
    page = faq("ivig-treatment")
    assert page.pk == pk and page.title == "About IVIG"
    assert revisions(page) == count + 1
    assert page.live


def test_new_file_is_created(synced, run_sync):
    (synced / "treatment" / "home-infusions.md").write_text(
        (synced / "treatment" / "ivig-side-effects.md")
        .read_text()
        .replace("id: ivig-side-effects", "id: home-infusions")
    )
    code, out, _ = run_sync()
    assert code == 0 and "1 created" in out
    assert faq("home-infusions").url == "/treatment/home-infusions/"


def test_removed_file_unpublishes_but_never_deletes(synced, run_sync):
    pk = faq("ivig-side-effects").pk
    removed = synced / "treatment" / "ivig-side-effects.md"
    removed_text = removed.read_text()
    removed.unlink()
    # The other page links to it; drop that link so the content stays valid.
    ivig = synced / "treatment" / "ivig.md"
    ivig_text = ivig.read_text()
    ivig.write_text(
        ivig_text.replace("related:\n  - ivig-side-effects\n", "").replace(
            "See [side effects](page:ivig-side-effects).", ""
        )
    )
    code, out, _ = run_sync()
    assert code == 0 and "1 unpublished" in out
    page = FAQPage.objects.get(pk=pk)
    assert not page.live
    assert ContentSyncState.objects.get(content_id="ivig-side-effects").retired
    # Running again does nothing more.
    assert "0 unpublished" in run_sync()[1]
    # Bringing the unchanged file back republishes the same page, at its old address.
    removed.write_text(removed_text)
    ivig.write_text(ivig_text)
    code, out, _ = run_sync()
    assert code == 0 and "0 created, 2 updated" in out, out  # the page that came back, and its linker
    page = FAQPage.objects.get(pk=pk)
    assert page.live and page.url == "/treatment/ivig-side-effects/"
    assert not ContentSyncState.objects.get(content_id="ivig-side-effects").retired
    assert FAQPage.objects.filter(content_id="ivig-side-effects").count() == 1


def test_moving_a_file_moves_the_same_page(synced, run_sync):
    pk = faq("ivig-side-effects").pk
    (synced / "more").mkdir()
    (synced / "more" / "_index.md").write_text("---\nid: more\ntitle: More\n---\n")
    (synced / "treatment" / "ivig-side-effects.md").rename(synced / "more" / "side-effects.md")
    code, out, err = run_sync()
    assert code == 0, err
    page = FAQPage.objects.get(pk=pk)
    assert page.get_parent().specific.content_id == "more"
    assert page.url == "/more/side-effects/"  # the slug follows the new file name


def test_order_key_sets_the_position_among_siblings(synced, run_sync):
    section = SectionPage.objects.get(content_id="treatment")

    def titles():
        return [p.title for p in section.get_children()]

    # By default, file-path order: "ivig-side-effects.md" sorts before "ivig.md".
    assert titles() == ["Side effects of IVIG", "IVIG treatment"]
    path = synced / "treatment" / "ivig.md"
    path.write_text(path.read_text().replace("title: IVIG", "order: 1\ntitle: IVIG"))
    assert run_sync()[0] == 0
    assert titles() == ["IVIG treatment", "Side effects of IVIG"]


def test_soft_wrapped_lines_join_into_one_paragraph(synced, run_sync, client):
    path = synced / "treatment" / "ivig.md"
    path.write_text(
        path.read_text().replace(
            "In a clinic, a hospital or at home.",
            "In a clinic, a hospital or at home.\n\nThis sentence is\nwrapped in the file.",
        )
    )
    assert run_sync()[0] == 0
    html = client.get("/treatment/ivig/").content.decode()
    assert "<p>This sentence is wrapped in the file.</p>" in html
