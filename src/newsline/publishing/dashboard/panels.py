"""The newsroom's panels on the admin's home page, and who sees which.

Chief editors and administrators see every panel; desk editors what was
published, the schedule, the translation gaps and the wires; contributors and
translators the schedule (of their own sections or languages) and the gaps.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from newsline.i18n import clock
from newsline.ingest.admin_views import may_see_wires
from newsline.news.models import ArticlePage, Correction

from ..models import PurgeFailure
from . import charts, queries

DAYS = 14
LIST_LIMIT = 10
SCHEDULE_LIMIT = 50
ADDRESSES_SHOWN = 3
# Chief editors hold it and desk editors do not (news/roles.py); administrators
# hold every permission. The breaking desk's switch asks the same.
CHIEF_PERMISSION = "news.change_breakingday"
PURGE_FAILURES_PERMISSION = "publishing.view_purgefailure"


def is_chief(user) -> bool:
    return user.has_perm(CHIEF_PERMISSION)


def is_editor(user) -> bool:
    """Publishes somewhere: desk editors, chief editors, administrators."""
    return page_permission_policy.user_has_permission(user, "publish")


def panels_for(user) -> list[Component]:
    """The newsroom's panels ``user`` sees on the admin's home page."""
    panels: list[Component] = [SchedulePanel(), TranslationGapsPanel()]
    if is_editor(user):
        panels.append(PublishedPanel())
    if may_see_wires(user):
        panels.append(WireHealthPanel())
    if is_chief(user):
        panels += [PurgeFailuresPanel(), CorrectionsPanel()]
    return panels


def _language_names() -> dict[str, str]:
    return dict(settings.WAGTAIL_CONTENT_LANGUAGES)


def _edit_url(user, page: Page) -> str | None:
    """The page's editor, for a user who may edit it (no query: their page
    permissions are read once per request)."""
    if page_permission_policy.user_has_permission_for_instance(user, "change", page):
        return reverse("wagtailadmin_pages:edit", args=[page.pk])
    return None


def _url_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@dataclass(frozen=True)
class Figures:
    """One chart's numbers: a row per category (a day, a section) with a count per
    language. The chart draws them; the table beside it, for screen readers,
    lists them."""

    categories: list[str]
    languages: list[str]
    rows: list[list[int]]

    @property
    def table(self):
        return zip(self.categories, self.rows, strict=True)

    def chart(self, *, chart_id: str, title: str, description: str) -> SafeString:
        series = [
            charts.Series(name, tuple(row[index] for row in self.rows))
            for index, name in enumerate(self.languages)
        ]
        svg = charts.bar_chart(
            chart_id=chart_id,
            title=title,
            description=description,
            categories=self.categories,
            series=series,
        )
        return mark_safe(svg)  # noqa: S308 - bar_chart escapes every text it is given


class PublishedPanel(Component):
    """Stories published today and each day of the last two weeks, per language,
    and today's per section."""

    name = "newsline_published"
    order = 100
    template_name = "publishing/dashboard/published.html"

    def get_context_data(self, parent_context):
        today = clock.today()
        days = [today - timedelta(days=back) for back in range(DAYS - 1, -1, -1)]
        per_day = queries.published_per_day(days[0], today)
        names = _language_names()
        by_day = Figures(
            [day.strftime("%d.%m") for day in days],
            list(names.values()),
            [[per_day.get((code, day), 0) for code in names] for day in days],
        )
        sections = queries.published_per_section(today, named_in=get_language())
        by_section = _section_figures(sections, names)
        return {
            "today": [(name, by_day.rows[-1][index]) for index, name in enumerate(names.values())],
            "total_today": sum(by_day.rows[-1]),
            "by_day": by_day,
            "by_section": by_section,
            "days_chart": by_day.chart(
                chart_id="newsline-published-days",
                title=_("Stories published in the last %(days)s days") % {"days": DAYS},
                description=_days_description(by_day),
            ),
            "sections_chart": by_section.chart(
                chart_id="newsline-published-sections",
                title=_("Stories published today, per section"),
                description=_sections_description(by_section),
            ),
        }


def _totals(figures: Figures) -> str:
    return ", ".join(
        f"{name} {sum(row[index] for row in figures.rows)}"
        for index, name in enumerate(figures.languages)
    )


def _days_description(figures: Figures) -> str:
    return _(
        "Stories published each day from %(first)s to %(last)s, a bar per language. "
        "In all: %(totals)s."
    ) % {"first": figures.categories[0], "last": figures.categories[-1], "totals": _totals(figures)}


def _sections_description(figures: Figures) -> str:
    if not figures.categories:
        return _("No story has been published today.")
    return _("Stories published today in each section, a bar per language. In all: %(totals)s.") % {
        "totals": _totals(figures)
    }


