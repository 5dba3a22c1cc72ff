"""Shared warning lists go through the same Clinical review as pages.

Nurse editors may add and change lists (their edits are drafts they submit); only clinical
reviewers publish, by approving. The Clinical review workflow is assigned to the WarningList type.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

NURSES = "Nurse editors"
REVIEWERS = "Clinical reviewers"
WORKFLOW = "Clinical review"
NURSE_PERMS = ["add_warninglist", "change_warninglist", "lock_warninglist", "unlock_warninglist"]
REVIEWER_PERMS = NURSE_PERMS + ["publish_warninglist"]


def assign(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    ContentType = apps.get_model("contenttypes.ContentType")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")

    pages = apps.get_app_config("pages")
    pages.models_module = True
    create_permissions(pages, verbosity=0, apps=apps)
    pages.models_module = None

    list_type, _ = ContentType.objects.get_or_create(app_label="pages", model="warninglist")
    # Wagtail adds the snippet's publish/lock permissions after all migrations; make them now.
    for action in ("publish", "lock", "unlock"):
        Permission.objects.get_or_create(
            content_type=list_type,
            codename=f"{action}_warninglist",
            defaults={"name": f"Can {action} warning list"},
        )
    for name, codenames in ((NURSES, NURSE_PERMS), (REVIEWERS, REVIEWER_PERMS)):
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(*Permission.objects.filter(content_type=list_type, codename__in=codenames))
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is not None:
        WorkflowContentType.objects.update_or_create(content_type=list_type, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0002_roles_and_clinical_review"),
        ("pages", "0003_source_remove_faqpage_references_and_more"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(assign, migrations.RunPython.noop)]
