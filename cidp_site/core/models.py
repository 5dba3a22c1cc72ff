"""Site-wide settings an administrator may change without a deploy, and the shape of a daily count."""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site


@register_setting(icon="warning")
class EmergencySettings(BaseSiteSetting):
    """The emergency telephone number every emergency callout shows.

    It lives here, not in content/, because it depends on where the site is deployed (999 in the
    UK, 911 in North America, 112 across Europe), while the warning signs themselves do not.
    """

    emergency_number = models.CharField(
        max_length=20,
        default="999",
        help_text="Shown in every emergency warning, e.g. 'Emergency: call 999'. 999 in the UK, "
        "911 in the US and Canada, 112 in most of Europe.",
    )

    class Meta:
        verbose_name = "Emergency number"

    @classmethod
    def number_for(cls, request) -> str:
        """The number for this request's site, read without writing: Wagtail's own lookup creates
        the row on first use, and an anonymous reader's GET must never write to the database."""
        cached = getattr(request, "_emergency_number", None)
        if cached is None:
            site = Site.find_for_request(request) if request is not None else None
            row = cls.objects.filter(site=site).only("emergency_number").first() if site else None
            cached = row.emergency_number if row else cls._meta.get_field("emergency_number").default
            if request is not None:
                request._emergency_number = cached
        return cached


class DailyCount(models.Model):
    """A count per day of something readers did, keyed by what it counts (no reader identity)."""

    day = models.DateField(default=timezone.localdate, db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    @classmethod
    def count_one(cls, day=None, **key) -> None:
        """Add one to the row for ``key`` on ``day`` (today by default), creating it at 1."""
        day = day or timezone.localdate()
        row, created = cls.objects.get_or_create(day=day, defaults={"count": 1}, **key)
        if not created:
            cls.objects.filter(pk=row.pk).update(count=F("count") + 1)


_forgotten: dict[str, date] = {}


def forget_old_reader_text(model) -> int:
    """Delete ``model``'s rows dated more than READER_TEXT_KEEP_DAYS ago; returns how many went.

    A search that found nothing and a feedback comment are text a reader typed, and a reader may
    type a name or a detail about their health: nurses need recent ones to act on, nobody needs them
    for good. Run as each new one is stored, at most once a day in each process, so no scheduled job
    has to exist for old ones to go.
    """
    today = timezone.localdate()
    if _forgotten.get(model._meta.label) == today:
        return 0
    _forgotten[model._meta.label] = today
    cutoff = today - timedelta(days=settings.READER_TEXT_KEEP_DAYS)
    deleted, _ = model.objects.filter(day__lt=cutoff).delete()
    return deleted
