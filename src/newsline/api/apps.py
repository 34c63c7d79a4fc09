from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "newsline.api"
    label = "syndication_api"
    verbose_name = "Syndication API"
