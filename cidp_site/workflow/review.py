"""Review dates: what approving a page stamps on it, and which pages are due.

A clinical reviewer's approval is the only thing that moves a page's review dates, so the stamp is
applied by the workflow task (see models.ClinicalReviewTask) and never by hand in a template.
"""

from __future__ import annotations

import calendar
import datetime

from django.utils import timezone

DUE_SOON_DAYS = 30
DEFAULT_REVIEW_MONTHS = 12


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or that month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def reviewer_name(user) -> str:
    return (user.get_full_name() or user.get_username()).strip()


def stamp(page, user, review_due: datetime.date | None = None, months: int = DEFAULT_REVIEW_MONTHS):
    """Set reviewed_on/by and review_due on a page object (not saved). Returns the page."""
    today = timezone.localdate()
    page.reviewed_on = today
    page.reviewed_by = reviewer_name(user)
    page.review_due = review_due if review_due and review_due > today else add_months(today, months)
    return page


def due_pages(within_days: int = DUE_SOON_DAYS):
    """Live FAQ pages whose review is overdue or due within ``within_days``, most urgent first."""
    from cidp_site.pages.models import FAQPage

    limit = timezone.localdate() + datetime.timedelta(days=within_days)
    pages = FAQPage.objects.live().filter(review_due__isnull=False, review_due__lte=limit)
    return pages.order_by("review_due", "title")
