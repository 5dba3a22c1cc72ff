from django.apps import AppConfig


class ContentSyncConfig(AppConfig):
    name = "cidp_site.content_sync"
    label = "content_sync"
    verbose_name = "Content sync"

    def ready(self):
        from wagtail.signals import page_published

        from .glossary import on_published

        page_published.connect(on_published, dispatch_uid="content_sync_glossary_published")
