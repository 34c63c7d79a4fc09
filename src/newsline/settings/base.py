"""Every Newsline setting. Deployment-specific values come from ``env.ENV``."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url

from .env import ENV

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = ENV.data_dir

DEBUG = ENV.debug
SECRET_KEY = ENV.secret_key
ALLOWED_HOSTS = ENV.allowed_hosts
CSRF_TRUSTED_ORIGINS = ENV.csrf_trusted_origins

INSTALLED_APPS = [
    "newsline.core",
    "newsline.users",
    "newsline.i18n",
    "newsline.news",
    "newsline.ticker",
    "newsline.search",
    "newsline.feeds",
    "newsline.api",
    "newsline.publishing",
    "newsline.operations",
    "newsline.ingest",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    # Outermost, so a cached page is answered before anything else runs.
    "newsline.publishing.middleware.PageCacheMiddleware",
    # Inside it, so pages are stored without the headers an edge sends (core/edge.py).
    "newsline.core.edge.EdgeHeadersMiddleware",
    # A reader's request never makes a rendition (core/renditions.py).
    "newsline.core.middleware.ReaderPicturesMiddleware",
    # Readers' pages find their site without a query (core/outlet.py).
    "newsline.core.middleware.ReaderSiteMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "newsline.core.middleware.PermissionsPolicyMiddleware",
    # Inside the page cache, so a stored page keeps its policy.
    "newsline.core.csp.PolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "newsline.i18n.middleware.LocaleMiddleware",
    "newsline.i18n.middleware.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "newsline.users.middleware.SessionTimeoutMiddleware",
    "newsline.users.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it answers a locked-out sign-in with its 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsline.urls"
WSGI_APPLICATION = "newsline.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsline.core.context_processors.outlet",
            ],
        },
    },
]


def _sqlite_database(path: Path) -> dict:
    # WAL lets readers run during a write; IMMEDIATE transactions and a busy
    # timeout make concurrent writers queue instead of failing with "locked".
    # Connections are kept between requests, as for PostgreSQL: a new SQLite
    # connection reads the whole schema again, 5 ms of every request (decision
    # 0021); `newsline restore` wants Newsline stopped, so none outlives its file.
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


if ENV.database_url:
    DATABASES = {
        "default": dj_database_url.parse(
            ENV.database_url, conn_max_age=600, conn_health_checks=True
        )
    }
else:
    DATABASES = {"default": _sqlite_database(DATA_DIR / "newsline.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "users.User"

# A long interview (many question/answer blocks) sends thousands of fields, and an
# editor may paste a long text: limits no editor reaches by accident (nginx takes
# 16 MiB too). Above them the branded 400 names the limits (core/views.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 16 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000

# Sessions in the cache, backed by the database: telling a live session from a
# forged or expired cookie (publishing/middleware.py) costs a cache read.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# A signed-in session ends after NEWSLINE_SESSION_IDLE_MINUTES without a request
# and NEWSLINE_SESSION_HOURS after sign-in, whatever happens (users/middleware.py).
SESSION_COOKIE_AGE = ENV.session_hours * 3600
NEWSLINE_SESSION_IDLE_SECONDS = ENV.session_idle_minutes * 60
NEWSLINE_SESSION_MAX_SECONDS = ENV.session_hours * 3600
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Content-Security-Policy (core/csp.py). Video stories embed these players. A
# directive is listed only where it differs from default-src: every byte of these
# headers is read again by nginx on each cached hit (decision 0035).
_VIDEO_PLAYERS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
_MEDIA_ORIGIN = [] if ENV.media_url.startswith("/") else [ENV.media_url]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        # Scripts too: readers' pages run no inline script, only the site's files.
        "default-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *_MEDIA_ORIGIN],
        **({"media-src": ["'self'", *_MEDIA_ORIGIN]} if _MEDIA_ORIGIN else {}),
        "frame-src": _VIDEO_PLAYERS,
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Wagtail's admin still runs inline scripts and styles; everything else as above.
NEWSLINE_ADMIN_CSP = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *_MEDIA_ORIGIN],
    "frame-src": ["'self'", *_VIDEO_PLAYERS],
}
# Features no page of the outlet uses, refused for every page and anything embedded.
NEWSLINE_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
)

# Sign-in throttling (users/throttle.py): per username and address together.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsline.users.throttle.locked_out"
AXES_CLIENT_IP_CALLABLE = "newsline.users.throttle.client_ip"
AXES_VERBOSE = False

# Two-step sign-in (users/services.py): an authenticator app's codes (TOTP) and
# single-use recovery codes. Whoever has set it up must use it; with
# NEWSLINE_REQUIRE_2FA (on in production) everyone who can open the admin must.
NEWSLINE_REQUIRE_2FA = bool(ENV.require_2fa)
OTP_TOTP_ISSUER = ENV.outlet_name

# Wires and imports (ingest/): fetches reach only public addresses unless this is on
# (tests, intranet wires); sizes fetched and parsed are capped.
NEWSLINE_INGEST_ALLOW_PRIVATE = ENV.ingest_allow_private
NEWSLINE_INGEST_MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
NEWSLINE_INGEST_MAX_PICTURE_BYTES = 25 * 1024 * 1024
# Behind the shipped nginx the client's address is the last X-Forwarded-For entry.
NEWSLINE_BEHIND_PROXY = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: the outlet publishes in Azerbaijani first, then English and Russian.
LANGUAGE_CODE = "az"
LANGUAGES = [
    ("az", "Azərbaycanca"),
    ("en", "English"),
    ("ru", "Русский"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# Every date a reader sees is in the outlet's zone, never the server's.
TIME_ZONE = ENV.time_zone

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Uploaded media may live on another origin (e.g. https://media.example-news.az/),
# so that nothing uploaded ever runs on the site's own (docs/security.md).
MEDIA_URL = ENV.media_url
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def s3_storage(*, bucket, endpoint_url, region, access_key_id, secret_access_key, custom_domain):
    """Media (originals and renditions) in an S3-compatible bucket."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": region,
            "access_key": access_key_id or None,
            "secret_key": secret_access_key or None,
            "custom_domain": custom_domain or None,
            # Public news pictures: plain URLs a CDN can cache, no signed query strings.
            "querystring_auth": False,
            "default_acl": None,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }


