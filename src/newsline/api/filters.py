"""Query parameters of the API and the ninjs export, read strictly.

Each reader turns one parameter into a value or raises ``BadRequestError`` with a
message that starts with the parameter's name, which both the Wagtail endpoints
and the ninjs views answer with a 400. Values never reach the database unchecked:
a malformed date or a NUL byte is a partner's typo, not a server error.
"""

import re
from datetime import UTC

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError, parse_boolean
from wagtail.models import Locale

from newsline.i18n.clock import outlet_zone
from newsline.news.models import story_model, story_models

from .queries import public_sections

LANGUAGE_PARAMETERS = ("language", "locale")  # ours, and the name Wagtail's clients know
_SLUG = re.compile(r"[-\w]{1,255}")
_ID = re.compile(r"[0-9]{1,100}")


def _locales() -> dict:
    return {locale.language_code: locale for locale in Locale.objects.all()}


def known_locales() -> list[Locale]:
    return list(_locales().values())


def locale_by_code(code: str) -> Locale | None:
    return _locales().get(code)


def requested_locale(request) -> Locale | None:
    """The Locale named by ``?language=`` (or ``?locale=``); None when neither is given."""
    name = next((name for name in LANGUAGE_PARAMETERS if name in request.GET), None)
    if name is None:
        return None
    locales = _locales()
    code = request.GET[name]
    if code not in locales:
        known = ", ".join(sorted(locales))
        raise BadRequestError(f"{name}: unknown language {code!r}; use one of {known}")
    return locales[code]


def requested_since(request, name: str = "published_since"):
    """The aware moment given as an ISO 8601 date-time (or date); None when absent.

    Without an offset the time is read in the outlet's zone, as editors write it.
    """
    raw = request.GET.get(name)
    if raw is None:
        return None
    moment = _aware_moment(raw)
    if moment is None:
        raise BadRequestError(
            f"{name}: {raw!r} is not an ISO 8601 date-time such as 2025-05-27T14:00:00+04:00 "
            "(send '+' as %2B)"
        )
    return moment


def _aware_moment(raw: str):
    try:
        moment = parse_datetime(raw)
        if moment is None:
            return None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, outlet_zone())
        moment.astimezone(UTC)  # the database compares in UTC, where year 1 or 9999 may not fit
        return moment
    except (ValueError, OverflowError):
        return None


def requested_id(request, name: str = "id") -> int | None:
    raw = request.GET.get(name)
    if raw is None:
        return None
    if not _ID.fullmatch(raw):
        raise BadRequestError(f"{name}: {raw!r} is not an id")
    return int(raw)


def requested_slug(request, name: str) -> str | None:
    raw = request.GET.get(name)
    if raw is not None and not _SLUG.fullmatch(raw):
        raise BadRequestError(f"{name}: {raw!r} is not a slug")
    return raw


def requested_sections(request) -> list | None:
    """The public sections (one per language) with the slug in ``?section=``."""
    slug = requested_slug(request, "section")
    if slug is None:
        return None
    sections = list(public_sections().filter(slug=slug))
    if not sections:
        raise BadRequestError(f"section: no section has the slug {slug!r}")
    return sections


class LanguageFilter(BaseFilterBackend):
    """``?language=en``: only what is written in that language."""

    def filter_queryset(self, request, queryset, view):
        locale = requested_locale(request)
        return queryset if locale is None else queryset.filter(locale=locale)


class SectionFilter(BaseFilterBackend):
    """``?section=politics``: stories filed in the section of that slug."""

    def filter_queryset(self, request, queryset, view):
        sections = requested_sections(request)
        return queryset if sections is None else queryset.filed_in(*sections)


class TopicFilter(BaseFilterBackend):
    """``?topic=water``: stories tagged with that topic (none if nobody used it yet)."""

    def filter_queryset(self, request, queryset, view):
        slug = requested_slug(request, "topic")
        return queryset if slug is None else queryset.filter(tagged_topics__tag__slug=slug)


class KindFilter(BaseFilterBackend):
    """``?kind=opinion``: stories of one kind."""

    def filter_queryset(self, request, queryset, view):
        kind = request.GET.get("kind")
        if kind is None:
            return queryset
        model = story_model(kind)
        if model is None:
            known = ", ".join(known.kind for known in story_models())
            raise BadRequestError(f"kind: {kind!r} is not one of {known}")
        return queryset.type(model)


class PublishedSinceFilter(BaseFilterBackend):
    """``?published_since=<ISO 8601>``: stories published at or after that moment."""

    def filter_queryset(self, request, queryset, view):
        since = requested_since(request)
        return queryset if since is None else queryset.filter(published_at__gte=since)


class JournalistFilter(BaseFilterBackend):
    """``?is_journalist=true|false``."""

    def filter_queryset(self, request, queryset, view):
        raw = request.GET.get("is_journalist")
        if raw is None:
            return queryset
        try:
            return queryset.filter(is_journalist=parse_boolean(raw))
        except ValueError as exc:
            raise BadRequestError(f"is_journalist: {exc}") from exc


class OrderFilter(BaseFilterBackend):
    """``?order=title,-published_at``: among the view's ``order_fields`` only, since
    ordering by a relation (authors, topics) would repeat stories in the list."""

    def filter_queryset(self, request, queryset, view):
        raw = request.GET.get("order")
        if raw is None:
            return queryset
        keys = raw.split(",")
        unknown = [key for key in keys if key.removeprefix("-") not in view.order_fields]
        if unknown:
            known = ", ".join(view.order_fields)
            raise BadRequestError(f"order: cannot order by {', '.join(unknown)}; use {known}")
        return queryset.order_by(*keys, "-pk")
