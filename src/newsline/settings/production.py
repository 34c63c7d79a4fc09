"""Production: the base settings plus checks that refuse to start when unsafe."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import ENV

if ENV.debug:
    raise ImproperlyConfigured("NEWSLINE_DEBUG must be off in production.")
if len(ENV.secret_key) < 32:
    raise ImproperlyConfigured("SECRET_KEY must be set to at least 32 random characters.")
if "*" in ENV.allowed_hosts:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the outlet's hosts, not '*'.")

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
