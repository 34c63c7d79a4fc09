from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "newsline.feeds"
    verbose_name = "Feeds, sitemaps and structured data"
