import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsline.settings.dev")
django_application = get_wsgi_application()

# Imported after Django is set up: page-cache hits are answered before Django.
from newsline.publishing.fastpath import CachedPages  # noqa: E402

application = CachedPages(django_application)
