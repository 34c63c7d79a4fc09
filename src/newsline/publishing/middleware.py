"""Anonymous readers get pages from the page cache; everyone gets honest
``Cache-Control`` headers, and a CDN the surrogate keys it purges by.

A response is stored, and offered to shared caches, only when all of this holds:
the request is a GET or HEAD with no session or authorisation; the response is
a 200 that sets no cookie, is not marked private or uncacheable, does not vary
on cookies, and its view said what it shows (surrogate keys). Anything else is
sent ``private, no-cache`` (``no-store`` for signed-in users) unless its view
chose otherwise.
"""

import hashlib
import time
from functools import cache
from importlib import import_module

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.handlers.base import BaseHandler
from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import quote_etag
from django.utils.module_loading import import_string

from newsline.core import filing, fragments, surrogate
from newsline.core.addresses import is_admin
from newsline.news.queries import is_breaking_day

from . import assembly, store

SAFE_METHODS = ("GET", "HEAD")
# Our own response headers that are not stored with a page.
UNSTORED_HEADERS = {"x-cache", "age", "set-cookie", "x-accel-expires"}
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
# How each header a CDN purges by writes a response's keys (lower-case names).
KEY_SEPARATORS = {"surrogate-key": " ", "cache-tag": ","}


def is_signed_in(environ) -> bool:
    """A live session: an editor, or a reader who unlocked a private page.

    A session cookie that names no live session (forged, expired, left from a
    sign-out) does not count, nor does an ``Authorization`` header (nothing here
    signs in by header): either would otherwise buy a full render for the price
    of a header, a cheap way to take the site down. The check is one read of the
    session store (cached, then the database)."""
    key = parse_cookie(environ.get("HTTP_COOKIE", "")).get(settings.SESSION_COOKIE_NAME)
    return bool(key) and _is_live_session(key)


def _is_live_session(key: str) -> bool:
    try:
        return bool(_session_store()(session_key=key).load())
    except Exception:  # cannot tell (store down): treat as signed in, never cache it
        return True


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def is_cacheable_request(environ) -> bool:
    """Judged on the WSGI environ, so the fast path can answer before Django."""
    return (
        settings.NEWSLINE_PAGE_CACHE
        and environ.get("REQUEST_METHOD") in SAFE_METHODS
        and not is_signed_in(environ)
        and not is_admin(environ.get("PATH_INFO", ""))
    )


def is_storable(request, response) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "cookie" not in response.get("Vary", "").lower()
        and not any(directive in control for directive in UNCACHEABLE_DIRECTIVES)
        and bool(surrogate.keys_of(request))
    )


def cache_control() -> dict:
    """Shared caches' lifetimes now: longer on a breaking day (docs/operations.md)."""
    if is_breaking_day():
        return settings.NEWSLINE_BREAKING_DAY_CACHE_CONTROL
    return settings.NEWSLINE_CACHE_CONTROL


def shared_lifetime(request, control: dict) -> int:
    keys = surrogate.keys_of(request)
    if surrogate.API in keys or any(surrogate.is_search(key) for key in keys):
        lifetime = settings.NEWSLINE_SHORT_S_MAXAGE
    elif any(surrogate.is_fragment(key) for key in keys):
        lifetime = settings.NEWSLINE_NEWS_LINE_S_MAXAGE
    else:
        lifetime = control["s_maxage"]
    true_for = surrogate.lifetime_of(request)
    return lifetime if true_for is None else min(lifetime, true_for)


def stored_lifetime(request, control: dict) -> int:
    """How long Newsline keeps a response (or a fragment's body): the page cache's
    lifetime, or less when what it shows stops being true sooner."""
    return min(control["s_maxage"], surrogate.lifetime_of(request) or control["s_maxage"])


