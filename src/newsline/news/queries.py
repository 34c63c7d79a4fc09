"""Reads that span models. Every list is newest first and locale-bound."""

import hashlib
from collections import defaultdict
from contextlib import suppress
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex

from newsline.core import filing, surrogate
from newsline.core.blocks import bind_across
from newsline.core.models import NewsImage, NewsRendition
from newsline.core.pagination import (
    Cursor,
    KeysetPage,
    keyset_page,
    keyset_page_of,
    newer_than,
    older_than,
)
from newsline.core.prepared import PreparedIds, PreparedObjects

from .models import (
    KIND_HEADINGS,
    ArticleAuthor,
    ArticlePage,
    ArticleTopic,
    BreakingDay,
    Correction,
    HomeFeaturedStory,
    HomePage,
    InterviewPage,
    LivePage,
    LiveUpdate,
    Person,
    PinnedRelated,
    RelatedStory,
    SectionPage,
    Topic,
)

STORIES_PER_SECTION_ON_HOME = 4


def stories(locale):
    """Published stories of one language, ready for a headline list."""
    return ArticlePage.objects.published().in_locale(locale).for_listing()


def breaking_stories(locale, limit: int = 5) -> list:
    """A language's published stories marked breaking whose time has not run out,
    newest first: the banner on every page."""
    locale_id = getattr(locale, "pk", locale)
    return _BREAKING(locale=locale_id, now=timezone.now(), limit=limit)


def _breaking(*, locale, now, limit):
    marked = ArticlePage.objects.published(at=now).in_locale(locale)
    marked = marked.filter(is_breaking=True, breaking_until__gt=now)
    ids = marked.order_by("-published_at", "-pk").values("pk")[:limit]
    chosen = ArticlePage.objects.for_headlines().filter(pk__in=ids)
    return chosen.order_by("-published_at", "-pk")


_BREAKING = PreparedObjects(_breaking, ids=("locale",), moments=("now",))


def shown_until(stories) -> float:
    """When a list showing ``stories`` stops being true (a Unix time): the expiry of
    one of them (expiry takes a story off the lists at its time, before the
    scheduler withdraws it) or the end of a breaking mark one shows."""
    return surrogate.true_until(
        moment
        for story in stories
        for moment in (story.expire_at, story.breaking_until if story.is_breaking else None)
    )


def live_story(locale, page_id: int) -> LivePage | None:
    """A published live story of the language, or None."""
    return LivePage.objects.published().in_locale(locale).filter(pk=page_id).first()


def live_updates(story: LivePage, limit: int | None = None) -> list[LiveUpdate]:
    """A live story's updates, newest first, removed ones included (they show as a
    note), with their authors; ``limit`` the newest only."""
    updates = LiveUpdate.objects.filter(story=story).select_related("author")
    return list(updates[:limit] if limit else updates)


def live_version(story: LivePage) -> str:
    """A short token that changes whenever open pages must fetch the updates again:
    an update posted, corrected or removed, or the coverage ended."""
    found = LiveUpdate.objects.filter(story=story).aggregate(
        count=Count("pk"),
        posted=Max("posted_at"),
        edited=Max("edited_at"),
        removed=Max("removed_at"),
    )
    moments = [
        found[name].timestamp() if found[name] else 0 for name in ("posted", "edited", "removed")
    ]
    raw = f"{found['count']}|{moments}|{story.is_running}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def running_live_stories(locale, limit: int = 3) -> list:
    """The language's live stories still being covered, newest first (the home
    page links them: their rows as a list reads them, not their bodies)."""
    return _RUNNING_LIVE(locale=getattr(locale, "pk", locale), now=timezone.now(), limit=limit)


def _running_live(*, locale, now, limit):
    running = LivePage.objects.published(at=now).in_locale(locale)
    running = running.filter(Q(coverage_ended_at__isnull=True) | Q(coverage_ended_at__gt=now))
    return running.for_headlines().order_by("-published_at", "-pk")[:limit]


_RUNNING_LIVE = PreparedObjects(_running_live, ids=("locale",), moments=("now",))


BREAKING_DAY_CACHE_KEY = "newsline:breaking-day"


