from django.apps import AppConfig


class LinksConfig(AppConfig):
    name = "cidp_site.links"
    label = "links"
    verbose_name = "Short links and printed handouts"

    def ready(self):
        from . import signals  # noqa: F401 - connects the published-URL record
