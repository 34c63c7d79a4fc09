"""The only module that reads the process environment.

Every setting that can vary between deployments is read here once, typed, and
handed to the settings modules as attributes of ``ENV``.

One naming scheme: Newsline's own knobs are ``NEWSLINE_<FIELD>`` (the field of
``Env`` in capitals); the switches of well-known integrations keep the names
their ecosystems use (``SECRET_KEY``, ``ALLOWED_HOSTS``, ``DATABASE_URL``,
``REDIS_URL``, ``MEDIA_URL``, ``S3_*``, ``CLOUDFLARE_*``…), and their fields
are those names in lower case. Names used before this scheme are still read,
with a warning, so no deployment breaks (``RENAMED``).
"""

import os
import warnings
from dataclasses import dataclass
from pathlib import Path

# Old name -> new name. Read when the new name is not set; each use warns once.
RENAMED = {
    "OUTLET_NAME": "NEWSLINE_OUTLET_NAME",
    "OUTLET_TIME_ZONE": "NEWSLINE_TIME_ZONE",
    "NEWS_LINE_SIZE": "NEWSLINE_NEWS_LINE_SIZE",
    "NEWSLINE_WORKERS": "NEWSLINE_SERVE_WORKERS",
    "PAGE_CACHE": "NEWSLINE_PAGE_CACHE",
    "CACHE_S_MAXAGE": "NEWSLINE_CACHE_S_MAXAGE",
    "CACHE_FALLBACK_SECONDS": "NEWSLINE_CACHE_FALLBACK_SECONDS",
}
_OLD_NAMES = {new: old for old, new in RENAMED.items()}


class RenamedVariableWarning(UserWarning):
    """An environment variable was set under the name it had before the scheme."""


def _raw(name: str) -> str:
    value = os.environ.get(name, "")
    old = _OLD_NAMES.get(name)
    if not value.strip() and old and os.environ.get(old, "").strip():
        warnings.warn(
            f"{old} is an old name: set {name} instead (read from {old} for now).",
            RenamedVariableWarning,
            stacklevel=3,
        )
        value = os.environ[old]
    return value.strip()


def _str(name: str, default: str) -> str:
    return _raw(name) or default


