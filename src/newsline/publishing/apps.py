from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "newsline.publishing"
    verbose_name = "Publishing"

    def ready(self):
        from . import signal_handlers

        signal_handlers.register()
