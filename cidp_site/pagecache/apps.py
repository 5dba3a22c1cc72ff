from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "cidp_site.pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from .signals import register_signal_handlers

        register_signal_handlers()
