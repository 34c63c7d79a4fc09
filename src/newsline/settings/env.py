"""The only module that reads the process environment.

Every setting that can vary between deployments is read here once, typed, and
handed to the settings modules as attributes of ``ENV``.
"""

import os
from dataclasses import dataclass
from pathlib import Path


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from exc


def _list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name, "")
    items = [item.strip() for item in raw.split(",") if item.strip()]
    return items or default


def _media_url(raw: str) -> str:
    """``/media/`` by default; another host's address (``https://media.example.az/``)
    when uploads are served from their own origin. Django needs the trailing slash."""
    raw = raw.strip() or "/media/"
    return raw if raw.endswith("/") else raw + "/"


@dataclass(frozen=True)
class Env:
    debug: bool
    secret_key: str
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    database_url: str
    data_dir: Path
    time_zone: str
    news_line_size: int
    site_name: str
    base_url: str
    serve_workers: int
    serve_media: bool
    media_url: str
    redis_url: str
    cache_fallback_seconds: int
    page_cache: bool
    cache_s_maxage: int
    frontend_cache_url: str
    cloudflare_zone_id: str
    cloudflare_token: str
    cloudfront_distribution_id: str
    s3_bucket: str
    s3_endpoint_url: str
    s3_region: str
    s3_access_key_id: str
    s3_secret_access_key: str
    s3_custom_domain: str


def load() -> Env:
    data_dir = Path(os.environ.get("NEWSLINE_DATA_DIR", "") or Path.cwd() / "var").resolve()
    return Env(
        debug=_bool("NEWSLINE_DEBUG", False),
        secret_key=os.environ.get("SECRET_KEY", ""),
        allowed_hosts=_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"]),
        csrf_trusted_origins=_list("CSRF_TRUSTED_ORIGINS", []),
        database_url=os.environ.get("DATABASE_URL", ""),
        data_dir=data_dir,
        time_zone=os.environ.get("OUTLET_TIME_ZONE", "") or "Asia/Baku",
        news_line_size=_int("NEWS_LINE_SIZE", 40),
        site_name=os.environ.get("OUTLET_NAME", "") or "Newsline",
        base_url=os.environ.get("BASE_URL", "") or "http://127.0.0.1:8000",
        serve_workers=_int("NEWSLINE_WORKERS", 2),
        serve_media=_bool("NEWSLINE_SERVE_MEDIA", True),
        media_url=_media_url(os.environ.get("MEDIA_URL", "")),
        redis_url=os.environ.get("REDIS_URL", ""),
        cache_fallback_seconds=_int("CACHE_FALLBACK_SECONDS", 5),
        page_cache=_bool("PAGE_CACHE", True),
        cache_s_maxage=_int("CACHE_S_MAXAGE", 600),
        frontend_cache_url=os.environ.get("FRONTEND_CACHE_URL", ""),
        cloudflare_zone_id=os.environ.get("CLOUDFLARE_ZONE_ID", ""),
        cloudflare_token=os.environ.get("CLOUDFLARE_API_TOKEN", ""),
        cloudfront_distribution_id=os.environ.get("CLOUDFRONT_DISTRIBUTION_ID", ""),
        s3_bucket=os.environ.get("S3_BUCKET", ""),
        s3_endpoint_url=os.environ.get("S3_ENDPOINT_URL", ""),
        s3_region=os.environ.get("S3_REGION", "") or "us-east-1",
        s3_access_key_id=os.environ.get("S3_ACCESS_KEY_ID", ""),
        s3_secret_access_key=os.environ.get("S3_SECRET_ACCESS_KEY", ""),
        s3_custom_domain=os.environ.get("S3_CUSTOM_DOMAIN", ""),
    )


ENV = load()
