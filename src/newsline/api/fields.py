"""How a story, a section, a person or a topic looks in the API, field by field.

Each field reads the whole object (``get_attribute`` returns it) because what a
partner needs is rarely one column: a section summary, bylines in the story's
language, absolute addresses. Lists are prefetched by ``with_relations``.
"""

from django.utils import translation
from rest_framework.fields import Field
from wagtail.api.v2.utils import get_object_detail_url

from newsline.news.models import ArticlePage
from newsline.news.queries import localized_people
from newsline.news.syndication import body_html

from . import links, queries


class ObjectField(Field):
    """A read-only field computed from the whole object."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return instance

    @property
    def base(self) -> str:
        return links.base_url(self.context["request"])


def _language(obj) -> str:
    return obj.locale.language_code


class LanguageField(ObjectField):
    def to_representation(self, obj):
        return _language(obj)


class KindField(ObjectField):
    def to_representation(self, story):
        return story.kind


class LabelField(ObjectField):
    """The kind's label as readers see it, in the story's language (null for news)."""

    def to_representation(self, story):
        label = story.label
        if label is None:
            return None
        with translation.override(_language(story)):
            return str(label)


class SectionField(ObjectField):
    def to_representation(self, story):
        section = story.section
        return {"id": section.pk, "title": section.title, "slug": section.slug}


class AuthorsField(ObjectField):
    """Bylines in order, each person in the story's language where translated."""

    def to_representation(self, story):
        language = _language(story)
        people = localized_people([b.person for b in story.authors.all()], story.locale_id)
        return [
            {"id": p.pk, "name": p.name, "url": links.person_url(p, language, self.base)}
            for p in people
        ]


class TopicsField(ObjectField):
    def to_representation(self, story):
        language = _language(story)
        tags = sorted((tagged.tag for tagged in story.tagged_topics.all()), key=lambda t: t.name)
        return [
            {"name": t.name, "slug": t.slug, "url": links.topic_url(t, language, self.base)}
            for t in tags
        ]


class MainImageField(ObjectField):
    KEYS = ("url", "width", "height", "caption", "credit", "alt")

    def to_representation(self, story):
        if story.main_image is None:
            return None
        shown = links.picture(story.main_image, self.base)
        return shown and {key: shown[key] for key in self.KEYS}


class BodyField(ObjectField):
    """The full text as HTML with absolute addresses (detail only: it needs the specific page)."""

    def to_representation(self, story):
        return body_html(story.specific, base_url=self.base)


class TranslationsField(ObjectField):
    """Language code → the published translation's id and addresses."""

    def to_representation(self, story):
        router, request = self.context["router"], self.context["request"]
        return {
            _language(other): {
                "id": other.pk,
                "detail_url": get_object_detail_url(router, request, ArticlePage, other.pk),
                "html_url": links.page_url(other),
            }
            for other in queries.other_languages(story)
        }


class StoryCountField(ObjectField):
    def to_representation(self, tag):
        return tag.story_count


class PageHtmlUrlField(ObjectField):
    def to_representation(self, page):
        return links.page_url(page)


class PersonHtmlUrlField(ObjectField):
    """The profile page in the person's own language."""

    def to_representation(self, person):
        return links.person_url(person, _language(person), self.base)
