from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "cidp_site.pages"
    verbose_name = "Pages"

    def ready(self):
        from .glossary_terms import register_signal_handlers

        register_signal_handlers()
