"""Only the site's own roles: Wagtail's default "Editors" and "Moderators" go, "Site managers" comes.

Members of the default groups are merged into the site's groups first (Editors -> Nurse editors,
Moderators -> Clinical reviewers), so nobody loses access. Wagtail's default "Moderators approval"
workflow goes with its group, unless it was ever used (then it is only switched off, keeping
history). Site managers can create accounts and deactivate them without being administrators; the
limits on what they may tick are in cidp_site/workflow/users.py.
"""

from django.db import migrations

MERGE = {"Editors": "Nurse editors", "Moderators": "Clinical reviewers"}
SITE_MANAGERS = "Site managers"
MANAGER_USER_PERMS = ["add_user", "change_user", "view_user"]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    Task = apps.get_model("wagtailcore.Task")
    TaskState = apps.get_model("wagtailcore.TaskState")
    WorkflowState = apps.get_model("wagtailcore.WorkflowState")

    for old_name, new_name in MERGE.items():
        old = Group.objects.filter(name=old_name).first()
        if old is None:
            continue
        new, _ = Group.objects.get_or_create(name=new_name)
        for user in old.user_set.all():
            user.groups.add(new)

    for workflow in Workflow.objects.filter(name="Moderators approval"):
        used = WorkflowState.objects.filter(workflow=workflow).exists()
        if used or WorkflowPage.objects.filter(workflow=workflow).exists():
            workflow.active = False
            workflow.save(update_fields=["active"])
            continue
        task_ids = list(workflow.workflow_tasks.values_list("task_id", flat=True))
        workflow.delete()
        for task in Task.objects.filter(pk__in=task_ids, name="Moderators approval"):
            if TaskState.objects.filter(task=task).exists():
                task.active = False
                task.save(update_fields=["active"])
            else:
                task.delete()
    Group.objects.filter(name__in=MERGE).delete()

    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    user_type, _ = ContentType.objects.get_or_create(app_label="auth", model="user")
    managers, _ = Group.objects.get_or_create(name=SITE_MANAGERS)
    managers.permissions.add(access_admin)
    for codename in MANAGER_USER_PERMS:
        permission, _ = Permission.objects.get_or_create(
            content_type=user_type, codename=codename, defaults={"name": f"Can {codename.replace('_', ' ')}"}
        )
        managers.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0002_roles_and_clinical_review"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