def _bool(name: str, default: bool | None) -> bool | None:
    raw = _raw(name)
    if not raw:
        return default
    return raw.lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    raw = _raw(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from exc


def _list(name: str, default: list[str]) -> list[str]:
    items = [item.strip() for item in _raw(name).split(",") if item.strip()]
    return items or default


def _key_headers(raw: str, *, frontend_cache_url: str, cloudflare_zone_id: str) -> tuple[str, ...]:
    """The headers that name a stored response's surrogate keys: NEWSLINE_KEY_HEADERS
    (comma-separated, or ``none``), by default the one each configured CDN purges by
    (FRONTEND_CACHE_URL: ``Surrogate-Key``; Cloudflare: ``Cache-Tag``). Without a CDN
    nothing reads them: nginx keeps pages a second and passes them on to readers."""
    if raw.lower() == "none":
        return ()
    if raw:
        return tuple(item.strip() for item in raw.split(",") if item.strip())
    chosen = [("Surrogate-Key", frontend_cache_url), ("Cache-Tag", cloudflare_zone_id)]
    return tuple(header for header, configured in chosen if configured)


def _media_url(raw: str) -> str:
    """``/media/`` by default; another host's address (``https://media.example.az/``)
    when uploads are served from their own origin. Django needs the trailing slash."""
    raw = raw or "/media/"
    return raw if raw.endswith("/") else raw + "/"


@dataclass(frozen=True)
class Env:
    # Newsline's own: NEWSLINE_<FIELD>.
    debug: bool
    https: bool
    data_dir: Path
    outlet_name: str
    share_card: str
    time_zone: str
    news_line_size: int
    serve_workers: int
    serve_media: bool
    mail_from: str
    page_cache: bool
    ssi_fragments: bool
    key_headers: tuple[str, ...]
    edge_headers: bool
    cache_s_maxage: int
    cache_fallback_seconds: int
    session_idle_minutes: int
    session_hours: int
    require_2fa: bool | None
    ingest_allow_private: bool
    """None when unset: each settings module has its own default (on in production)."""
    related_method: str
    related_window: int
    # Well-known names: the field in capitals.
    secret_key: str
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    base_url: str
    database_url: str
    redis_url: str
    media_url: str
    frontend_cache_url: str
    email_url: str
    cloudflare_zone_id: str
    cloudflare_api_token: str
    cloudfront_distribution_id: str
    s3_bucket: str
    s3_endpoint_url: str
    s3_region: str
    s3_access_key_id: str
    s3_secret_access_key: str
    s3_custom_domain: str


def load() -> Env:
    data_dir = Path(_raw("NEWSLINE_DATA_DIR") or Path.cwd() / "var").resolve()
    return Env(
        debug=_bool("NEWSLINE_DEBUG", False),
        https=_bool("NEWSLINE_HTTPS", True),
        data_dir=data_dir,
        outlet_name=_str("NEWSLINE_OUTLET_NAME", "Newsline"),
        share_card=_str("NEWSLINE_SHARE_CARD", "newsline/share-card.png"),
        time_zone=_str("NEWSLINE_TIME_ZONE", "Asia/Baku"),
        news_line_size=_int("NEWSLINE_NEWS_LINE_SIZE", 40),
        serve_workers=_int("NEWSLINE_SERVE_WORKERS", 2),
        serve_media=_bool("NEWSLINE_SERVE_MEDIA", True),
        mail_from=_str("NEWSLINE_MAIL_FROM", "newsroom@localhost"),
        page_cache=_bool("NEWSLINE_PAGE_CACHE", True),
        ssi_fragments=_bool("NEWSLINE_SSI_FRAGMENTS", False),
        key_headers=_key_headers(
            _raw("NEWSLINE_KEY_HEADERS"),
            frontend_cache_url=_raw("FRONTEND_CACHE_URL"),
            cloudflare_zone_id=_raw("CLOUDFLARE_ZONE_ID"),
        ),
        edge_headers=_bool("NEWSLINE_EDGE_HEADERS", False),
        cache_s_maxage=_int("NEWSLINE_CACHE_S_MAXAGE", 600),
        cache_fallback_seconds=_int("NEWSLINE_CACHE_FALLBACK_SECONDS", 5),
        session_idle_minutes=_int("NEWSLINE_SESSION_IDLE_MINUTES", 60),
        session_hours=_int("NEWSLINE_SESSION_HOURS", 12),
        require_2fa=_bool("NEWSLINE_REQUIRE_2FA", None),
        ingest_allow_private=_bool("NEWSLINE_INGEST_ALLOW_PRIVATE", False),
        related_method=_str("NEWSLINE_RELATED_METHOD", "auto"),
        related_window=_int("NEWSLINE_RELATED_WINDOW", 2000),
        secret_key=_raw("SECRET_KEY"),
        allowed_hosts=_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"]),
        csrf_trusted_origins=_list("CSRF_TRUSTED_ORIGINS", []),
        base_url=_str("BASE_URL", "http://127.0.0.1:8000"),
        database_url=_raw("DATABASE_URL"),
        redis_url=_raw("REDIS_URL"),
        media_url=_media_url(_raw("MEDIA_URL")),
        frontend_cache_url=_raw("FRONTEND_CACHE_URL"),
        email_url=_raw("EMAIL_URL"),
        cloudflare_zone_id=_raw("CLOUDFLARE_ZONE_ID"),
        cloudflare_api_token=_raw("CLOUDFLARE_API_TOKEN"),
        cloudfront_distribution_id=_raw("CLOUDFRONT_DISTRIBUTION_ID"),
        s3_bucket=_raw("S3_BUCKET"),
        s3_endpoint_url=_raw("S3_ENDPOINT_URL"),
        s3_region=_str("S3_REGION", "us-east-1"),
        s3_access_key_id=_raw("S3_ACCESS_KEY_ID"),
        s3_secret_access_key=_raw("S3_SECRET_ACCESS_KEY"),
        s3_custom_domain=_raw("S3_CUSTOM_DOMAIN"),
    )


ENV = load()