if ENV.s3_bucket:
    STORAGES["default"] = s3_storage(
        bucket=ENV.s3_bucket,
        endpoint_url=ENV.s3_endpoint_url,
        region=ENV.s3_region,
        access_key_id=ENV.s3_access_key_id,
        secret_access_key=ENV.s3_secret_access_key,
        custom_domain=ENV.s3_custom_domain,
    )
# The embedded default serves uploaded media itself; turn off when nginx or a CDN does.
SERVE_MEDIA = ENV.serve_media

WAGTAIL_SITE_NAME = ENV.outlet_name
WAGTAILADMIN_BASE_URL = ENV.base_url
# No avatars from gravatar.com: the admin's policy allows no third-party images,
# and an editor's e-mail hash is not sent elsewhere.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_IMAGE_MODEL = "core.NewsImage"
# A small PNG can decode to a huge bitmap; cap pixels well below Wagtail's 128 MP.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
# Raster formats only: an SVG "picture" is a document that can carry script.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "newsline.core.forms.NewsImageForm"
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # On PostgreSQL: English and Russian words stemmed, Azerbaijani kept
        # whole (search/migrations/0001, docs/decisions/0009). SQLite ignores it.
        "SEARCH_CONFIG": "newsline",
    },
}
# A query matching more index entries than NEWSLINE_SEARCH_BROAD is ranked among
# its language's newest NEWSLINE_SEARCH_RECENT stories when those fill a page of
# results, so a common word costs about what a list costs (decision 0009).
NEWSLINE_SEARCH_BROAD = 300
NEWSLINE_SEARCH_RECENT = 2000
# Related stories (news/related/, decision 0017): "meaning" (embeddings, the
# `meaning` extra), "words" (BM25 per language) or "auto" (meaning when installed);
# searched among the language's newest NEWSLINE_RELATED_WINDOW stories.
NEWSLINE_RELATED_METHOD = ENV.related_method
NEWSLINE_RELATED_WINDOW = ENV.related_window
# Documents (PDFs and office files editors attach) are served by Wagtail's view,
# always as downloads, with nosniff and a CSP that blocks anything embedded:
# an uploaded HTML or SVG file opened inline on the site's origin ran script as
# whoever opened it (an admin, once). Only these extensions are accepted.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "txt",
    "csv",
    "rtf",
    "odt",
    "ods",
    "odp",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "epub",
    "zip",
    "mp3",
    "m4a",
    "ogg",
]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# The admin's interface languages: those Wagtail's admin is translated into
# (i18n/middleware.py AdminLanguageMiddleware). Content is written in every language.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("ru", "Русский")]
NEWSLINE_ADMIN_LANGUAGE = "en"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# Outlet configuration.
NEWSLINE_OUTLET_NAME = ENV.outlet_name
# Shared for pages and stories without a picture: a static path or an absolute URL
# of a 1200 × 630 image.
NEWSLINE_SHARE_CARD = ENV.share_card
NEWSLINE_NEWS_LINE_SIZE = ENV.news_line_size
NEWSLINE_PAGE_SIZE = 20
NEWSLINE_ARCHIVE_PAGE_SIZE = 60
NEWSLINE_FEED_SIZE = 50
# A story's feed and ninjs items are filed for the next feed (feeds/entries.py,
# api/ninjs.py) and purged with the story; this bounds what no purge reaches (a page
# linked from its body moved).
NEWSLINE_FEED_ENTRY_SECONDS = 600
# A story's card is filed for every list that shows it (news/cards.py) and purged with
# the story; this bounds what no purge reaches (a kind's label translated anew).
NEWSLINE_CARD_SECONDS = 600
# Parts of pages (a story's article, descriptions, language links) are filed for
# their next render (news/filed.py) and purged with what they show; this bounds what
# no purge reaches.
NEWSLINE_PAGE_PARTS_SECONDS = 600
# URLs per sitemap file; the protocol allows 50,000.
NEWSLINE_SITEMAP_SIZE = 50_000
NEWSLINE_SERVE_WORKERS = ENV.serve_workers
# Threads per web worker process (`newsline serve --threads`). Renders are CPU-bound
# under the GIL: a second thread slowed hits and renders alike (decision 0019).
NEWSLINE_SERVE_THREADS = 1


