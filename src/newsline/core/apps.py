from django.apps import AppConfig
from django.conf import settings


class CoreConfig(AppConfig):
    name = "newsline.core"
    verbose_name = "Core"

    def ready(self):
        from PIL import Image as PILImage

        # Pillow's own guard (89 MP, an error only past twice that) is looser than
        # ours: with our cap, every decode of an uploaded or fetched picture
        # (renditions, wires) refuses a decompression bomb, not only the form.
        PILImage.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS

        from django.db.backends.signals import connection_created

        from .outlet import connect_signals
        from .postgres import parse_times_in_c

        connect_signals()
        connection_created.connect(parse_times_in_c, dispatch_uid="newsline_times_in_c")
