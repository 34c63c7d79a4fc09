"""Reader pages that are not Wagtail pages: people and topics."""

from django.http import Http404
from django.template.response import TemplateResponse

from newsline.core import subject, surrogate
from newsline.core.pagination import InvalidCursor
from newsline.i18n.locales import request_locale

from .queries import (
    person_by_slug,
    person_interviews_count,
    person_stories,
    topic_by_slug,
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
    context = {"topic": tag, "listing": listing, **subject.about(subject.TOPIC, tag)}
    return TemplateResponse(request, "news/topic.html", context)
