"""Admin: the 'Was this page helpful?' and 'Feedback comments' reports, after the search report."""

from wagtail import hooks

from cidp_site.core.editors import register_report_menu, report_urls

from .reports import CommentsReport, FeedbackReport

REPORTS = [("feedback/", FeedbackReport), ("feedback-comments/", CommentsReport)]

hooks.register("register_admin_urls", lambda: report_urls(REPORTS))
register_report_menu(hooks, REPORTS, first_order=901)
