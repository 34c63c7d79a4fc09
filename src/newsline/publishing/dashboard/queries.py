"""What the dashboard reads. Each read is one query or two, whatever the number of
stories, sections, languages or days it covers."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.db.models import CharField, Count, Exists, OuterRef, Subquery, Window
from django.db.models.functions import Cast, Coalesce, TruncDate
from wagtail.models import Page, Revision
from wagtail.permissions import page_permission_policy

from newsline.i18n.clock import day_bounds, outlet_zone
from newsline.ingest.models import IngestRun, WireSource
from newsline.news.models import ArticlePage, Correction, SectionPage

from ..models import PurgeFailure

# A page's section, when it is a story, comes with the page in the same query.
_PAGE_RELATIONS = ("locale", "articlepage__section_page")


def content_languages() -> list[str]:
    """The codes of the languages the outlet publishes in, in the settings' order."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def published_per_day(first_day: date, last_day: date) -> dict[tuple[str, date], int]:
    """How many stories readers can see were published on each of the outlet's days
    from ``first_day`` to ``last_day``, per language: ``{(language, day): count}``,
    days without stories left out. One query."""
    start, _ = day_bounds(first_day)
    _, end = day_bounds(last_day)
    rows = (
        ArticlePage.objects.published()
        .filter(published_at__gte=start, published_at__lt=end)
        .annotate(day=TruncDate("published_at", tzinfo=outlet_zone()))
        .order_by()
        .values_list("locale__language_code", "day")
        .annotate(count=Count("pk"))
    )
    return {(language, day): count for language, day, count in rows}


@dataclass(frozen=True)
class SectionCount:
    section_key: UUID | None
    """The section's translation key: one section across languages (None: no section)."""
    language: str
    name: str
    """The section's title in the language asked for, else in its own."""
    count: int


def published_per_section(day: date, *, named_in: str) -> list[SectionCount]:
    """How many stories readers can see were published on the outlet's ``day``, per
    section and language, each section named in the language ``named_in`` when it
    has a version in it. One query."""
    start, end = day_bounds(day)
    name = SectionPage.objects.filter(
        translation_key=OuterRef("section_page__translation_key"),
        locale__language_code=named_in,
    ).values("title")[:1]
    rows = (
        ArticlePage.objects.published()
        .filter(published_at__gte=start, published_at__lt=end)
        .annotate(section_name=Coalesce(Subquery(name), "section_page__title"))
        .order_by()
        .values_list("section_page__translation_key", "locale__language_code", "section_name")
        .annotate(count=Count("pk"))
    )
    return [SectionCount(key, language, name or "", count) for key, language, name, count in rows]


def _reach(user):
    """The pages whose drafts ``user`` may open: under the pages their roles give
    them (a section, a language, the site); None for a superuser's all."""
    if user.is_superuser:
        return None
    return page_permission_policy.instances_user_has_any_permission_for(
        user, {"add", "change", "publish"}
    )


@dataclass(frozen=True)
class Scheduled:
    page: Page
    at: datetime
    headline: str
    """The scheduled version's headline, which may differ from the live one."""


def scheduled_publications(user, *, until: datetime, limit: int) -> list[Scheduled]:
    """Versions approved to go live before ``until`` (those overdue included: they
    wait for the worker), soonest first, among the pages within ``user``'s reach.
    Two queries."""
    revisions = Revision.page_revisions.filter(approved_go_live_at__lt=until)
    reach = _reach(user)
    if reach is not None:
        # A revision names its page by a text id.
        revisions = revisions.filter(object_id__in=reach.values(text_pk=Cast("pk", CharField())))
    revisions = list(
        revisions.order_by("approved_go_live_at", "pk").values_list(
            "object_id", "approved_go_live_at", "object_str"
        )[:limit]
    )
    pages = Page.objects.select_related(*_PAGE_RELATIONS).in_bulk(
        [int(object_id) for object_id, _at, _title in revisions]
    )
    return [
        Scheduled(pages[int(object_id)], at, title)
        for object_id, at, title in revisions
        if int(object_id) in pages
    ]


