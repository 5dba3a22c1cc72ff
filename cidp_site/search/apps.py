from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The site search. Its label is its package's name, ``search`` (Wagtail's own search app is
    ``wagtailsearch``, so they do not clash). Until migration 0006 it was ``site_search``: the tables
    keep those names (``db_table``) and 0006 explains how existing databases move over."""

    name = "cidp_site.search"
    verbose_name = "Site search"

    def ready(self):
        from .signals import register_signal_handlers

        register_signal_handlers()