def mark_shared(request, response, control: dict) -> None:
    """Headers that let a CDN or nginx keep the response, and a CDN purge it by key
    (``NEWSLINE_KEY_HEADERS``: only the headers a configured CDN reads)."""
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=shared_lifetime(request, control),
        stale_while_revalidate=control["stale_while_revalidate"],
        stale_if_error=control["stale_if_error"],
    )
    keys = sorted(surrogate.keys_of(request))
    for header in settings.NEWSLINE_KEY_HEADERS:
        response[header] = KEY_SEPARATORS[header.lower()].join(keys)
    if not response.has_header("ETag"):
        set_response_etag(response)


def mark_private(request, response) -> None:
    if is_signed_in(request.META):
        patch_cache_control(response, private=True, no_store=True)
    elif not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)


def keep_one_second_in_nginx(response):
    name, value = store.nginx_expiry()
    response[name] = value
    return response


def check_key_headers(headers) -> None:
    unknown = [header for header in headers if header.lower() not in KEY_SEPARATORS]
    if unknown:
        raise ImproperlyConfigured(
            f"NEWSLINE_KEY_HEADERS names {', '.join(unknown)}; it takes "
            f"{' and '.join(KEY_SEPARATORS)} (any case), or none"
        )


def defused(response):
    """``response`` with any SSI directive its HTML holds defused: only the slots
    we write may become directives (``core/fragments.py``)."""
    if is_html(response):
        response.content = fragments.defuse(response.content)
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        check_key_headers(settings.NEWSLINE_KEY_HEADERS)
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request.META):
            response = self._rendered(request)
            mark_private(request, response)
            return self._assembled(request, response)
        key = store.entry_key(request.META)
        entry = store.fetch(key)
        if entry is not None:
            return self._assembled(request, self._from_cache(entry))
        sequence = filing.purge_sequence()
        response = self._rendered(request)
        if not is_storable(request, response) or "HTTP_AUTHORIZATION" in request.META:
            mark_private(request, response)
            return self._assembled(request, response)
        stored = response.content
        if not response.has_header("ETag"):  # of the stored body: the same for every hit
            response["ETag"] = quote_etag(hashlib.md5(stored, usedforsecurity=False).hexdigest())
        control = cache_control()
        mark_shared(request, response, control)
        store.save(
            key,
            status=response.status_code,
            headers=[(k, v) for k, v in response.items() if k.lower() not in UNSTORED_HEADERS],
            content=stored,
            keys=surrogate.keys_of(request),
            sequence_before=sequence,
            timeout=stored_lifetime(request, control),
        )
        response["X-Cache"] = "MISS"
        return self._assembled(request, keep_one_second_in_nginx(response))

    def _rendered(self, request):
        """Django's response, with any SSI directive it holds defused: only the
        slots we write may become directives (``core/fragments.py``)."""
        return defused(self.get_response(request))

    def _from_cache(self, entry):
        headers, content = entry.hit()
        response = HttpResponse(content, status=entry.status)
        for name, value in headers:
            response[name] = value
        return response

    def _assembled(self, request, response):
        """The response with its fragments in (or SSI directives for nginx), and
        a 304 when the reader already has exactly that."""
        if is_html(response) and assembly.has_slots(response.content):
            page = response.content
            found = assembly.fetched_fragments(request.META, page, self._fragment(request))
            response.content = assembly.assemble(request.META, page, found)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
            if response.has_header("ETag"):
                response["ETag"] = assembly.etag(response["ETag"], request.META, found)
        if (
            request.method not in SAFE_METHODS
            or response.status_code != 200
            or not response.has_header("ETag")
        ):
            return response
        return get_conditional_response(request, etag=response["ETag"], response=response)

    def _fragment(self, request):
        """Fetch a fragment as nginx would: a request of its own, as an anonymous
        reader, answered from the page cache or rendered and stored there; with
        the page cache off, its body filed (``filed_fragment``)."""

        def fetch(path: str) -> bytes | None:
            environ = assembly.fragment_environ(request.META, path)
            if not settings.NEWSLINE_PAGE_CACHE:
                return filed_fragment(environ)
            entry = store.fetch(store.entry_key(environ))
            if entry is not None:
                return entry.content if entry.status == 200 else None
            response = _fragment_handler().get_response(WSGIRequest(environ))
            return response.content if response.status_code == 200 else None

        return fetch


