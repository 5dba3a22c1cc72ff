"""The feedback models, moved from the search app (label ``site_search``) with their tables.

State only: the tables ``site_search_pagefeedback`` and ``site_search_feedbackcomment`` already
exist (created by site_search 0001) and keep their names and rows; site_search 0005 drops the
models from its own state. The content types are relabelled so any permission on them carries over.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MODELS = ("pagefeedback", "feedbackcomment")


def relabel_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label="feedback", model=model).exists():
            ContentType.objects.filter(app_label="site_search", model=model).update(app_label="feedback")


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label="site_search", model=model).exists():
            ContentType.objects.filter(app_label="feedback", model=model).update(app_label="site_search")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("search", "0004_synonym_glossary_anchor"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="FeedbackComment",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("day", models.DateField(db_index=True, default=django.utils.timezone.localdate)),
                        ("helpful", models.BooleanField()),
                        ("comment", models.TextField(max_length=1000)),
                        (
                            "page",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "site_search_feedbackcomment",
                        "ordering": ["-day", "-pk"],
                    },
                ),
                migrations.CreateModel(
                    name="PageFeedback",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("day", models.DateField(db_index=True, default=django.utils.timezone.localdate)),
                        ("count", models.PositiveIntegerField(default=0)),
                        ("helpful", models.BooleanField()),
                        (
                            "page",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "site_search_pagefeedback",
                        "verbose_name_plural": "page feedback",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("page", "day", "helpful"), name="site_search_feedback_unique"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_types, restore_content_types),
    ]
