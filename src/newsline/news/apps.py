from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "newsline.news"
    verbose_name = "News"
