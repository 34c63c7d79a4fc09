"""The read API: Wagtail API v2 endpoints for stories, sections, people and topics.

Each endpoint's queryset is the whole truth of what it may show: listing, detail
and find all start from it, so a story that ``ArticlePage.objects.published()``
leaves out (draft, scheduled, expired, private or under a private section) is
absent everywhere, in every language. Wagtail's own default would be "live and
public to this request", which knows nothing of our publication time or expiry
and lets a session that typed a page's password see it.
"""

from django.http import Http404
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from wagtail.api import APIField
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.models import Site

from newsline.core import surrogate
from newsline.news.models import ArticlePage, Person, SectionPage, Topic
from newsline.news.queries import topics_in_use, with_relations

from . import fields, items, links, queries
from .filters import (
    JournalistFilter,
    KindFilter,
    LanguageFilter,
    OrderFilter,
    PublishedSinceFilter,
    SectionFilter,
    TopicFilter,
    known_locales,
    locale_by_code,
    requested_id,
    requested_locale,
)
from .pagination import BoundedPagination

PAGING = frozenset(["limit", "offset", "fields", "_"])  # "_": jQuery's cache-buster
LANGUAGE = frozenset(["language", "locale"])


def _names(fields_):
    return [field.name if isinstance(field, APIField) else field for field in fields_]


class PublicEndpoint:
    """Anonymous and JSON only: no session is read, so no cookie is ever set, and
    no browsable HTML page (with its CSRF cookie) is offered."""

    renderer_classes = [JSONRenderer]
    pagination_class = BoundedPagination
    authentication_classes = []
    permission_classes = [AllowAny]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        surrogate.tag(request._request, surrogate.API)

    def handle_exception(self, exc):
        # One error shape for partners: Wagtail's {"message"}, not DRF's {"detail"}.
        response = super().handle_exception(exc)
        if isinstance(response.data, dict) and set(response.data) == {"detail"}:
            response.data = {"message": str(response.data["detail"])}
        return response

    def get_object(self):
        if not queries.in_id_range(self.kwargs["pk"]):
            raise Http404("not found")
        return super().get_object()

    def find_object(self, queryset, request):
        pk = requested_id(request)
        if pk is None or not queries.in_id_range(pk):
            return None
        return queryset.filter(pk=pk).first()

    def check_query_parameters(self, queryset):
        # Only the parameters documented in docs/api.md; Wagtail would also take
        # any model field, and a malformed date there would be a server error.
        unknown = set(self.request.GET) - self.known_query_parameters
        if unknown:
            raise BadRequestError(f"unknown query parameter: {', '.join(sorted(unknown))}")


class LocalizedPageFinder:
    """``find/?html_path=/en/politics/`` for a site whose languages are URL prefixes.

    Wagtail routes the path from the default site's root, which is the Azerbaijani
    home; here the first segment picks the home of that language.
    """

    def find_object(self, queryset, request):
        if "html_path" not in request.GET:
            return super().find_object(queryset, request)
        page = _page_at_path(request, request.GET["html_path"])
        return page and queryset.filter(pk=page.pk).first()


def _page_at_path(request, path: str):
    language, *rest = [part for part in path.split("/") if part] or [""]
    locale = locale_by_code(language)
    site = Site.find_for_request(request)
    home = site.root_page.get_translation_or_none(locale) if site and locale else None
    if home is None:
        return None
    try:
        return home.specific.route(request, rest).page
    except Http404:
        return None