def is_breaking_day() -> bool:
    """Whether the newsroom's "breaking day" switch is on; read on every stored
    response, so kept in the cache (``news.services.breaking`` renews it)."""
    with suppress(Exception):
        value = cache.get(BREAKING_DAY_CACHE_KEY)
        if value is not None:
            return value
    value = BreakingDay.objects.filter(is_on=True).exists()
    with suppress(Exception):
        cache.set(BREAKING_DAY_CACHE_KEY, value, 300)
    return value


def refresh_seconds() -> int:
    """How often open pages ask for the News line and the banner again."""
    if is_breaking_day():
        return settings.NEWSLINE_BREAKING_DAY_REFRESH_SECONDS
    return settings.NEWSLINE_NEWS_LINE_REFRESH_SECONDS


def with_renditions(items, *, bodies=(), specs=()):
    """Prefetch the renditions of the list's main pictures, in one query; with
    ``bodies`` (stories), those of the pictures in their bodies and galleries too,
    in the same query (the pictures' rows in one more: ``_body_pictures``).

    All renditions of each image are fetched unless ``specs`` names the only ones
    the caller shows: Wagtail takes a rendition missing from the prefetched ones
    for one not made yet, which a reader's request shows as a placeholder and the
    admin's makes (and fails on the unique constraint if it existed). So ``specs``
    is for readers' lists that show exactly those (the News line's thumbnail: one
    row per picture instead of ten).
    """
    pictured = [item for item in items if item.main_image_id]
    unloaded = [item for item in pictured if not ArticlePage.main_image.is_cached(item)]
    if unloaded:  # lists of specific pages come without their pictures' rows
        loaded = NewsImage.objects.in_bulk({item.main_image_id for item in unloaded})
        for item in unloaded:
            item.main_image = loaded.get(item.main_image_id)
    images = [item.main_image for item in pictured if item.main_image is not None]
    _attach_renditions([*images, *_body_pictures(bodies)], specs)
    return items


# The stream blocks that show a picture (CaptionedImageBlock): a body's, a gallery's.
PICTURE_BLOCKS = ("image", "photo")


def _body_pictures(stories) -> list:
    """The pictures in the stories' bodies and galleries, their rows read in one
    query for all the stories (Wagtail reads them one query per story), without
    those whose renditions are already attached."""
    streams = [
        stream
        for story in stories
        for stream in (getattr(story, "body", None), getattr(story, "photos", None))
        if stream is not None
    ]
    bind_across(streams, PICTURE_BLOCKS)
    images = [
        block.value["image"]
        for stream in streams
        for block in stream
        if block.block_type in PICTURE_BLOCKS and block.value.get("image") is not None
    ]
    return [image for image in images if not hasattr(image, "prefetched_renditions")]


def _attach_renditions(images: list, specs=()) -> None:
    # One plain query instead of Django's prefetch machinery (which cost more to
    # set up than the query), on the attribute Wagtail reads prefetched renditions from.
    if not images:
        return
    found = defaultdict(list)
    rows = NewsRendition.objects.filter(image_id__in={i.pk for i in images})
    for rendition in rows.filter(filter_spec__in=specs) if specs else rows:
        found[rendition.image_id].append(rendition)
    for image in images:
        image.prefetched_renditions = found[image.pk]
        for rendition in found[image.pk]:
            rendition.image = image  # as Django's prefetch would: no query back to it


def with_relations(stories: list, *, bodies=()) -> list:
    """Load what the API and ninjs show of each story in a fixed number of queries:
    bylines with their people, topics, interviewees, the section and the main
    image's renditions (and those of the pictures in ``bodies``, as
    ``with_renditions``). Works on base or specific pages alike."""
    prefetch_related_objects(
        stories,
        "locale",
        Prefetch("authors", queryset=ArticleAuthor.objects.select_related("person__locale")),
        Prefetch("tagged_topics", queryset=ArticleTopic.objects.select_related("tag")),
    )
    interviews = [story for story in stories if isinstance(story, InterviewPage)]
    prefetch_related_objects(interviews, "interviewee")
    prefetch_related_objects(stories, "section_page")
    with_renditions(stories, bodies=bodies)
    return stories


def published_with_relations(pks: list[int]) -> list:
    """The published stories ``pks`` as specific pages with what feeds and the API
    show of them (``with_relations``, bodies' pictures included), in the order
    of ``pks``; those no longer published are left out."""
    found = ArticlePage.objects.published().filter(pk__in=pks).specific().in_bulk()
    stories = [found[pk] for pk in pks if pk in found]
    return with_relations(stories, bodies=stories)


