"""Nurse editors and Clinical reviewers edit search synonyms in the admin (Snippets > Search
synonyms); export_content writes the groups back to content/glossary.yaml.

Synonyms steer which answers a search finds but show no text to readers, so they are not under
clinical review. Until this migration only an administrator could reach them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Nurse editors", "Clinical reviewers")
CODENAMES = [f"{action}_synonymgroup" for action in ("add", "change", "delete", "view")]


def assign(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    search = apps.get_app_config("search")
    search.models_module = True
    create_permissions(search, verbosity=0, apps=apps)
    search.models_module = None
    perms = Permission.objects.filter(content_type__app_label="search", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*perms)


def unassign(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    perms = Permission.objects.filter(content_type__app_label="search", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0004_merge"),
        ("search", "0006_label_is_search"),
    ]

    operations = [migrations.RunPython(assign, unassign)]
