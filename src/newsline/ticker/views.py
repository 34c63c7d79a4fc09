"""The archive behind the News line's "All" link: every story, day by day."""

from datetime import date

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation

from newsline.core import fragments, subject, surrogate
from newsline.core.pagination import InvalidCursor
from newsline.i18n import clock
from newsline.i18n.locales import request_locale
from newsline.news.queries import refresh_seconds

from .fragment import news_line_html
from .queries import archive_page, day_stories, group_by_day, neighbour_days


def news_line_fragment(request):
    """The News line's items alone, for open pages to refresh without a reload.

    One address per language shared by every reader, answered from the page
    cache and with an ETag, so a poll that finds nothing new costs a 304.
    """
    language = translation.get_language()
    surrogate.tag(request, surrogate.news_line(language))
    html = news_line_html(request_locale(request), language, request)
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response[fragments.REFRESH_HEADER] = str(refresh_seconds())
    return response


def archive_index(request):
    locale = request_locale(request)
    surrogate.tag(request, surrogate.archive(locale.language_code))
    try:
        page = archive_page(locale, after=request.GET.get("after"))
    except InvalidCursor as exc:
        raise Http404("Unknown archive page") from exc
    return TemplateResponse(
        request,
        "ticker/archive.html",
        {"days": group_by_day(page.items), "next_cursor": page.next_cursor},
    )


def _valid_day(year: int, month: int, day: int) -> date:
    try:
        requested = date(year, month, day)
    except ValueError as exc:
        raise Http404("No such date") from exc
    if requested > clock.today():
        raise Http404("That day has not happened yet")
    return requested


def archive_day(request, year: int, month: int, day: int):
    requested = _valid_day(year, month, day)
    locale = request_locale(request)
    surrogate.tag(request, surrogate.day(locale.language_code, requested))
    after = request.GET.get("after")
    try:
        page = day_stories(locale, requested, after=after)
    except InvalidCursor as exc:
        raise Http404("Unknown page of this day") from exc
    if not page.items:
        raise Http404("No stories on this day")
    earlier, later = neighbour_days(locale, requested)
    return TemplateResponse(
        request,
        "ticker/archive_day.html",
        {
            "day": requested,
            "stories": page.items,
            "next_cursor": page.next_cursor,
            "earlier": earlier,
            "later": later,
            **subject.day(requested),
        },
    )