class StoriesEndpoint(LocalizedPageFinder, PublicEndpoint, PagesAPIViewSet):
    name = "stories"
    model = ArticlePage
    renderer_classes = [items.ItemsRenderer]
    filter_backends = [
        LanguageFilter,
        SectionFilter,
        TopicFilter,
        KindFilter,
        PublishedSinceFilter,
        OrderFilter,
    ]
    known_query_parameters = (
        PAGING | LANGUAGE | {"section", "topic", "kind", "published_since", "order"}
    )
    find_query_parameters = frozenset(["id", "html_path"])
    order_fields = ("published_at", "last_published_at", "first_published_at", "title", "id")
    body_fields = [
        "id",
        "title",
        APIField("kind", serializer=fields.KindField()),
        APIField("label", serializer=fields.LabelField()),
        APIField("language", serializer=fields.LanguageField()),
        "lead",
        "published_at",
        "last_published_at",
        "is_breaking",
        "breaking_until",
        APIField("section", serializer=fields.SectionField()),
        APIField("authors", serializer=fields.AuthorsField()),
        APIField("topics", serializer=fields.TopicsField()),
        APIField("main_image", serializer=fields.MainImageField()),
        APIField("body", serializer=fields.BodyField()),
        APIField("translations", serializer=fields.TranslationsField()),
    ]
    meta_fields = [
        "type",
        "detail_url",
        APIField("html_url", serializer=fields.PageHtmlUrlField()),
        "slug",
        "first_published_at",
    ]
    listing_default_fields = _names(meta_fields + body_fields)
    nested_default_fields = ["id", "type", "detail_url", "title"]
    detail_only_fields = ["body", "translations"]

    def get_base_queryset(self):
        # Asked three times a listing (the list, the serializer's model, its
        # context); building the visibility rule's filters once is enough.
        if not hasattr(self, "_published"):
            self._published = queries.api_stories()
        return self._published.all()

    def get_queryset(self):
        return self.get_base_queryset()

    def listing_view(self, request):
        """Wagtail's listing, with each story's item filed (``api/items.py``):
        which stories are listed is asked every time, from the one visibility
        rule; only the items of those listed are read, and built only when
        missing or purged."""
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        rows = self.paginate_queryset(self.filter_queryset(queryset).values_list(*items.ROW))
        renderer = request.accepted_renderer
        listed = items.story_items(
            rows,
            self.get_serializer_class(),
            self.get_serializer_context(),
            base=links.base_url(request),
            renderer=renderer,
            indent=renderer.get_indent(request.accepted_media_type, self.get_renderer_context()),
        )
        return self.get_paginated_response(listed)

    def get_object(self):
        if not hasattr(self, "_story"):
            self._story = with_relations([super().get_object()])[0]
        return self._story


class SectionsEndpoint(LocalizedPageFinder, PublicEndpoint, PagesAPIViewSet):
    name = "sections"
    model = SectionPage
    filter_backends = [LanguageFilter]
    known_query_parameters = PAGING | LANGUAGE
    find_query_parameters = frozenset(["id", "html_path"])
    body_fields = [
        "id",
        "title",
        "intro",
        APIField("language", serializer=fields.LanguageField()),
    ]
    meta_fields = [
        "type",
        "detail_url",
        APIField("html_url", serializer=fields.PageHtmlUrlField()),
        "slug",
    ]
    listing_default_fields = _names(meta_fields + body_fields)
    nested_default_fields = ["id", "type", "detail_url", "title"]
    detail_only_fields = []

    def get_base_queryset(self):
        return queries.public_sections()

    def get_queryset(self):
        return self.get_base_queryset()


class PeopleEndpoint(PublicEndpoint, BaseAPIViewSet):
    name = "people"
    model = Person
    filter_backends = [LanguageFilter, JournalistFilter]
    known_query_parameters = PAGING | LANGUAGE | {"is_journalist"}
    body_fields = [
        "id",
        "name",
        "slug",
        "position",
        "organisation",
        "is_journalist",
        APIField("language", serializer=fields.LanguageField()),
    ]
    meta_fields = [
        "type",
        "detail_url",
        APIField("html_url", serializer=fields.PersonHtmlUrlField()),
    ]
    listing_default_fields = _names(meta_fields + body_fields)
    nested_default_fields = ["id", "type", "detail_url", "name"]

    def get_queryset(self):
        return queries.listed_people()


class TopicsEndpoint(PublicEndpoint, BaseAPIViewSet):
    """Topics are shared by all languages; ``?language=`` counts (and requires)
    published stories in that language."""

    name = "topics"
    model = Topic
    known_query_parameters = PAGING | LANGUAGE
    body_fields = [
        "id",
        "name",
        "slug",
        APIField("story_count", serializer=fields.StoryCountField()),
    ]
    listing_default_fields = _names(BaseAPIViewSet.meta_fields + body_fields)
    nested_default_fields = ["id", "type", "detail_url", "name"]

    def get_queryset(self):
        """Every topic; only those in use are shown (``_topics_in_use``)."""
        return Topic.objects.all()

    def _topics_in_use(self, topics=None) -> list:
        """The topics in use (of ``topics``) with their counts as kept
        (``news.queries.topics_in_use``), in the language asked or in all:
        counting every topic's stories on each request took 5.8 s at a million
        stories."""
        locale = requested_locale(self.request)
        return topics_in_use([locale] if locale else known_locales(), topics)

    def listing_view(self, request):
        self.check_query_parameters(None)
        page = self.paginate_queryset(self._topics_in_use())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_object(self):
        topic = self._topic_in_use(super().get_object())
        if topic is None:
            raise Http404("No topic in use with that id")
        return topic

    def find_object(self, queryset, request):
        topic = super().find_object(queryset, request)
        return topic and self._topic_in_use(topic)

    def _topic_in_use(self, topic):
        """``topic`` with its count, if it is in use; else None."""
        found = self._topics_in_use([topic])
        return found[0] if found else None