FILED_FRAGMENT = "newsline:fragment-body:"


def filed_fragment(environ) -> bytes | None:
    """A fragment's body for pages answered without the page cache (decision
    0033): filed like a page's other parts (``filing.one_filed``), under the
    surrogate keys its view named, for as long as the page cache would keep it,
    and only when the page cache would store its response (no placeholder
    picture, nothing private); rendered through the fragment handler when
    missing. None: left empty."""
    name = filing.name(FILED_FRAGMENT, store.entry_key(environ), filing.release_digest())
    judged = {}

    def render() -> tuple[bytes | None, float]:
        sub = WSGIRequest(environ)
        response = _filing_handler().get_response(sub)  # as the page cache gets it
        shown = response.status_code == 200
        judged["keys"] = surrogate.keys_of(sub) if shown and is_storable(sub, response) else None
        content = defused(response).content if shown else None
        return content, time.time() + stored_lifetime(sub, cache_control())

    return filing.one_filed(name, lambda _content: judged["keys"], render)


# Middleware that does nothing for a fragment the app fetches for a page (an
# anonymous reader's GET of a fixed address, its cookies left out): signed-in
# users, the admin, static files, redirects of missing pages and forms. Any other middleware,
# one added later included, runs as for a request from nginx, so the fragment's
# response (stored in the page cache and served at its own address) is the same.
NOT_FOR_FRAGMENTS = frozenset(
    {
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "newsline.i18n.middleware.AdminLanguageMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django_otp.middleware.OTPMiddleware",
        "newsline.users.middleware.SessionTimeoutMiddleware",
        "newsline.users.middleware.TwoFactorMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "wagtail.contrib.redirects.middleware.RedirectMiddleware",
        "axes.middleware.AxesMiddleware",
    }
)


class FragmentHandler(WSGIHandler):
    """Django's own request handling for fragment requests: routed by address
    through every middleware a reader's request needs (``NOT_FOR_FRAGMENTS``
    left out: they were a third of a fragment's cost), as a request from nginx
    would be. Not the handler of the page's request: Wagtail's preview has one
    that renders only the page. ``get_response`` sends no request signals, which
    would close the page request's database connection."""

    left_out = NOT_FOR_FRAGMENTS

    def load_middleware(self, is_async=False):
        """Django's chain (``BaseHandler.load_middleware``), synchronous, of the
        middleware a fragment needs."""
        self._view_middleware, self._template_response_middleware = [], []
        self._exception_middleware = []
        handler = convert_exception_to_response(self._get_response)
        for path in reversed(fragment_middleware(self.left_out)):
            instance = import_string(path)(handler)
            if hasattr(instance, "process_view"):
                self._view_middleware.insert(0, instance.process_view)
            if hasattr(instance, "process_template_response"):
                self._template_response_middleware.append(instance.process_template_response)
            if hasattr(instance, "process_exception"):
                self._exception_middleware.append(instance.process_exception)
            handler = convert_exception_to_response(instance)
        self._middleware_chain = handler


class FilingHandler(FragmentHandler):
    """The fragment handler without the page cache, for ``filed_fragment``: the
    response as the page cache would judge it, before it is marked private."""

    left_out = NOT_FOR_FRAGMENTS | {f"{__name__}.PageCacheMiddleware"}


def fragment_middleware(left_out=NOT_FOR_FRAGMENTS) -> list[str]:
    return [path for path in settings.MIDDLEWARE if path not in left_out]


@cache
def _fragment_handler() -> BaseHandler:
    return FragmentHandler()


@cache
def _filing_handler() -> BaseHandler:
    return FilingHandler()


def is_html(response) -> bool:
    return not response.streaming and response.get("Content-Type", "").startswith("text/html")