def newest_page(locale, *, after: str | None, size: int, **narrowing) -> KeysetPage:
    """One page, newest first, of a language's published stories, or of those
    filed in a section (``section=`` its id), tagged with a topic (``topic=``),
    signed by or interviewing a person in any of their translations (``person=``)
    or published in a time range (``start=``, ``end=``); raises ``InvalidCursor``
    for a bad cursor.

    The page's ids come from a query built once per process for each such form
    (``core/prepared.py``): at a million stories the list query runs in under a
    millisecond, and building it cost more (docs/scale.md)."""
    values = {"locale": getattr(locale, "pk", locale), "now": timezone.now(), "size": size}
    values |= narrowing
    if after:
        cursor = Cursor.decode(after)
        values |= {"moment": cursor.moment, "pk": cursor.pk}
    items = _prepared_page(frozenset(values))(**values)
    return keyset_page_of(items, after=after, size=size)


def _page(*, locale, now, size, **narrowing):
    ids = _page_ids(locale=locale, now=now, size=size, **narrowing)
    chosen = ArticlePage.objects.for_headlines().filter(pk__in=ids)
    return chosen.order_by("-published_at", "-pk")


def _page_ids(*, size, **narrowing):
    return _newest(**narrowing).values("pk")[: size + 1]


def _newest(
    *,
    locale,
    now,
    section=None,
    topic=None,
    person=None,
    start=None,
    end=None,
    moment=None,
    pk=None,
):
    found = ArticlePage.objects.published(at=now).in_locale(locale)
    if section is not None:
        found = found.filed_in(section)
    if topic is not None:
        found = found.filter(tagged_topics__tag=topic)
    if person is not None:
        found = found.filter(_involving(_key_of_person(person)))
    if start is not None:
        found = found.filter(published_at__gte=start, published_at__lt=end)
    if moment is not None:
        found = found.filter(older_than(moment, pk))
    return found.order_by("-published_at", "-pk")


@lru_cache
def _prepared_page(names: frozenset) -> PreparedObjects:
    narrowing = ("section", "topic", "person", "pk")
    ids = ("locale", *(name for name in narrowing if name in names))
    moments = ("now", *(name for name in ("start", "end", "moment") if name in names))
    return PreparedObjects(_page, ids=ids, moments=moments)


def newest_rows(locale, *, size: int, **narrowing) -> list[tuple]:
    """``(id, last publication, last correction)`` of the newest ``size`` published
    stories of a language, narrowed as ``newest_page`` narrows (``section=``,
    ``topic=``, ``person=``): what a feed needs to name its version and its
    stories' items without loading a story. A query prepared once per form."""
    values = {"locale": getattr(locale, "pk", locale), "now": timezone.now(), "size": size}
    values |= narrowing
    return _prepared_rows(frozenset(values))(**values)


def _rows(*, size, **narrowing):
    newest = _newest(**narrowing)
    return newest.values_list("pk", "last_published_at", "last_corrected_at")[:size]


@lru_cache
def _prepared_rows(names: frozenset) -> PreparedObjects:
    ids = ("locale", *(name for name in ("section", "topic", "person") if name in names))
    return PreparedObjects(_rows, ids=ids, moments=("now",))


def section_stories(section: SectionPage, *, after: str | None) -> KeysetPage:
    """One page of a section's stories; raises ``InvalidCursor`` for a bad cursor."""
    size = settings.NEWSLINE_PAGE_SIZE
    return newest_page(section.locale_id, after=after, size=size, section=section.pk)


def topic_stories(locale, tag, *, after: str | None) -> KeysetPage:
    """One page of a topic's stories in a language; raises ``InvalidCursor``."""
    size = settings.NEWSLINE_PAGE_SIZE
    return newest_page(locale, after=after, size=size, topic=tag.pk)


def people_on_record():
    """People a reader may know of: journalists, and anyone who signs or is
    interviewed in a published story (in any language; translations of a person
    count as the same person).

    Someone who so far appears only in a draft, scheduled or embargoed story is
    left out everywhere (profile, feed, API): naming the interviewee of an
    unpublished interview would give the story away.
    """
    # Asked per person (EXISTS, stopping at the first story), not as the set of
    # everyone who ever signed, which read every published story: 70 ms for one
    # profile at a million stories (docs/scale.md).
    key = OuterRef("translation_key")
    signed = ArticlePage.objects.published().filter(authors__person__translation_key=key)
    interviewed = InterviewPage.objects.published().filter(interviewee__translation_key=key)
    return Person.objects.filter(Q(is_journalist=True) | Exists(signed) | Exists(interviewed))


