from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "cidp_site.workflow"
    label = "workflow"
    verbose_name = "Editorial workflow"
