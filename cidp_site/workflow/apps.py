from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class WorkflowConfig(AppConfig):
    name = "cidp_site.workflow"
    label = "workflow"
    verbose_name = "Editorial workflow"


class SiteUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app with the Site managers' limits (see workflow/users.py)."""

    user_viewset = "cidp_site.workflow.users.UserViewSet"