def person_by_slug(slug: str, locale) -> Person | None:
    """The person on record in the reader's language, else in any language they
    exist in; None for someone not on record (``people_on_record``)."""
    people = Person.objects.filter(slug=slug).select_related("photo", "locale")
    # Journalists are on record as such: their profiles (most of them) need no
    # look at the stories, whose subqueries cost more to plan than to run.
    journalist = people.filter(is_journalist=True, locale=locale).first()
    if journalist is not None:
        return journalist
    people = people_on_record().filter(slug=slug).select_related("photo", "locale")
    return people.filter(locale=locale).first() or people.first()


def topic_by_slug(slug: str, locale):
    """The topic if a published story of the language carries it, else None: a
    topic used only by unpublished stories must not give them away."""
    # Two reads, not one with a correlated EXISTS: for that PostgreSQL expected
    # every story to carry the topic and chose a hash join that could read every
    # story (docs/scale.md); with the topic's id known it starts from its taggings.
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None or not stories(locale).filter(tagged_topics__tag=topic).exists():
        return None
    return topic


def topic_index(locale) -> list:
    """Topics of the language's published stories as (heading, topics) by type,
    each topic with ``story_count``, alphabetically: the topic index."""
    by_kind: dict = {kind: [] for kind in KIND_HEADINGS}
    for topic in topics_in_use([locale]):
        by_kind[topic.kind].append(topic)
    return [(KIND_HEADINGS[kind], topics) for kind, topics in by_kind.items() if topics]


def topics_in_use(locales, topics=None) -> list:
    """Topics (of ``topics``, by default every one, alphabetically) used by at
    least one published story of ``locales``, each with its ``story_count`` there:
    their counts as ``topic_story_counts`` keeps them (a story has one language,
    so the languages' counts add up)."""
    topics = list(Topic.objects.order_by("name", "pk") if topics is None else topics)
    ids = [topic.pk for topic in topics]
    totals: dict[int, int] = dict.fromkeys(ids, 0)
    for locale in locales:
        for pk, count in topic_story_counts(locale, ids).items():
            totals[pk] += count
    for topic in topics:
        topic.story_count = totals[topic.pk]
    return [topic for topic in topics if topic.story_count]


TOPIC_COUNT_FILED_AS = "newsline:topic-count:"


def topic_story_counts(locale, topic_ids: list[int]) -> dict[int, int]:
    """How many published stories of the language (``locale``) each of ``topic_ids`` tags, by
    topic id (0 for none). At a million stories counting every topic's stories
    on each render took 32 s, so each count is filed (``core/filing.py``) under
    the keys whatever changes it purges: a story tagged with it published,
    withdrawn, moved or retagged (its ``topic-`` key in this language), a section
    withdrawn or restricted (the language's ``site-`` key, ``all``). A story's
    go-live at a set time and its expiry purge nothing, so counts built now are
    kept no longer than the language's next go-live or the next expiry among the
    stories counted. Only the missing counts are built, in one grouped query."""
    locale_id, language = locale.pk, locale.language_code
    names = {pk: filing.name(TOPIC_COUNT_FILED_AS, pk, locale_id) for pk in topic_ids}
    keys = {surrogate.site(language), surrogate.EVERYTHING}
    moments = []

    def built(missing):
        counted = (
            ArticleTopic.objects.filter(tag_id__in=missing, content_object__in=stories(locale_id))
            .order_by()
            .values("tag_id")
            .annotate(n=Count("pk"), expires=Min("content_object__expire_at"))
        )
        found = {row["tag_id"]: row for row in counted}
        moments.extend(row["expires"] for row in found.values())
        moments.append(_next_go_live(locale_id))
        for pk in missing:
            count = found[pk]["n"] if pk in found else 0
            yield pk, count, keys | {surrogate.topic(pk, language)}

    def lifetime() -> int:
        return surrogate.seconds_until(surrogate.true_until(moments))

    return filing.each_filed(names, built, timeout=lifetime)


