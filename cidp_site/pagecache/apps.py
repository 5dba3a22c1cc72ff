from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "cidp_site.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from . import signals  # noqa: F401 - connects the invalidation handlers
