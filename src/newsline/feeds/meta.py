"""What a page tells machines in its head: canonical address, Open Graph and
Twitter cards, JSON-LD, and the feeds that follow it.

Built from the template context the page already has (the page, its bylines,
the person or topic of a view), so it adds no query of its own beyond the
social image rendition.
"""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from newsline.core import outlet as core_outlet
from newsline.core import subject
from newsline.core.outlet import absolute

from . import structured
from .entries import feed_image, share_card
from .formats import FORMATS

# Open Graph wants language_TERRITORY; the outlet's languages and the usual territory.
OG_LOCALES = {"az": "az_AZ", "en": "en_GB", "ru": "ru_RU"}


@dataclass
class FeedLink:
    href: str
    type: str
    title: str


@dataclass
class PageMeta:
    title: str
    description: str
    canonical: str
    og_type: str = "website"
    og_locale: str = ""
    image: object = None
    image_alt: str = ""
    published: str = ""
    modified: str = ""
    section: str = ""
    tags: list = field(default_factory=list)
    feeds: list[FeedLink] = field(default_factory=list)
    json_ld: list[str] = field(default_factory=list)


# Pages about these show no list: no query string belongs to their address.
WITHOUT_CURSOR = frozenset({subject.STORY, subject.HOME})


def canonical_url(request, *, cursor: bool = True) -> str:
    """The page's own address; only a list's cursor survives from the query string."""
    url = absolute(request, request.path)
    after = request.GET.get("after") if cursor else None
    return f"{url}?after={after}" if after else url


def _feed_links(request, name: str, subject: str, **kwargs) -> list[FeedLink]:
    links = []
    for fmt in FORMATS.values():
        try:
            path = reverse(name, kwargs={**kwargs, "fmt": fmt.code})
        except NoReverseMatch:  # a slug the address pattern cannot take
            return []
        links.append(
            FeedLink(absolute(request, path), fmt.content_type, f"{subject} ({fmt.label})")
        )
    return links


def page_meta(context) -> PageMeta:
    request = context["request"]
    outlet = core_outlet.name(request)
    about = subject.of_context(context)
    # Every page gets a description; pages with words of their own replace it.
    meta = PageMeta(
        title=outlet,
        description=_("News from %(outlet)s") % {"outlet": outlet},
        canonical=canonical_url(request, cursor=about is None or about.kind not in WITHOUT_CURSOR),
    )
    meta.og_locale = OG_LOCALES.get(request.LANGUAGE_CODE, request.LANGUAGE_CODE)
    meta.feeds = _feed_links(request, "feed", outlet)
    if about is not None:
        DESCRIBERS[about.kind](meta, request, about)
    return meta


def _home_crumb(request) -> tuple[str, str]:
    return core_outlet.name(request), structured.publisher(request)["url"]


def _describe_article(meta, request, about) -> None:
    page = about.item
    meta.title, meta.description, meta.og_type = page.title, page.lead, "article"
    picture = _story_picture(page, about.authors)
    meta.image = feed_image(picture, request) if picture else share_card(request)
    meta.image_alt = picture.title if picture else core_outlet.name(request)
    meta.published = structured.iso(page.published_at) or ""
    meta.modified = structured.iso(page.modified_at) or ""
    topics = about.topics
    meta.tags = [topic.name for topic in topics]
    document = structured.article(
        request,
        page,
        url=meta.canonical,
        image=meta.image,
        authors=list(about.authors),
        topics=topics,
        interviewee=about.interviewee,
        updates=about.updates,
        corrections=about.corrections,
    )
    trail = [_home_crumb(request)]
    section = page.section
    if section is not None:
        meta.section = section.title
        trail.append((section.title, absolute(request, section.get_url(request))))
    trail.append((page.title, meta.canonical))
    meta.json_ld = [
        structured.as_script(document),
        structured.as_script(structured.breadcrumbs(request, trail)),
    ]


def _story_picture(page, authors):
    """The story's own picture; for a kind signed by a face (opinion), else the
    first author's photo; None when it has neither (the share card stands in)."""
    if page.main_image is not None:
        return page.main_image
    if page.story_kind.shows_author_photo:
        return next((author.photo for author in authors if author.photo), None)
    return None


def _describe_section(meta, request, about) -> None:
    page = about.item
    meta.title, meta.description = page.title, page.intro or meta.description
    meta.feeds += _feed_links(request, "section_feed", page.title, slug=page.slug)
    trail = [_home_crumb(request), (page.title, meta.canonical)]
    meta.json_ld = [structured.as_script(structured.breadcrumbs(request, trail))]


def _describe_person(meta, request, about) -> None:
    person = about.item
    meta.title, meta.og_type = person.name, "profile"
    meta.description = person.introduction or meta.description
    meta.image = feed_image(person.photo, request)
    meta.image_alt = person.name if person.photo else ""
    meta.feeds += _feed_links(request, "person_feed", person.name, slug=person.slug)


def _describe_home(meta, request, about) -> None:
    meta.description = about.item.search_description or meta.description
    meta.json_ld = [
        structured.as_script(structured.organization(request)),
        structured.as_script(structured.website(request)),
    ]


def _describe_topic(meta, request, about) -> None:
    topic = about.item
    meta.title = topic.name
    meta.feeds += _feed_links(request, "topic_feed", topic.name, slug=topic.slug)


def _describe_topics(meta, request, about) -> None:
    meta.title = _("Topics")


def _describe_corrections(meta, request, about) -> None:
    meta.title = _("Corrections")
    meta.feeds += _feed_links(request, "corrections_feed", meta.title)


def _describe_day(meta, request, about) -> None:
    meta.title = _("News of %(day)s") % {"day": about.item.strftime("%d.%m.%Y")}


DESCRIBERS = {
    subject.HOME: _describe_home,
    subject.SECTION: _describe_section,
    subject.STORY: _describe_article,
    subject.PERSON: _describe_person,
    subject.TOPIC: _describe_topic,
    subject.DAY: _describe_day,
    subject.TOPICS: _describe_topics,
    subject.CORRECTIONS: _describe_corrections,
}
