from django.apps import AppConfig


class I18nConfig(AppConfig):
    name = "newsline.i18n"
    label = "newsline_i18n"
    verbose_name = "Languages"

    def ready(self):
        from .locales import connect_signals

        connect_signals()
