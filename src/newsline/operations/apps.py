from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running an outlet: backup and restore of its database and media."""

    name = "newsline.operations"
    verbose_name = "Operations"
