"""Which cached responses a change to a story makes wrong.

A story shows up in a fixed set of places: its own page (in every language,
since translations link each other), its section, its topics, its people, the
home page, the archive and its archive day, the News line, the feeds, the
sitemaps and the API of its language. ``affected_keys`` names them for the
story as it was published before the change and as it is after, so an edit
that moves a story to another section, day, topic or byline clears both the
old and the new places, and nothing else.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from newsline.core import surrogate
from newsline.feeds import addresses as feed_addresses
from newsline.i18n import clock
from newsline.i18n.languages import home_url
from newsline.news.models import ArticlePage, Person, SectionPage, Topic
from newsline.news.queries import involving, stories_showing
from newsline.ticker import addresses as ticker_addresses

from .models import PublishedFootprint


@dataclass(frozen=True)
class Footprint:
    """Where one published version of a story appears."""

    page_id: int
    language: str
    translation_key: str
    section_id: int | None
    day: date | None
    topic_ids: frozenset[int] = field(default_factory=frozenset)
    people: frozenset[str] = field(default_factory=frozenset)  # translation keys

    def as_json(self) -> dict:
        return {
            "page_id": self.page_id,
            "language": self.language,
            "translation_key": self.translation_key,
            "section_id": self.section_id,
            "day": self.day.isoformat() if self.day else None,
            "topic_ids": sorted(self.topic_ids),
            "people": sorted(self.people),
        }

    @classmethod
    def from_json(cls, data: dict) -> "Footprint":
        return cls(
            page_id=data["page_id"],
            language=data["language"],
            translation_key=data["translation_key"],
            section_id=data["section_id"],
            day=date.fromisoformat(data["day"]) if data["day"] else None,
            topic_ids=frozenset(data["topic_ids"]),
            people=frozenset(data["people"]),
        )


def footprint(story) -> Footprint:
    """The places the story (a specific page, as now saved) appears in."""
    people = {byline.person.translation_key for byline in story.authors.select_related("person")}
    interviewee = getattr(story, "interviewee", None)
    if interviewee is not None:
        people.add(interviewee.translation_key)
    return Footprint(
        page_id=story.pk,
        language=story.locale.language_code,
        translation_key=str(story.translation_key),
        section_id=story.filed_section_id,
        day=clock.outlet_day(story.published_at) if story.published_at else None,
        topic_ids=frozenset(story.tagged_topics.values_list("tag_id", flat=True)),
        people=frozenset(str(key) for key in people),
    )


def picture_footprints(image) -> tuple[list[Footprint], list[Person]]:
    """Where a picture shows: the live stories that show it (as their main image,
    in their body or gallery, or as their interviewee's photo), as their last
    published footprints, and the people whose photo it is (whatever shows them
    shows it: their profile, and an opinion without a picture of its own shares
    its author's face, ``feeds/meta.py``).

    A change to its caption, credit, alt text, focal point or file, or its
    deletion, makes all of those wrong."""
    people = list(Person.objects.filter(photo=image))
    page_ids = list(stories_showing(image).values_list("pk", flat=True))
    remembered = PublishedFootprint.objects.filter(page_id__in=page_ids)
    return [Footprint.from_json(row.data) for row in remembered], people


def person_keys(person) -> set[str]:
    """What shows a person: their profile and its feeds, and the pages of the live
    stories they sign or are interviewed in (bylines), with those languages' feeds
    and the API. Lists show no bylines, so they stay cached."""
    stories = ArticlePage.objects.live().filter(involving(person))
    rows = set(stories.values_list("translation_key", "locale__language_code"))
    keys = {surrogate.person(person.translation_key)}
    for story_key, language in rows:
        keys |= {surrogate.story(story_key), surrogate.feed(language)}
    return keys | ({surrogate.API} if rows else set())


def person_paths(person) -> set[str]:
    """The same as ``person_keys`` as addresses, for a CDN that purges by URL."""
    stories = ArticlePage.objects.live().filter(involving(person))
    return people_paths_everywhere({person.translation_key}) | {
        page.url for page in stories if page.url
    }


def topic_keys(topic) -> set[str]:
    """What shows a topic's name or address: its page and feeds and the topic index
    in every language, and the live stories tagged with it (their topic links,
    feed categories, structured data), with those languages' feeds and the API."""
    keys: set[str] = set()
    for language, _name in settings.LANGUAGES:
        # The topic index carries the language's archive key.
        keys |= {surrogate.topic(topic.pk, language), surrogate.archive(language)}
    rows = set(_tagged(topic).values_list("translation_key", "locale__language_code"))
    for story_key, language in rows:
        keys |= {surrogate.story(story_key), surrogate.feed(language)}
    return keys | ({surrogate.API} if rows else set())


def topic_paths(topic) -> set[str]:
    """The same as ``topic_keys`` as addresses, for a CDN that purges by URL."""
    paths = {page.url for page in _tagged(topic) if page.url} | topic_addresses(topic.slug)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths |= feed_addresses.topic_index() | feed_addresses.home(home_url(language))
    return paths


def topic_addresses(slug: str) -> set[str]:
    """A topic's page and feeds at ``slug`` in every language."""
    paths = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths |= feed_addresses.topic(slug)
    return paths


def _tagged(topic):
    return ArticlePage.objects.live().filter(tagged_topics__tag=topic)


def story_keys(place: Footprint) -> set[str]:
    language = place.language
    keys = {
        surrogate.story(place.translation_key),
        surrogate.home(language),
        surrogate.archive(language),
        surrogate.news_line(language),
        surrogate.breaking(language),
        surrogate.feed(language),
        surrogate.search(language),
        surrogate.SITEMAPS,
        surrogate.API,
    }
    if place.section_id:
        keys.add(surrogate.section(place.section_id))
    if place.day:
        keys.add(surrogate.day(language, place.day))
    keys.update(surrogate.topic(tag_id, language) for tag_id in place.topic_ids)
    keys.update(surrogate.person(key) for key in place.people)
    return keys


def affected_keys(*places: Footprint | None) -> set[str]:
    """The surrogate keys to purge when a story changes from one footprint to
    another (publish: None → new; edit, move or scheduled go-live: old → new;
    withdrawal: old → None).

    Every page shows the News line and the breaking banner, but as fragments put
    in on the way out (``core/fragments.py``): purging their keys re-renders two
    small fragments and leaves the pages around them cached. Pages that link to
    the story (related, previous, next) carry its key and go with it."""
    keys: set[str] = set()
    for place in places:
        if place is not None:
            keys |= story_keys(place)
    return keys


def landing_keys(page) -> set[str]:
    """What a published home or section page shows, beyond its stories: a home its
    curation (top story, featured slots) and its title in the site's feeds; a
    section its title and introduction, which every page of its language names in
    the masthead and beside its stories."""
    language = page.locale.language_code
    keys = {surrogate.home(language), surrogate.feed(language), surrogate.SITEMAPS}
    if isinstance(page, SectionPage):
        keys |= {surrogate.section(page.pk), surrogate.site(language), surrogate.API}
    return keys


def landing_paths(page) -> set[str]:
    """The same as ``landing_keys`` for a CDN that purges by address."""
    language = page.locale.language_code
    with translation.override(language):
        paths = feed_addresses.home(home_url(language))
        if isinstance(page, SectionPage):
            paths |= feed_addresses.section(page.url, page.slug)
    return paths | feed_addresses.sitemap_files(language)


def live_paths(story) -> set[str]:
    """A live story's page, its updates' address and its language's feeds."""
    language = story.locale.language_code
    with translation.override(language):
        paths = {story.url, reverse("live_updates", args=[story.pk])}
        paths |= feed_addresses.home(home_url(language))
    return {path for path in paths if path}


def _language_paths(place: Footprint) -> set[str]:
    paths = ticker_addresses.of_language(place.day) | feed_addresses.home(home_url(place.language))
    section = SectionPage.objects.filter(pk=place.section_id).first()
    if section is not None:
        paths |= feed_addresses.section(section.url, section.slug)
    for slug in Topic.objects.filter(pk__in=place.topic_ids).values_list("slug", flat=True):
        paths |= feed_addresses.topic(slug)
    paths |= feed_addresses.corrections() | feed_addresses.topic_index()
    return paths | people_paths(place.people)


def people_paths_everywhere(translation_keys) -> set[str]:
    """People's pages and feeds in every language."""
    paths: set[str] = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths |= people_paths(translation_keys)
    return paths


def people_paths(translation_keys) -> set[str]:
    """People's pages and feeds in the active language."""
    people = Person.objects.filter(translation_key__in=translation_keys)
    slugs = people.values_list("slug", flat=True).distinct()
    return set().union(*(feed_addresses.person(slug) for slug in slugs))


def affected_paths(*places: Footprint | None) -> set[str]:
    """The same places as ``affected_keys``, as addresses for a CDN that purges by
    URL. The API's and search's countless query strings cannot be listed; they
    get a short shared lifetime instead (``NEWSLINE_SHORT_S_MAXAGE``)."""
    paths: set[str] = set()
    for place in places:
        if place is None:
            continue
        versions = ArticlePage.objects.filter(translation_key=place.translation_key)
        paths |= {page.url for page in versions if page.url}
        with translation.override(place.language):
            paths |= _language_paths(place)
        paths |= feed_addresses.sitemap_files(place.language)
    return paths
