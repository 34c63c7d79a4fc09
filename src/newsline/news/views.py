"""Reader pages that are not Wagtail pages: people and topics."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from taggit.models import Tag

from newsline.core.pagination import InvalidCursor
from newsline.i18n.locales import request_locale

from .models import Person
from .queries import person_interviews_count, person_stories, topic_stories


def _find_person(slug: str, locale) -> Person:
    """The person in the reader's language, else in any language they exist in."""
    people = Person.objects.filter(slug=slug).select_related("photo", "locale")
    person = people.filter(locale=locale).first() or people.first()
    if person is None:
        raise Http404("No such person")
    return person


def person_detail(request, slug: str):
    locale = request_locale(request)
    person = _find_person(slug, locale)
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
        },
    )


def topic_detail(request, slug: str):
    locale = request_locale(request)
    tag = get_object_or_404(Tag, slug=slug)
    try:
        listing = topic_stories(locale, tag, after=request.GET.get("after"))
    except InvalidCursor as exc:
        raise Http404("Unknown page of this topic") from exc
    return TemplateResponse(request, "news/topic.html", {"topic": tag, "listing": listing})
