"""Admin wiring: the reviews-due dashboard panel and report, and the readability check's assets."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cidp_site.core.editors import EditorsMenuItem

from .dashboard import MyDraftsPanel, NotFoundPanel, UnhelpfulPanel, WaitingForReviewPanel
from .guide import GuideView
from .views import ReviewDuePanel, ReviewDueReportView


@hooks.register("construct_homepage_panels")
def add_editor_panels(request, panels):
    panels.extend(
        [
            MyDraftsPanel(request.user),
            WaitingForReviewPanel(request.user),
            ReviewDuePanel(request.user),
            NotFoundPanel(request.user),
            UnhelpfulPanel(request.user),
        ]
    )


@hooks.register("register_admin_urls")
def review_due_urls():
    return [
        path("guide/", GuideView.as_view(), name="nurses_guide"),
        path("reports/reviews-due/", ReviewDueReportView.as_view(), name="review_due_report"),
        path(
            "reports/reviews-due/results/",
            ReviewDueReportView.as_view(results_only=True),
            name="review_due_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def review_due_menu_item():
    return EditorsMenuItem(
        "Reviews due", reverse("review_due_report"), name="reviews-due", icon_name="date", order=50
    )


@hooks.register("register_admin_menu_item")
def guide_menu_item():
    return MenuItem("Guide for nurses", reverse("nurses_guide"), name="guide", icon_name="help", order=900)
