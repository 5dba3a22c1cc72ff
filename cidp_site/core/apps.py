from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cidp_site.core"
    label = "core"
    verbose_name = "Core"
