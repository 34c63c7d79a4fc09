from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "newsline.users"
    verbose_name = "Users"
