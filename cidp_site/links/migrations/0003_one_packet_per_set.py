"""One packet per set of pages, enforced by the database.

Packets made twice before the constraint (two clinicians at the same moment) both keep their codes,
since either may be printed; only the oldest stays the one reused for that set of pages.
"""

from django.conf import settings
from django.db import migrations, models


def keep_oldest_for_reuse(apps, schema_editor):
    ShortCode = apps.get_model("links", "ShortCode")
    seen = set()
    for row in ShortCode.objects.filter(kind="packet").exclude(members_key="").order_by("pk"):
        if row.members_key in seen:
            ShortCode.objects.filter(pk=row.pk).update(members_key="")
        seen.add(row.members_key)


class Migration(migrations.Migration):
    dependencies = [
        ("links", "0002_page_codes"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.RunPython(keep_oldest_for_reuse, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="shortcode",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind", "packet"), models.Q(("members_key", ""), _negated=True)),
                fields=("members_key",),
                name="one_packet_per_set_of_pages",
            ),
        ),
    ]
