from django.apps import AppConfig


class ContentSyncConfig(AppConfig):
    name = "cidp_site.content_sync"
    label = "content_sync"
    verbose_name = "Content sync"
