"""Site-wide settings an administrator may change without a deploy."""

from django.db import models
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


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