# Caches: Redis when REDIS_URL is set (every node shares it); otherwise a disk
# cache under the data directory, which every process on this machine shares
# (the page cache must be purged for all web workers and the scheduler alike).
# "purge" is the same store, but reports failures: a purge that did not reach
# the cache is retried from the task queue instead of being lost. While Redis
# cannot be reached, "default" keeps what it is given in each process's memory
# for a few seconds, so pages are not all rendered anew (docs/operations.md).
def _redis_cache(*, is_purge: bool) -> dict:
    return {
        "BACKEND": "newsline.publishing.caches.ResilientRedisCache",
        "LOCATION": ENV.redis_url,
        "OPTIONS": {
            # A dead or hung Redis must cost milliseconds, not seconds.
            "SOCKET_CONNECT_TIMEOUT": 0.05,
            "SOCKET_TIMEOUT": 0.05,
            "IGNORE_EXCEPTIONS": not is_purge,
            "FALLBACK_SECONDS": 0 if is_purge else ENV.cache_fallback_seconds,
        },
    }


def _disk_cache() -> dict:
    return {
        "BACKEND": "newsline.publishing.caches.DiskCache",
        "LOCATION": str(DATA_DIR / "cache"),
        "SHARDS": 4,
        "DATABASE_TIMEOUT": 0.1,
        "OPTIONS": {"size_limit": 2**30},
    }


if ENV.redis_url:
    CACHES = {"default": _redis_cache(is_purge=False), "purge": _redis_cache(is_purge=True)}
    # The breaker in publishing/caches.py logs each outage once; per-call logs would flood.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
else:
    CACHES = {"default": _disk_cache(), "purge": _disk_cache()}

