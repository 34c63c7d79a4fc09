from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "newsline.users"
    verbose_name = "Users"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import remember_sign_in

        user_logged_in.connect(remember_sign_in, dispatch_uid="newsline-session-clocks")
