"""'Was this page helpful?': no cookie on the page, origin-checked, rate limited, no personal data."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from cidp_site.core import models as core_models
from cidp_site.feedback.models import FeedbackComment, PageFeedback
from cidp_site.pages.models import FAQPage
from cidp_site.search.models import ZeroResultQuery

pytestmark = pytest.mark.django_db
ORIGIN = "http://testserver"


@pytest.fixture
def page(synced):
    return FAQPage.objects.get(content_id="ivig-treatment")


def vote(client, page, answer="yes", **headers):
    return client.post(reverse("feedback_vote", args=[page.pk]), {"helpful": answer}, headers=headers)


def total(page, helpful):
    return sum(PageFeedback.objects.filter(page=page, helpful=helpful).values_list("count", flat=True))


def test_every_page_has_the_form_and_sets_no_cookie(page, client):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    assert {type(p).__name__ for p in pages} == {"HomePage", "SectionPage", "FAQPage"}
    for live in pages:
        response = client.get(live.url)
        html = response.content.decode()
        assert "Was this page helpful?" in html, live.url
        assert f'action="/feedback/{live.pk}/"' in html, live.url
        assert "csrfmiddlewaretoken" not in html
        assert not response.cookies  # cached pages stay identical for every anonymous reader


def test_a_same_origin_vote_is_counted_per_day(page, client):
    response = vote(client, page, "yes", Origin=ORIGIN)
    assert response.status_code == 303
    assert response["Location"] == f"/feedback/{page.pk}/thanks/?helpful=yes"
    vote(client, page, "yes", Origin=ORIGIN)
    vote(client, page, "no", **{"Sec-Fetch-Site": "same-origin"})
    vote(client, page, "no", Referer=f"{ORIGIN}{page.url}")
    assert (total(page, True), total(page, False)) == (2, 2)
    assert PageFeedback.objects.count() == 2  # one row per page, day and answer
    assert {f.name for f in PageFeedback._meta.fields} == {"id", "page", "day", "count", "helpful"}


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Referer": "https://evil.example/page"},
        {"Origin": "https://evil.example", "Referer": f"{ORIGIN}/"},
    ],
)
def test_cross_site_votes_are_refused(page, client, headers):
    response = vote(client, page, "yes", **headers)
    assert response.status_code == 403
    assert b"Sorry, that did not work" in response.content
    assert not PageFeedback.objects.exists()


def test_bad_votes_give_a_normal_page(page, client):
    assert vote(client, page, "maybe", Origin=ORIGIN).status_code == 400
    assert client.get(reverse("feedback_vote", args=[page.pk])).status_code == 405
    assert client.post(reverse("feedback_vote", args=[999999]), {"helpful": "yes"}).status_code == 404
    assert not PageFeedback.objects.exists()


def test_votes_are_rate_limited_per_client(page, client):
    codes = [vote(client, page, "no", Origin=ORIGIN).status_code for _ in range(8)]
    assert codes == [303] * 5 + [429] * 3
    assert total(page, False) == 5
    other = Client(REMOTE_ADDR="10.0.0.2")
    assert vote(other, page, "no", Origin=ORIGIN).status_code == 303


def test_comment_is_a_second_step_origin_checked_without_a_cookie(page):
    client = Client(enforce_csrf_checks=True)
    url = reverse("feedback_thanks", args=[page.pk])
    # From another site (or with no sign of where it came from) the comment is refused.
    assert client.post(url, {"helpful": "no", "comment": "spam"}).status_code == 403
    cross = client.post(url, {"helpful": "no", "comment": "spam"}, headers={"Origin": "https://evil.example"})
    assert cross.status_code == 403
    assert not FeedbackComment.objects.exists()
    # The reader who voted sees the comment form, and gets no cookie for it.
    voted = vote(client, page, "no", Origin=ORIGIN)
    form = client.get(voted["Location"])
    assert form["Cache-Control"].startswith("max-age=0")
    assert b'name="comment"' in form.content
    assert b"csrfmiddlewaretoken" not in form.content
    assert not voted.cookies and not form.cookies and not client.cookies
    response = client.post(
        url, {"helpful": "no", "comment": "  Too many long words.  "}, headers={"Origin": ORIGIN}
    )
    assert response.status_code == 200 and b"Thank you" in response.content
    assert not response.cookies and not client.cookies
    comment = FeedbackComment.objects.get()
    assert (comment.page_id, comment.helpful, comment.comment) == (page.pk, False, "Too many long words.")
    assert {f.name for f in FeedbackComment._meta.fields} == {"id", "page", "day", "helpful", "comment"}


def test_comments_are_rate_limited(page, client):
    url = reverse("feedback_thanks", args=[page.pk])
    codes = [
        client.post(url, {"helpful": "yes", "comment": f"c{n}"}, headers={"Origin": ORIGIN}).status_code
        for n in range(5)
    ]
    assert codes == [200] * 3 + [429] * 2
    assert FeedbackComment.objects.count() == 3


def test_comments_are_forgotten_after_the_keep_period(page, client, settings):
    settings.READER_TEXT_KEEP_DAYS = 180
    core_models._forgotten.clear()
    today = timezone.localdate()
    FeedbackComment.objects.create(page=page, helpful=False, comment="old", day=today - timedelta(days=181))
    FeedbackComment.objects.create(page=page, helpful=False, comment="kept", day=today - timedelta(days=180))
    url = reverse("feedback_thanks", args=[page.pk])
    assert (
        client.post(url, {"helpful": "yes", "comment": "new"}, headers={"Origin": ORIGIN}).status_code == 200
    )
    assert set(FeedbackComment.objects.values_list("comment", flat=True)) == {"kept", "new"}


def test_reports_list_what_readers_miss_most_frequent_first(page, client):
    for _ in range(3):
        ZeroResultQuery.record("flu jab")
    ZeroResultQuery.record("driving")
    PageFeedback.record(page, helpful=False)
    FeedbackComment.objects.create(page=page, helpful=False, comment="Needs a picture")
    admin = get_user_model().objects.create_superuser("nurse", "n@example.org", "pw-long-enough-1")
    client.force_login(admin)
    html = client.get(reverse("search_zero_results")).content.decode()
    assert html.index("flu jab") < html.index("driving")
    # The report also holds searches answered only by meaning, so its title must not say "no results".
    assert "Searches whose words no page uses" in html
    feedback = client.get(reverse("feedback_report")).content.decode()
    assert page.title in feedback
    assert "Needs a picture" in client.get(reverse("feedback_comments")).content.decode()
    menu = client.get("/admin/reports/zero-results/").status_code
    assert menu == 200


def test_reports_are_for_editors_only(page, client):
    user = get_user_model().objects.create_user("reader", "r@example.org", "pw-long-enough-1")
    client.force_login(user)
    assert client.get(reverse("search_zero_results")).status_code in (302, 403)
