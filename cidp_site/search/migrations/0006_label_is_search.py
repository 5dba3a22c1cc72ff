"""The app's label is now ``search``, its package's name; until 0006 it was ``site_search``.

Nothing in the database moves: every model keeps its ``site_search_*`` table (``db_table``), as do
the full-text tables, triggers, indexes and constraints the earlier migrations created.

What carried the old label:
- django_migrations rows (``site_search``, 0001..0005). Django reads them before any migration
  runs, so no migration could rename them in time. Instead each of 0001..0005 ``replaces`` its own
  name under the old label: Django counts a migration applied when everything it replaces is, and
  then records it under the new label as well. A fresh database records both.
- the content types of the three models (and through them any permission a group holds): this
  migration relabels them. The feedback models' content types left ``site_search`` in feedback 0001.

The ``replaces`` lines can go once every database has run 0006.
"""

from django.db import migrations

MODELS = ("searchentry", "synonymgroup", "zeroresultquery")


def relabel(old, new):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in MODELS:
            if not ContentType.objects.filter(app_label=new, model=model).exists():
                ContentType.objects.filter(app_label=old, model=model).update(app_label=new)

    return move


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("search", "0005_feedback_moves_to_its_own_app"),
    ]

    operations = [migrations.RunPython(relabel("site_search", "search"), relabel("search", "site_search"))]
