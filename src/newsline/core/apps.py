from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "newsline.core"
    verbose_name = "Core"
