"""Site-wide settings an administrator may change without a deploy."""

from django.db import models
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
