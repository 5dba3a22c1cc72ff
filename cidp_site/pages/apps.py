from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "cidp_site.pages"
    label = "pages"
    verbose_name = "Pages"
