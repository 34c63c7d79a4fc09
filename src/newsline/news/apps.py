from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "newsline.news"
    verbose_name = "News"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import context, signal_handlers

        signal_handlers.connect()
        context.register()
        post_migrate.connect(_ensure_roles, sender=self, dispatch_uid="newsline-roles")


def _ensure_roles(sender, **kwargs):
    """The roles' groups and the desk review workflow, after every migrate (those
    that exist are left as an administrator may have changed them), and the site
    record's address from BASE_URL on a fresh install."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from .services import align_default_site, ensure_roles

    # Django makes each app's permissions in that app's own post_migrate, and the
    # Wagtail apps come after news: make them all now (it is idempotent).
    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0)
    ensure_roles()
    align_default_site()
