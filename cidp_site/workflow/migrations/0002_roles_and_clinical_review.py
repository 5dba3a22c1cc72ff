"""Roles and the "Clinical review" workflow, so a fresh site has them before anyone logs in.

Nurse editors add, edit and submit pages but cannot publish. Clinical reviewers approve (which
publishes) or request changes. The workflow is assigned to the tree's root page (depth 1), so it
covers the home page that sync_content creates later and every page below it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

NURSES = "Nurse editors"
REVIEWERS = "Clinical reviewers"
WORKFLOW = "Clinical review"
NURSE_PAGE_PERMS = ["add_page", "change_page", "lock_page", "unlock_page"]
REVIEWER_PAGE_PERMS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def create_roles(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    ClinicalReviewTask = apps.get_model("workflow.ClinicalReviewTask")

    # Page permissions are normally made after all migrations; make sure they exist now.
    core = apps.get_app_config("wagtailcore")
    core.models_module = True
    create_permissions(core, verbosity=0, apps=apps)
    core.models_module = None

    page_type = ContentType.objects.get_for_model(Page)
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    root = Page.objects.get(depth=1)

    groups = {}
    for name, codenames in ((NURSES, NURSE_PAGE_PERMS), (REVIEWERS, REVIEWER_PAGE_PERMS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        for codename in codenames:
            permission = Permission.objects.get(content_type=page_type, codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
        groups[name] = group

    task_type, _ = ContentType.objects.get_or_create(app_label="workflow", model="clinicalreviewtask")
    task = ClinicalReviewTask.objects.filter(name="Clinical reviewer approval").first()
    if task is None:
        task = ClinicalReviewTask.objects.create(
            name="Clinical reviewer approval", content_type=task_type, active=True, review_months=12
        )
    task.groups.set([groups[REVIEWERS]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # One workflow per page: the root's (Wagtail's default "Moderators approval") is replaced.
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
