from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestConfig(AppConfig):
    name = "newsline.ingest"
    label = "ingest"
    verbose_name = _("Wires and imports")
    default_auto_field = "django.db.models.BigAutoField"