# The page cache and the headers for shared caches (CDN, nginx).
NEWSLINE_PAGE_CACHE = ENV.page_cache
# Pages with SSI includes where the News line and the banner go, for a request that
# asks (X-Newsline-Fragments: ssi). Only for a proxy in front that assembles pages
# and sets that header on every request itself: otherwise a reader could ask, and a
# cache in front keep the page without its fragments for everyone.
NEWSLINE_SSI_FRAGMENTS = ENV.ssi_fragments
# The headers a stored response names its surrogate keys in (decision 0029).
NEWSLINE_KEY_HEADERS = ENV.key_headers
# The edge in front (the shipped nginx, with the lines `newsline edge_headers`
# writes) sends readers' security headers; the app leaves them out (decision 0035).
# Only with such an edge: the app alone would send pages without them.
NEWSLINE_EDGE_HEADERS = ENV.edge_headers
# Each web process keeps copies of the page-cache entries it served lately, so a hit
# costs one cache read (publishing/store.py): at most this many, and this many bytes.
NEWSLINE_PAGE_COPIES = 1000
NEWSLINE_PAGE_COPIES_BYTES = 32 * 2**20
# Filed values (cards, feed and News line items, page parts) each process keeps
# copies of, current while no purge ran (core/filing.py): about 1 KB a card, up to
# tens of KB a story's article.
NEWSLINE_FILED_COPIES = 5000
NEWSLINE_FILED_COPIES_BYTES = 32 * 2**20
NEWSLINE_CACHE_CONTROL = {
    "s_maxage": ENV.cache_s_maxage,  # purged on change, so it can be long
    "stale_while_revalidate": 30,
    "stale_if_error": 86_400,
}
# What changes without a publication (the API's many query strings, search) is
# not purged by address at a CDN; it gets a short shared lifetime instead.
NEWSLINE_SHORT_S_MAXAGE = 30
# The live News line: short for shared caches, revalidated by open pages.
NEWSLINE_NEWS_LINE_S_MAXAGE = 2
NEWSLINE_NEWS_LINE_REFRESH_SECONDS = 5
# A story marked breaking shows its banner this long unless its editor sets an end.
NEWSLINE_BREAKING_HOURS = 2
# The longest an editor may set it to run: a banner is news of the hour, and one set
# for next year by a slip of the keyboard would sit on every page.
NEWSLINE_BREAKING_MAX_HOURS = 24
# While the newsroom's "breaking day" switch is on (docs/operations.md): shared
# caches keep pages (not the News line, the banner or live pages) longer and may
# serve them stale for longer; open pages refresh the News line faster.
NEWSLINE_BREAKING_DAY_CACHE_CONTROL = {
    "s_maxage": 3600,
    "stale_while_revalidate": 300,
    "stale_if_error": 7 * 86_400,
}
NEWSLINE_BREAKING_DAY_REFRESH_SECONDS = 2
# How often an open live story asks whether there are new updates (a tiny, shared,
# cached answer per half second; the updates themselves only when it changes).
NEWSLINE_LIVE_REFRESH_SECONDS = 0.5
# Query parameters that never change a page: dropped from cache keys.
NEWSLINE_IGNORED_QUERY_PARAMETERS = (
    # The time bucket open live pages add so nginx keeps one copy per half second.
    "bucket",
    "utm_",
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "igshid",
)

# Background work (CDN purges) in a database queue that every node shares;
# `newsline worker` (started by `newsline serve`) runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _frontend_caches() -> dict:
    backends = {}
    if ENV.frontend_cache_url:
        backends["http"] = {
            "BACKEND": "newsline.publishing.cdn.HTTPPurgeBackend",
            "LOCATION": ENV.frontend_cache_url,
        }
    if ENV.cloudflare_zone_id:
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": ENV.cloudflare_zone_id,
            "BEARER_TOKEN": ENV.cloudflare_api_token,
        }
    if ENV.cloudfront_distribution_id:
        backends["cloudfront"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": ENV.cloudfront_distribution_id,
        }
    return backends


WAGTAILFRONTENDCACHE = _frontend_caches()


def _mail(url: str) -> dict:
    """Django's mail settings from EMAIL_URL: smtp://USER:PASSWORD@HOST:PORT (port 587
    speaks STARTTLS), smtps://… for TLS from the start. Without it nothing is sent,
    and the admin says so instead of pretending (publishing/wagtail_hooks.py)."""
    if not url:
        return {"EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps"):
        raise ValueError(f"EMAIL_URL must start with smtp:// or smtps://, got {parts.scheme}://")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 587),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": parts.scheme == "smtp" and (parts.port or 587) == 587,
        "EMAIL_TIMEOUT": 10,
    }


globals().update(_mail(ENV.email_url))
NEWSLINE_MAIL_CONFIGURED = bool(ENV.email_url)
DEFAULT_FROM_EMAIL = SERVER_EMAIL = ENV.mail_from
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = ENV.mail_from
NEWSLINE_PURGE_TIMEOUT = 5  # seconds per CDN request
NEWSLINE_PURGE_ATTEMPTS = 4
NEWSLINE_PURGE_PAUSE = 1.0  # seconds before the first retry; doubles each time

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"newsline": {"level": "INFO", "propagate": True}},
}
