"""Reader pages that are not Wagtail pages: people and topics, and the breaking
banner every page puts in (a fragment: ``core/fragments.py``)."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse

from newsline.core import fragments, subject, surrogate
from newsline.core.pagination import InvalidCursor
from newsline.i18n.locales import request_locale

from . import cards
from .banner import breaking_banner_html
from .queries import (
    corrections_listing,
    live_story,
    live_updates,
    live_version,
    person_by_slug,
    person_interviews_count,
    person_stories,
    refresh_seconds,
    topic_by_slug,
    topic_index,
    topic_stories,
)


def person_detail(request, slug: str):
    locale = request_locale(request)
    person = person_by_slug(slug, locale)
    if person is None:
        raise Http404("No such person")
    surrogate.tag(request, surrogate.person(person.translation_key))
    try:
        listing = person_stories(locale, person, after=request.GET.get("after"))
    except InvalidCursor as exc:
        raise Http404("Unknown page of this profile") from exc
    cards.together(listing.items)
    return TemplateResponse(
        request,
        "news/person.html",
        {
            "person": person,
            "listing": listing,
            "interviews_count": person_interviews_count(locale, person),
            **subject.about(subject.PERSON, person),
        },
    )


def topic_detail(request, slug: str):
    locale = request_locale(request)
    tag = topic_by_slug(slug, locale)
    if tag is None:
        raise Http404("No published story on this topic")
    surrogate.tag(request, surrogate.topic(tag.pk, locale.language_code))
    try:
        listing = topic_stories(locale, tag, after=request.GET.get("after"))
    except InvalidCursor as exc:
        raise Http404("Unknown page of this topic") from exc
    cards.together(listing.items)
    context = {"topic": tag, "listing": listing, **subject.about(subject.TOPIC, tag)}
    return TemplateResponse(request, "news/topic.html", context)


def topic_list(request):
    """Every topic of the language's published stories, by type."""
    locale = request_locale(request)
    language = locale.language_code
    # Any story published, edited or withdrawn can change the index.
    surrogate.tag(request, surrogate.archive(language))
    context = {"by_kind": topic_index(locale), **subject.about(subject.TOPICS, language)}
    return TemplateResponse(request, "news/topic_index.html", context)


def correction_list(request):
    """Every correction of the language's published stories, newest first."""
    locale = request_locale(request)
    language = locale.language_code
    surrogate.tag(request, surrogate.corrections(language), surrogate.archive(language))
    try:
        listing = corrections_listing(locale, after=request.GET.get("after"))
    except InvalidCursor as exc:
        raise Http404("Unknown page of corrections") from exc
    context = {"listing": listing, **subject.about(subject.CORRECTIONS, language)}
    return TemplateResponse(request, "news/corrections.html", context)


def breaking_banner(request):
    """The banner of a language's breaking stories (empty when there are none),
    one shared address per language; kept no longer than what it shows is true
    (``news/banner.py``)."""
    locale = request_locale(request)
    surrogate.tag(request, surrogate.breaking(locale.language_code))
    html, until = breaking_banner_html(locale)
    surrogate.true_for(request, surrogate.seconds_until(until))
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response[fragments.REFRESH_HEADER] = str(refresh_seconds())
    return response


# Open pages receive the newest updates; older ones are on the page already.
LIVE_UPDATES_POLLED = 30


def live_updates_fragment(request, page_id: int):
    """The newest updates of a published live story, at one address per version
    (``?v=``) that every open page shares, purged at each update."""
    story = _polled_live_story(request, page_id)
    updates = live_updates(story, limit=LIVE_UPDATES_POLLED)
    html = render_to_string("news/live_updates.html", {"updates": updates})
    return _paced(story, HttpResponse(html, content_type="text/html; charset=utf-8"))


def live_version_fragment(request, page_id: int):
    """A token that changes with every update: open pages ask for it often (with a
    ``bucket`` parameter per half second, so nginx keeps one copy per bucket and the
    app one copy per change) and fetch the updates only when it moves."""
    story = _polled_live_story(request, page_id)
    return _paced(story, HttpResponse(live_version(story), content_type="text/plain"))


def _polled_live_story(request, page_id: int):
    story = live_story(request_locale(request), page_id)
    if story is None:
        raise Http404("No live story here")
    # Its own key for each update; the story's for a withdrawal or an edit.
    surrogate.tag(request, surrogate.live(story.pk), surrogate.story(story.translation_key))
    return story


def _paced(story, response):
    """Tell open pages how often to ask again: never, once the coverage has ended."""
    pace = settings.NEWSLINE_LIVE_REFRESH_SECONDS if story.is_running else 0
    response[fragments.REFRESH_HEADER] = str(pace)
    return response
