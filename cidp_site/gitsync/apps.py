from django.apps import AppConfig


class GitSyncConfig(AppConfig):
    name = "cidp_site.gitsync"
    verbose_name = "CMS edits to git"

    def ready(self):
        from .signals import register_signal_handlers

        register_signal_handlers()
