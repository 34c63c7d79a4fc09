"""Production: the base settings plus checks that refuse to start when unsafe.

With only SECRET_KEY, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS and BASE_URL set,
``newsline check --deploy --fail-level WARNING`` reports nothing. HTTPS is
assumed; a deployment without TLS says so with NEWSLINE_HTTPS=0 (and the
deploy check then warns, as it should).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import ENV

# Django's own test for a weak key (security.W009), and more distinct characters
# than it asks for: 'a' * 50 is long and worthless.
MIN_KEY_LENGTH = 50
MIN_KEY_CHARACTERS = 16


def _is_weak(key: str) -> bool:
    return (
        len(key) < MIN_KEY_LENGTH
        or len(set(key)) < MIN_KEY_CHARACTERS
        or key.startswith("django-insecure-")
    )


if ENV.debug:
    raise ImproperlyConfigured("NEWSLINE_DEBUG must be off in production.")
if _is_weak(ENV.secret_key):
    raise ImproperlyConfigured(
        f"SECRET_KEY must be at least {MIN_KEY_LENGTH} random characters with at least "
        f"{MIN_KEY_CHARACTERS} different ones; make one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
if "*" in ENV.allowed_hosts:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the outlet's hosts, not '*'.")

# Every editorial account signs in with a second step unless the deployment says not.
NEWSLINE_REQUIRE_2FA = ENV.require_2fa is not False

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
NEWSLINE_BEHIND_PROXY = True
SECURE_CONTENT_TYPE_NOSNIFF = True

if ENV.https:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # __Host- cookies are sent only over HTTPS, for this host alone, on every path:
    # no subdomain can set or read them.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
