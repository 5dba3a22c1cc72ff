from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "cidp_site.feedback"
    verbose_name = "Was this page helpful?"
