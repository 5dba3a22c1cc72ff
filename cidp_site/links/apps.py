from django.apps import AppConfig


class LinksConfig(AppConfig):
    name = "cidp_site.links"
    verbose_name = "Short links and printed handouts"

    def ready(self):
        from .signals import register_signal_handlers

        register_signal_handlers()
