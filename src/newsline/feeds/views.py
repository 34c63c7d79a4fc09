"""Feeds, sitemaps and robots.txt: the addresses machines read."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from wagtail.models import Locale

from newsline.core import outlet as core_outlet
from newsline.core import surrogate
from newsline.core.outlet import absolute
from newsline.i18n.locales import request_locale

from . import queries, sitemaps
from .entries import correction_entry, story_items
from .formats import FORMATS, FeedInfo


def feed(request, fmt: str, kind: str = "site", slug: str = ""):
    """One feed: ``fmt`` is rss, atom or json; ``kind`` site, section, topic or person.

    Answers 304 to a reader that already has the current version, judged by an
    ETag and Last-Modified computed from one narrow query before any rendering.
    """
    if fmt not in FORMATS:
        raise Http404("Unknown feed format")
    locale = request_locale(request)
    source = queries.channel(kind, slug, locale)
    if source is None:
        raise Http404("Nothing to follow here")
    surrogate.tag(request, source.surrogate_key)
    size = settings.NEWSLINE_FEED_SIZE
    listed = queries.channel_newest(source, size)
    seed, edited = queries.channel_fingerprint(source, listed)
    etag = quote_etag(f"{seed}-{fmt}")
    last_modified = int(edited.timestamp()) if edited else None
    unchanged = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if unchanged is not None:
        return unchanged
    feed_format = FORMATS[fmt]
    items = story_items(listed, request, language=locale.language_code, feed_format=feed_format)
    body = feed_format.write(_feed_info(request, source, edited), items)
    response = HttpResponse(body, f"{feed_format.content_type}; charset=utf-8")
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified)
    return response


def corrections_feed(request, fmt: str):
    """The language's corrections, newest first, as a feed."""
    if fmt not in FORMATS:
        raise Http404("Unknown feed format")
    locale = request_locale(request)
    language = locale.language_code
    surrogate.tag(request, surrogate.corrections(language), surrogate.archive(language))
    corrections = queries.newest_corrections(locale, settings.NEWSLINE_FEED_SIZE)
    edited = max((c.changed_at for c in corrections), default=None)
    outlet = core_outlet.name(request)
    info = FeedInfo(
        title=_("Corrections") + f" — {outlet}",
        home_url=absolute(request, reverse("corrections")),
        feed_url=absolute(request, request.path),
        description=_("Every correction published by %(outlet)s") % {"outlet": outlet},
        language=language,
        updated=edited,
    )
    feed_format = FORMATS[fmt]
    items = [feed_format.item(correction_entry(c, request, language=language)) for c in corrections]
    body = feed_format.write(info, items)
    return HttpResponse(body, f"{feed_format.content_type}; charset=utf-8")


def _feed_info(request, source, edited) -> FeedInfo:
    outlet = core_outlet.name(request)
    if source.kind == "site":
        title = outlet
        description = _("The newest stories from %(outlet)s") % {"outlet": outlet}
    else:
        title = f"{source.title} — {outlet}"
        description = _("The newest stories about %(subject)s from %(outlet)s") % {
            "subject": source.title,
            "outlet": outlet,
        }
    return FeedInfo(
        title=title,
        home_url=absolute(request, source.path),
        feed_url=absolute(request, request.path),
        description=description,
        language=source.locale.language_code,
        updated=edited,
    )


def _xml(request, template: str, context: dict):
    surrogate.tag(request, surrogate.SITEMAPS)
    response = TemplateResponse(
        request, template, context, content_type="application/xml; charset=utf-8"
    )
    patch_vary_headers(response, ["Host"])
    return response


def sitemap_index(request):
    """``/sitemap.xml``: every language's sitemaps, each with its newest change."""
    return _xml(request, "feeds/sitemap_index.xml", {"sitemaps": sitemaps.index(request)})


def _locale_of(language: str) -> Locale:
    if language not in dict(settings.LANGUAGES):
        raise Http404("Unknown language")
    return get_object_or_404(Locale, language_code=language)


def sitemap_section(request, language: str, part: str, number: int = 1):
    """One language's sitemap of ``part``: pages, archive, or the numbered stories file."""
    locale = _locale_of(language)
    with translation.override(language):
        urls = sitemaps.part_urls(request, locale, part, number)
        if urls is None:
            raise Http404("No such sitemap")
        return _xml(request, "feeds/sitemap.xml", {"urls": urls}).render()


def news_sitemap(request, language: str):
    """Google News sitemap: the language's stories of the last 48 hours, at most 1,000."""
    locale = _locale_of(language)
    with translation.override(language):
        items = sitemaps.news_urls(request, locale)
        context = {
            "items": items,
            "publication": core_outlet.name(request),
            "language": language,
        }
        return _xml(request, "feeds/news_sitemap.xml", context).render()


def robots(request):
    """``robots.txt``: where the sitemaps are, and what crawlers should leave alone."""
    surrogate.tag(request, surrogate.SITEMAPS)
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            lines.append(f"Disallow: {reverse('search')}")
    lines.append("")
    lines.append(f"Sitemap: {absolute(request, reverse('sitemap_index'))}")
    news_files = [f for f in sitemaps.index(request) if f.location.endswith("/news.xml")]
    lines += [f"Sitemap: {news.location}" for news in news_files]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