def _next_go_live(locale_id):
    """When the language's next story set to go live at a time of its own does."""
    waiting = ArticlePage.objects.live().filter(
        locale_id=locale_id, published_at__gt=timezone.now()
    )
    return waiting.aggregate(first=Min("published_at"))["first"]


def story_corrections(article: ArticlePage) -> list:
    """Every correction of a story, newest first, removed ones included (readers
    see that they were removed). A story never corrected asks nothing."""
    if article.last_corrected_at is None:
        return []
    return _CORRECTIONS(pk=article.pk)


_CORRECTIONS = PreparedObjects(lambda *, pk: Correction.objects.filter(story_id=pk), ids=("pk",))


def corrections_of_language(locale):
    """Corrections of the language's published stories, newest first."""
    return Correction.objects.filter(story__in=stories(locale)).select_related("story")


def corrections_listing(locale, *, after: str | None) -> KeysetPage:
    return keyset_page(
        corrections_of_language(locale),
        after=after,
        size=settings.NEWSLINE_PAGE_SIZE,
        field="corrected_at",
    )


def involving(person: Person) -> Q:
    """Stories signed by the person, or interviewing them, in any of their translations."""
    return _involving(person.translation_key)


def _involving(key) -> Q:
    # Two semi-joins, not OR across two outer joins (which needed DISTINCT and
    # joined every story: 1.8 s at a million stories, docs/scale.md).
    signed = ArticleAuthor.objects.filter(person__translation_key=key).values("page_id")
    interviewed = InterviewPage.objects.filter(interviewee__translation_key=key).values("pk")
    return Q(pk__in=signed) | Q(pk__in=interviewed)


def _key_of_person(pk):
    """The translation key of the person ``pk``, as a subquery (a prepared query
    takes the person's id: PostgreSQL reads the key once, then as a constant)."""
    return Subquery(Person.objects.filter(pk=pk).values("translation_key")[:1])


def person_stories(locale, person: Person, *, after: str | None) -> KeysetPage:
    """Stories signed by the person or by any translation of the person; raises
    ``InvalidCursor`` for a bad cursor."""
    size = settings.NEWSLINE_PAGE_SIZE
    return newest_page(locale, after=after, size=size, person=person.pk)


def person_interviews_count(locale, person: Person) -> int:
    locale_id = getattr(locale, "pk", locale)
    return len(_INTERVIEWS.rows(locale=locale_id, person=person.pk, now=timezone.now()))


def _interviews(*, locale, person, now):
    interviews = InterviewPage.objects.published(at=now).in_locale(locale)
    return interviews.filter(interviewee__translation_key=_key_of_person(person)).values("pk")


_INTERVIEWS = PreparedIds(_interviews, ids=("locale", "person"), moments=("now",))


def section_nav(locale) -> list:
    """The sections of a language's home page, in tree order, for the masthead."""
    return _SECTION_NAV(locale=getattr(locale, "pk", locale), now=timezone.now())


def _section_nav(*, locale, now):
    ids = SectionPage.objects.visible(at=now).filter(locale=locale, depth=3).values("pk")
    chosen = SectionPage.objects.filter(pk__in=ids)
    chosen = chosen.only("id", "title", "url_path", "path", "expire_at")
    return chosen.order_by("path")


_SECTION_NAV = PreparedObjects(_section_nav, ids=("locale",), moments=("now",))


@dataclass
class Front:
    top: ArticlePage | None = None
    featured: list = field(default_factory=list)
    sections: list = field(default_factory=list)
    live: list = field(default_factory=list)
    nav: list = field(default_factory=list)
    """The home's sections, which the masthead lists too (read once)."""


def home_front(home: HomePage) -> Front:
    """The home page: curated top story and slots, then each section's newest.

    A story appears at most once: curated stories are skipped in the section
    blocks, and unpublished curated choices are silently dropped.
    """
    curated = curated_stories(home)
    front = Front(top=curated.get(home.top_story_id), live=running_live_stories(home.locale_id))
    front.featured = sorted(
        (story for story in curated.values() if story.slot is not None), key=lambda s: s.slot
    )
    front.nav = [nav for nav in section_nav(home.locale_id) if nav.path.startswith(home.path)]
    newest = newest_in_sections(
        home.locale_id, front.nav, home=home.pk, limit=STORIES_PER_SECTION_ON_HOME
    )
    front.sections = [(section, newest[section.pk]) for section in front.nav if newest[section.pk]]
    return front


