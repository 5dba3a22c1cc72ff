"""Each entry's other ways readers ask, one a line, for nearness of meaning (search.meaning).

Entries written before this stay empty until their page is indexed again (published, or synced
from content/ with a change); `manage.py rebuild_search_entries` fills them all at once. Until then
meaning compares with the title and short answer, as before.

The column is nullable so that SQLite adds it in place (ALTER TABLE ... ADD COLUMN): a field that
needs a default makes Django rebuild the table, which drops migration 0002's full-text triggers.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_label_is_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="phrasings",
            field=models.TextField(blank=True, null=True),
        ),
    ]
