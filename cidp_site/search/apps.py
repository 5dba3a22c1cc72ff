from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "cidp_site.search"
    label = "site_search"
    verbose_name = "Site search"

    def ready(self):
        from .signals import register_signal_handlers

        register_signal_handlers()
