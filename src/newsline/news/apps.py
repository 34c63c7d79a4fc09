from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "newsline.news"
    verbose_name = "News"

    def ready(self):
        from . import context, signal_handlers

        signal_handlers.connect()
        context.register()