def curated_stories(home: HomePage) -> dict:
    """The home's top story and featured stories that are published, by id, in one
    query; each featured one carries its ``slot`` (its order), the others None."""
    chosen = _CURATED(home=home.pk, locale=home.locale_id, now=timezone.now())
    for story in chosen:
        story.slot = None if story.slot_row is None else (story.slot_order or 0, story.slot_row)
    return {story.pk: story for story in chosen}


def _curated(*, home, locale, now):
    featured = HomeFeaturedStory.objects.filter(home_id=home)
    # The slot row's order, then its id (rows saved without an order keep the
    # order they were added in, as the inline lists them).
    row = featured.filter(story_id=OuterRef("pk")).order_by("sort_order", "pk")[:1]
    # One list of ids (a union), not ``pk = top OR pk IN (featured)``: PostgreSQL
    # cannot turn an OR with a subquery into a join, so that read every story of
    # the language (490 ms at a million stories, docs/scale.md).
    chosen = ArticlePage.objects.published(at=now).in_locale(locale).for_headlines()
    return chosen.filter(pk__in=_curated_ids(home)).annotate(
        slot_order=Subquery(row.values("sort_order")), slot_row=Subquery(row.values("pk"))
    )


_CURATED = PreparedObjects(_curated, ids=("home", "locale"), moments=("now",))


def _curated_ids(home):
    """The ids of the stories the home ``home`` curates, whatever their state: its
    top story and its featured ones (a union, never NULL: the section blocks leave
    them out with NOT IN, which a NULL would empty)."""
    top = HomePage.objects.filter(pk=home, top_story__isnull=False).order_by()
    featured = HomeFeaturedStory.objects.filter(home_id=home, story__isnull=False).order_by()
    return featured.values("story_id").union(top.values("top_story_id"), all=True)


def newest_in_sections(locale, sections, *, home: int, limit: int) -> dict:
    """Each section's ``limit`` newest published stories, none of those the home
    ``home`` curates (its top story and featured ones), by section id, newest first,
    in one query: a union of one short index read per section (``filed_in``), so
    its cost does not grow with the archive, and no more rows than are shown."""
    found = defaultdict(list)
    if not sections:
        return found
    values = {f"section_{number}": section.pk for number, section in enumerate(sections)}
    read = _prepared_newest_in_sections(len(sections))
    now = timezone.now()
    for story in read(
        locale=getattr(locale, "pk", locale), home=home, now=now, limit=limit, **values
    ):
        found[story.filed].append(story)
    return found


def _newest_in_sections(*, locale, home, now, limit, **sections):
    stories_ = ArticlePage.objects.published(at=now).in_locale(locale)
    stories_ = stories_.exclude(pk__in=_curated_ids(home))
    newest = stories_.order_by("-published_at", "-pk").values("pk")
    ids = ids_of_each(list(sections.values()), lambda section: newest.filed_in(section)[:limit])
    chosen = ArticlePage.objects.for_headlines().filter(pk__in=ids)
    return chosen.annotate(filed=F("section_page_id")).order_by("-published_at", "-pk")


@lru_cache
def _prepared_newest_in_sections(count: int) -> PreparedObjects:
    ids = ("locale", "home", *(f"section_{number}" for number in range(count)))
    return PreparedObjects(_newest_in_sections, ids=ids, moments=("now",))


def related_stories(article: ArticlePage, limit: int = 4) -> list:
    """The stories a story's page links as related: first those its editors pinned,
    in their order, then those the worker computed (``news/related/``), best
    first; only published stories of its language, never the story itself. One
    query, driven by the story's own key however many stories there are; before
    the worker has computed the list, the pinned ones only. Their pictures'
    renditions are not attached (their cards read them: ``news/cards.py``)."""
    return _RELATED(locale=article.locale_id, pk=article.pk, now=timezone.now(), limit=limit)


def _related(*, locale, pk, now, limit):
    pinned, computed = _related_rows(pk)
    chosen = pinned.values("story_id").union(computed.values("related_id"), all=True)
    picked = ArticlePage.objects.published(at=now).in_locale(locale).filter(pk__in=chosen)
    ids = _in_related_order(picked.exclude(pk=pk), pk).values("pk")[:limit]
    return _in_related_order(ArticlePage.objects.for_listing().filter(pk__in=ids), pk)


