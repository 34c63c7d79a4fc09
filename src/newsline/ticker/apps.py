from django.apps import AppConfig


class TickerConfig(AppConfig):
    name = "newsline.ticker"
    verbose_name = "News line"