def expiring_pages(user, *, until: datetime, limit: int) -> list[Page]:
    """Live pages whose expiry comes before ``until`` (those overdue included),
    soonest first, among the pages within ``user``'s reach. One query."""
    pages = Page.objects.live().filter(expire_at__lt=until)
    reach = _reach(user)
    if reach is not None:
        pages = pages.filter(pk__in=reach.values("pk"))
    return list(pages.select_related(*_PAGE_RELATIONS).order_by("expire_at", "pk")[:limit])


@dataclass(frozen=True)
class Gaps:
    language: str
    count: int
    """How many of the day's stories (translation groups) readers cannot read in it."""
    stories: list[ArticlePage]
    """The first of them, earliest first: each group's first published story."""


def translation_gaps(day: date, *, limit: int) -> list[Gaps]:
    """For each language, the stories published on the outlet's ``day`` with no
    published version in that language. A story and its translations (one
    ``translation_key``) count once, as the first of them published. One query."""
    languages = content_languages()
    readable = ArticlePage.objects.published()
    translated = {
        f"has_{index}": Exists(
            readable.filter(translation_key=OuterRef("translation_key"), locale__language_code=code)
        )
        for index, code in enumerate(languages)
    }
    start, end = day_bounds(day)
    firsts: dict[UUID, ArticlePage] = {}
    stories = (
        readable.filter(published_at__gte=start, published_at__lt=end)
        .annotate(**translated)
        .select_related("locale", "section_page")
        .order_by("published_at", "pk")
    )
    for story in stories:
        firsts.setdefault(story.translation_key, story)
    gaps = []
    for index, code in enumerate(languages):
        missing = [story for story in firsts.values() if not getattr(story, f"has_{index}")]
        gaps.append(Gaps(code, len(missing), missing[:limit]))
    return gaps


def purge_failures(*, limit: int) -> tuple[int, list[PurgeFailure]]:
    """How many CDN purges failed for good, and the newest ``limit`` of them. One
    query (the count is a window over all of them)."""
    newest = list(
        PurgeFailure.objects.annotate(total=Window(Count("pk"))).order_by("-created_at", "-pk")[
            :limit
        ]
    )
    return (newest[0].total if newest else 0), newest


def latest_corrections(*, limit: int) -> list[Correction]:
    """The newest ``limit`` corrections, removed ones included, with their stories.
    One query."""
    return list(
        Correction.objects.select_related("story", "story__locale", "created_by").order_by(
            "-corrected_at", "-pk"
        )[:limit]
    )


@dataclass(frozen=True)
class WireState:
    source: WireSource
    run: IngestRun | None
    """The source's last run; None if it never ran."""
    is_failing: bool
    is_late: bool
    """Enabled, and not polled for longer than ``LATE_AFTER_INTERVALS`` intervals."""


LATE_AFTER_INTERVALS = 3


def wire_states(*, now: datetime) -> list[WireState]:
    """Every wire source with its last run, by name. Two queries (one when there
    is no source)."""
    last_run = IngestRun.objects.filter(source=OuterRef("pk")).order_by("-started_at", "-pk")
    sources = list(
        WireSource.objects.annotate(last_run_id=Subquery(last_run.values("pk")[:1])).order_by(
            "name"
        )
    )
    runs = IngestRun.objects.in_bulk([s.last_run_id for s in sources if s.last_run_id])
    return [_wire_state(source, runs.get(source.last_run_id), now) for source in sources]


def _wire_state(source: WireSource, run: IngestRun | None, now: datetime) -> WireState:
    patience = timedelta(seconds=source.poll_interval * LATE_AFTER_INTERVALS)
    is_late = source.enabled and (run is None or now - run.started_at > patience)
    is_failing = source.failures > 0 or bool(run and run.error)
    return WireState(source, run, is_failing, is_late)