def _related_rows(pk):
    pinned = PinnedRelated.objects.filter(page_id=pk).order_by()
    computed = RelatedStory.objects.filter(story_id=pk).order_by()
    return pinned, computed


def _in_related_order(stories_, pk):
    """Pinned first in their order, then the computed ones by rank."""
    pinned, computed = _related_rows(pk)
    return stories_.annotate(
        pin=Subquery(pinned.filter(story_id=OuterRef("pk")).values("sort_order")[:1]),
        rank=Subquery(computed.filter(related_id=OuterRef("pk")).values("rank")[:1]),
    ).order_by(F("pin").asc(nulls_last=True), F("rank").asc(nulls_last=True))


_RELATED = PreparedObjects(_related, ids=("locale", "pk"), moments=("now",))


def section_neighbours(article: ArticlePage) -> tuple:
    """The previous (older) and next (newer) published story in the article's
    section, and when the section's next story dated ahead goes live (None for
    none: the newer side changes then, with nothing purged)."""
    section_id = article.filed_section_id
    if article.published_at is None or not article.pk or section_id is None:
        return None, None, None
    moment, pk, now = article.published_at, article.pk, timezone.now()
    found = _NEIGHBOURS(locale=article.locale_id, section=section_id, moment=moment, pk=pk, now=now)
    ahead = min((s.published_at for s in found if s.published_at > now), default=None)
    sides = {(s.published_at, s.pk) < (moment, pk): s for s in found if s.published_at <= now}
    return sides.get(True), sides.get(False), ahead


def _neighbours(*, locale, section, moment, pk, now):
    # All in one query, each a one-row read of the section's index.
    siblings = ArticlePage.objects.published(at=now).in_locale(locale).filed_in(section)
    older = siblings.filter(older_than(moment, pk)).order_by("-published_at", "-pk")
    newer = siblings.filter(newer_than(moment, pk)).order_by("published_at", "pk")
    dated_ahead = ArticlePage.objects.live().in_locale(locale).filed_in(section)
    ahead = dated_ahead.filter(published_at__gt=now).order_by("published_at", "pk")
    either = union_of_ids(*(side.values("pk")[:1] for side in (older, newer, ahead)))
    return ArticlePage.objects.for_headlines().filter(pk__in=either)


def ids_of_each(keys: list, read) -> RawSQL:
    """The ids ``read(key)`` finds for each of ``keys`` (at least one; a one-column
    queryset with its own order and limit), as one subquery for ``pk__in``, each key's read on its
    own index. On PostgreSQL the read is written once and joined LATERAL to the
    keys, so it is planned once however many keys there are: the home's section
    blocks planned in 1.4 ms instead of 5.8 as a union of seven copies at a million
    stories (docs/scale.md). SQLite has no LATERAL: it gets the union."""
    if connection.vendor != "postgresql":
        return union_of_ids(*(read(key) for key in keys))
    each = read(RawSQL('"each_key"."id"', (), output_field=IntegerField()))
    sql, params = each.query.sql_with_params()
    values = ", ".join(["(%s)"] * len(keys))
    return RawSQL(  # noqa: S611 - the ORM's SQL; values as parameters
        f"SELECT member.pk FROM (VALUES {values}) AS each_key(id) "  # noqa: S608
        f"CROSS JOIN LATERAL ({sql}) AS member",
        [*keys, *params],
    )


def union_of_ids(*querysets) -> RawSQL:
    """The ids several one-column querysets find, each with its own order and
    limit, as one subquery for ``pk__in``. Not ``pk IN (a) OR pk IN (b)``: for
    that PostgreSQL scanned every story (2.2 s at a million, docs/scale.md); a
    union is each read on its own index. Each member is a named subquery: SQLite
    allows no LIMIT in a bare member of a UNION, PostgreSQL 15 wants the name."""
    parts, params = [], []
    for number, queryset in enumerate(querysets):
        sql, member_params = queryset.query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS member_{number}")  # noqa: S608 - the ORM's SQL
        params.extend(member_params)
    return RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611 - values as parameters


_NEIGHBOURS = PreparedObjects(
    _neighbours, ids=("locale", "section", "pk"), moments=("moment", "now")
)


