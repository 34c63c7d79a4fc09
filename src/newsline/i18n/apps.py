from django.apps import AppConfig


class I18nConfig(AppConfig):
    name = "newsline.i18n"
    label = "newsline_i18n"
    verbose_name = "Languages"
