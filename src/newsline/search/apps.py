from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "newsline.search"
    label = "reader_search"
    verbose_name = "Reader search"