def localized_people(people, locale_id) -> list:
    """Each person in the given language where translated, else as given."""
    people = [p for p in people if p is not None]
    if all(p.locale_id == locale_id for p in people):
        return people  # the usual case: nothing to look up
    keys = {p.translation_key for p in people}
    translated = {
        p.translation_key: p
        for p in Person.objects.filter(translation_key__in=keys, locale_id=locale_id)
    }
    return [translated.get(p.translation_key, p) for p in people]


def story_bylines(article: ArticlePage) -> list:
    """The story's bylines in the editor's order, each with its person: those in the
    edit being previewed, or else the saved ones."""
    if _holds_unsaved(article, "authors"):
        return list(article.authors.all())
    return _BYLINES(pk=article.pk)


def story_topics(article: ArticlePage) -> list:
    """The story's topics: those in the edit being previewed, or else the saved ones."""
    if _holds_unsaved(article, "tagged_topics"):
        return list(article.topics.all())
    return _TOPICS(pk=article.pk)


def _holds_unsaved(article, relation: str) -> bool:
    # A preview's page carries its children in memory (modelcluster); a saved
    # page reads them from the database.
    return article.pk is None or relation in getattr(article, "_cluster_related_objects", {})


_BYLINES = PreparedObjects(
    lambda *, pk: ArticleAuthor.objects.filter(page_id=pk).select_related("person"), ids=("pk",)
)
_TOPICS = PreparedObjects(
    lambda *, pk: Topic.objects.filter(tagged_stories__content_object_id=pk), ids=("pk",)
)


def story_links(article: ArticlePage) -> dict:
    """The stories a story's page links to: related, and the older and newer in
    its section (their pictures are their cards', ``news/cards.py``); and
    ``until``, when they stop being true by the clock: one of them expires or
    its breaking mark (on its card) ends, or the section's next story dated
    ahead goes live (no purge marks either)."""
    older, newer, ahead = section_neighbours(article)
    related = related_stories(article)
    shown = [story for story in (*related, older, newer) if story is not None]
    until = min(shown_until(shown), surrogate.true_until([ahead]))
    return {"related": related, "older": older, "newer": newer, "until": until}


def story_details(article: ArticlePage) -> dict:
    """What a story's article shows besides its own fields (bylines, interviewee,
    topics, corrections), with its pictures' renditions (main, body, gallery)
    read in one query."""
    authors = [byline.person for byline in story_bylines(article)]
    interviewee = getattr(article, "interviewee", None)
    people = localized_people([*authors, interviewee], article.locale_id)
    with_renditions([article], bodies=[article])
    return {
        "authors": people[: len(authors)],
        "interviewee": people[len(authors)] if interviewee else None,
        "topics": story_topics(article),
        "corrections": story_corrections(article),
    }


def stories_showing(picture):
    """Stories, in any state, that show the picture: as their main picture, in their
    body or gallery blocks (Wagtail's reference index), or as their interviewee's
    photo. ``.live()`` narrows them to those published. Both a picture's cache purge
    and who may change it (``news.pictures``) read this; three indexed look-ups
    whatever the number of stories."""
    pages = ContentType.objects.get_for_model(Page)
    in_blocks = ReferenceIndex.get_references_to(picture).filter(base_content_type=pages)
    page_ids = {int(pk) for pk in in_blocks.values_list("object_id", flat=True)}
    page_ids |= set(
        InterviewPage.objects.filter(interviewee__photo=picture).values_list("pk", flat=True)
    )
    return ArticlePage.objects.filter(Q(main_image=picture) | Q(pk__in=page_ids))


def shown_in_live_stories() -> Q:
    """``stories_showing`` read the other way round, for a list of pictures: a
    filter on pictures, true for each that a live story shows in one of the same
    three ways. (The per-picture read stays separate: it names the stories, and at
    a million stories it must stay three index look-ups.)"""
    live = ArticlePage.objects.live()
    from_live_page = live.filter(pk=Cast(OuterRef("object_id"), IntegerField()))
    in_blocks = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(NewsImage),
        to_object_id=Cast(OuterRef("pk"), CharField()),
    ).filter(Exists(from_live_page))
    interviews = live.filter(interviewpage__interviewee__photo=OuterRef("pk"))
    return (
        Q(Exists(live.filter(main_image=OuterRef("pk"))))
        | Q(Exists(in_blocks))
        | Q(Exists(interviews))
    )
