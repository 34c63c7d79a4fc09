"""Local development and the `make run` demo: the embedded default."""

from .base import *  # noqa: F403
from .env import ENV

SECRET_KEY = ENV.secret_key or "newsline-dev-only-not-secret"  # noqa: S105
WHITENOISE_USE_FINDERS = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