def _section_figures(counts: list[queries.SectionCount], names: dict[str, str]) -> Figures:
    """A category per section (one across its translations), busiest first."""
    codes = list(names)
    labels: dict = {}
    rows: dict = defaultdict(lambda: [0] * len(codes))
    for count in counts:
        labels[count.section_key] = count.name or _("No section")
        if count.language in codes:
            rows[count.section_key][codes.index(count.language)] += count.count
    order = sorted(rows, key=lambda key: (-sum(rows[key]), labels[key]))
    return Figures(
        [labels[key] for key in order], list(names.values()), [rows[key] for key in order]
    )


@dataclass(frozen=True)
class PageRow:
    at: datetime
    headline: str
    language: str
    section: str
    edit_url: str | None
    is_overdue: bool
    is_live: bool


def _section_title(page: Page) -> str:
    """A story's section, read with the page (``queries`` selects it)."""
    if isinstance(page, ArticlePage):
        story = page
    else:
        try:
            story = page.articlepage
        except ArticlePage.DoesNotExist:
            return ""
    return story.section_page.title if story.section_page else ""


def _page_row(user, page: Page, at: datetime, headline: str, now: datetime) -> PageRow:
    return PageRow(
        at=at,
        headline=headline,
        language=_language_names().get(page.locale.language_code, page.locale.language_code),
        section=_section_title(page),
        edit_url=_edit_url(user, page),
        is_overdue=at < now,
        is_live=page.live,
    )


class SchedulePanel(Component):
    """What goes live and what expires in the next 24 hours, in the user's reach."""

    name = "newsline_schedule"
    order = 110
    template_name = "publishing/dashboard/schedule.html"

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        now = timezone.now()
        until = now + timedelta(hours=24)
        scheduled = queries.scheduled_publications(user, until=until, limit=SCHEDULE_LIMIT)
        expiring = queries.expiring_pages(user, until=until, limit=SCHEDULE_LIMIT)
        return {
            "scheduled": [
                _page_row(user, item.page, item.at, item.headline, now) for item in scheduled
            ],
            "expiring": [
                _page_row(user, page, page.expire_at, page.title, now) for page in expiring
            ],
        }


@dataclass(frozen=True)
class LanguageGaps:
    language: str
    count: int
    stories: list[PageRow]


class TranslationGapsPanel(Component):
    """Today's stories that readers of a language cannot read in it yet."""

    name = "newsline_translation_gaps"
    order = 120
    template_name = "publishing/dashboard/translation_gaps.html"

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        now = timezone.now()
        names = _language_names()
        gaps = [
            LanguageGaps(
                names.get(gap.language, gap.language),
                gap.count,
                [
                    _page_row(user, story, story.published_at, story.title, now)
                    for story in gap.stories
                ],
            )
            for gap in queries.translation_gaps(clock.today(), limit=LIST_LIMIT)
        ]
        # The full view is another part of the admin, and may not be there.
        return {"gaps": gaps, "see_all_url": _url_or_none("translation_status")}


@dataclass(frozen=True)
class FailureRow:
    failure: PurgeFailure
    addresses: list[str]
    more: int


class PurgeFailuresPanel(Component):
    """CDN purges that failed for good: readers may still see old pages there."""

    name = "newsline_purge_failures"
    order = 130
    template_name = "publishing/dashboard/purge_failures.html"

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        count, failures = queries.purge_failures(limit=LIST_LIMIT)
        rows = []
        for failure in failures:
            urls = failure.urls if isinstance(failure.urls, list) else [str(failure.urls)]
            rows.append(FailureRow(failure, urls[:ADDRESSES_SHOWN], len(urls) - ADDRESSES_SHOWN))
        see_all = None
        if user.has_perm(PURGE_FAILURES_PERMISSION):
            see_all = _url_or_none("wagtailsnippets_publishing_purgefailure:list")
        return {"count": count, "rows": rows, "see_all_url": see_all}


@dataclass(frozen=True)
class CorrectionRow:
    correction: Correction
    language: str
    edit_url: str | None


class CorrectionsPanel(Component):
    """The newest corrections on stories, removed ones marked."""

    name = "newsline_corrections"
    order = 140
    template_name = "publishing/dashboard/corrections.html"

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        names = _language_names()
        rows = [
            CorrectionRow(
                correction,
                names.get(correction.story.locale.language_code, ""),
                _edit_url(user, correction.story),
            )
            for correction in queries.latest_corrections(limit=LIST_LIMIT)
        ]
        return {"rows": rows}


class WireHealthPanel(Component):
    """Each wire source's last run; failing and late sources first in the eye.
    Not shown at all while the outlet has no wire source."""

    name = "newsline_wire_health"
    order = 150
    template_name = "publishing/dashboard/wire_health.html"

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["states"]:
            return ""
        return get_template(self.template_name).render(context)

    def get_context_data(self, parent_context):
        return {
            "states": queries.wire_states(now=timezone.now()),
            "late_after": queries.LATE_AFTER_INTERVALS,
            "wire_desk_url": _url_or_none("wire_desk"),
        }
