"""Which stories exist in which language, and whether each translation keeps up
with its source: the reads behind the admin's "Translation status".

A story and its translations share a ``translation_key``: one *group*, one row.
Each group is read as its source page, with every language's cell worked out
in the same SQL statement (a subquery per language over Wagtail's unique
``(translation_key, locale)`` index), so a page of rows is one query and the
counts are one more, however many stories there are.
"""

from collections.abc import Collection
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextChoices,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from newsline.core.pagination import Cursor, InvalidCursor, older_than
from newsline.i18n.clock import day_bounds

from .models import ArticlePage, SectionPage

PAGE_SIZE = 50


class Status(TextChoices):
    MISSING = "missing", _("missing")
    DRAFT = "draft", _("draft")
    STALE = "stale", _("stale")
    CURRENT = "current", _("current")


@contextmanager
def without_jit():
    """Run the reads inside with PostgreSQL's JIT compiler off (other databases:
    as they are). Their plans are full of correlated subqueries, which makes
    PostgreSQL's cost estimate huge, and it spent longer compiling them (a second
    and more at 100,000 stories) than running them. One statement, inside a
    transaction so that it ends with it."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        yield


def content_locales() -> list[Locale]:
    """The outlet's languages as Wagtail ``Locale`` rows, in the settings' order.
    One query."""
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    found = {
        locale.language_code: locale for locale in Locale.objects.filter(language_code__in=codes)
    }
    return [found[code] for code in codes if code in found]


def desk_sections() -> list[SectionPage]:
    """Every section in every language, in tree order, with what the filter and
    the permission check need (path, depth, owner, translation key). One query."""
    fields = ("id", "title", "draft_title", "path", "depth", "owner_id", "locale_id")
    return list(SectionPage.objects.only(*fields, "translation_key").order_by("path"))


def source_locale():
    """The language of a group's source, as an SQL expression on a page of the group.

    The source is the page the others are translated from: the locale of
    wagtail_localize's ``TranslationSource`` for the group's ``translation_key``
    when one exists and a page of the group is still in that locale (the earliest
    submitted, if the group was submitted from several languages); otherwise the
    page published first (lowest ``first_published_at``, pages never published
    last, then lowest id). This is the only place the rule is written.
    """
    submitted = (
        TranslationSource.objects.filter(object_id=OuterRef("translation_key"))
        .filter(
            Exists(
                Page.objects.filter(
                    translation_key=OuterRef("object_id"), locale_id=OuterRef("locale_id")
                )
            )
        )
        .order_by("created_at", "pk")
        .values("locale_id")[:1]
    )
    first = (
        Page.objects.filter(translation_key=OuterRef("translation_key"))
        .order_by(F("first_published_at").asc(nulls_last=True), "pk")
        .values("locale_id")[:1]
    )
    return Coalesce(Subquery(submitted), Subquery(first))


def _cell(locale_id: int) -> QuerySet:
    """The group's page in one language (none, or one: the index is unique)."""
    return Page.objects.filter(
        translation_key=OuterRef("translation_key"), locale_id=locale_id
    ).order_by()


def _changed_at():
    """When a page last changed: its newest revision, else its last publication."""
    return Coalesce("latest_revision_created_at", "last_published_at")


def cells_with_status(locale_id: int) -> QuerySet:
    """A group's page in one language with its ``status``, for use inside a query
    over the group's source pages (``translation_groups``). The status rule,
    written only here:

    - **missing**: no page of the group in that language (no row here);
    - **draft**: the page exists and is not live;
    - **stale**: a live translation whose source changed after the translation
      was last edited or synced. "Changed" is the source's newest revision (else
      its last publication); "edited or synced" is the later of the
      translation's newest revision (else last publication) and, when
      wagtail_localize keeps an enabled ``Translation`` of the source into that
      language, the source's ``last_updated_at`` (a sync re-reads the source and
      re-saves only enabled translations, so a stopped one keeps its own time);
    - **current**: otherwise, and always for the source itself when live.
    """
    synced = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"),
        locale_id=OuterRef(OuterRef("locale_id")),
        translations__target_locale_id=OuterRef("locale_id"),
        translations__enabled=True,
    ).values("last_updated_at")[:1]
    source_changed = OuterRef("changed_at")
    behind = Q(edited_at__lt=source_changed, caught_up_at__lt=source_changed)
    return (
        _cell(locale_id)
        .annotate(edited_at=_changed_at())
        .annotate(caught_up_at=Coalesce(Subquery(synced), "edited_at"))
        .annotate(
            status=Case(
                When(live=False, then=Value(Status.DRAFT.value)),
                When(locale_id=OuterRef("locale_id"), then=Value(Status.CURRENT.value)),
                When(behind, then=Value(Status.STALE.value)),
                default=Value(Status.CURRENT.value),
            )
        )
    )


def cell_status(locale_id: int):
    """The status of a group's page in one language (``cells_with_status``), as
    an expression to annotate on the group's source page."""
    status = cells_with_status(locale_id).values("status")[:1]
    return Coalesce(Subquery(status), Value(Status.MISSING.value))


def in_status(locale_id: int, status: str) -> Q:
    """A filter on source pages: the group's page in that language is in
    ``status`` (``cells_with_status``)."""
    if status == Status.MISSING:
        test = ~Exists(_cell(locale_id))
    else:
        test = Exists(cells_with_status(locale_id).filter(status=status))
    # A bare EXISTS is turned into a join whose size PostgreSQL cannot estimate
    # (it holds correlated subqueries); it then checked every story before the
    # first row (seconds at 100,000 stories). Inside CASE it stays a test of each
    # row, in date order, made only until the page is full.
    is_in = Case(When(test, then=Value(True)), default=Value(False), output_field=BooleanField())
    return Q(is_in)


def _status_name(locale: Locale) -> str:
    return f"status_{locale.pk}"


def translation_groups(
    *,
    section_ids: Collection[int] | None = None,
    day: date | None = None,
) -> QuerySet:
    """Every translation group as its source story (``source_locale``), optionally
    only those whose source is filed in one of ``section_ids`` or was published on
    the outlet's ``day``. Not evaluated: ``status_counts`` and ``status_page``
    read it."""
    groups = ArticlePage.objects.alias(
        source_locale_id=source_locale(), changed_at=_changed_at()
    ).filter(locale_id=F("source_locale_id"))
    if section_ids is not None:
        groups = groups.filter(section_page_id__in=list(section_ids))
    if day is not None:
        start, end = day_bounds(day)
        groups = groups.filter(published_at__gte=start, published_at__lt=end)
    return groups


def _with_statuses(groups: QuerySet, locales: list[Locale]) -> QuerySet:
    return groups.annotate(**{_status_name(locale): cell_status(locale.pk) for locale in locales})


@dataclass(frozen=True)
class StatusCounts:
    total: int
    """How many groups (stories, whatever their number of languages)."""
    by_cell: dict[tuple[int, str], int]
    """``(locale id, status)`` to the number of groups in that state there."""

    def of(self, locale: Locale, status: str) -> int:
        return self.by_cell.get((locale.pk, status), 0)


def status_counts(groups: QuerySet, locales: list[Locale]) -> StatusCounts:
    """How many of ``groups`` are in each status in each language. One query: the
    groups counted per combination of statuses (at most 4 ** languages rows)."""
    names = [_status_name(locale) for locale in locales]
    combinations = (
        _with_statuses(groups, locales).order_by().values(*names).annotate(groups=Count("pk"))
    )
    by_cell: dict[tuple[int, str], int] = {}
    total = 0
    for combination in combinations:
        total += combination["groups"]
        for locale, name in zip(locales, names, strict=True):
            key = (locale.pk, combination[name])
            by_cell[key] = by_cell.get(key, 0) + combination["groups"]
    return StatusCounts(total, by_cell)


@dataclass(frozen=True)
class Cell:
    locale: Locale
    status: str
    page_id: int | None
    path: str | None
    owner_id: int | None
    has_unpublished_changes: bool

    @property
    def page(self) -> Page | None:
        """An unsaved stand-in enough for Wagtail's page permission checks (its
        place in the tree and its owner), or None for a missing page."""
        if self.page_id is None:
            return None
        depth = len(self.path) // Page.steplen
        return Page(id=self.page_id, path=self.path, depth=depth, owner_id=self.owner_id)


@dataclass(frozen=True)
class Group:
    source_id: int
    title: str
    locale_id: int
    section_id: int | None
    published_at: datetime | None
    cells: list[Cell]


@dataclass(frozen=True)
class GroupPage:
    groups: list[Group]
    next_cursor: str | None


_DRAFTS = "draft-"


def _encode(group: Group) -> str:
    """A cursor naming the last row shown: its publication time and id; a draft
    (no time yet, listed before the published) by its id alone."""
    if group.published_at is None:
        return f"{_DRAFTS}{group.source_id}"
    return Cursor(moment=group.published_at, pk=group.source_id).encode()


def _after(token: str) -> Q:
    """Rows after the cursor in the list's order (drafts newest first, then the
    published newest first). Raises ``InvalidCursor`` for one we never issued."""
    if token.startswith(_DRAFTS):
        try:
            pk = int(token.removeprefix(_DRAFTS))
        except ValueError as exc:
            raise InvalidCursor(token) from exc
        return Q(published_at__isnull=True, pk__lt=pk) | Q(published_at__isnull=False)
    cursor = Cursor.decode(token)
    return older_than(cursor.moment, cursor.pk)


def _cell_fields(locale: Locale) -> dict:
    cell = _cell(locale.pk)
    return {
        f"page_{locale.pk}": Subquery(cell.values("pk")[:1]),
        f"path_{locale.pk}": Subquery(cell.values("path")[:1]),
        f"owner_{locale.pk}": Subquery(cell.values("owner_id")[:1]),
        f"unpublished_{locale.pk}": Subquery(cell.values("has_unpublished_changes")[:1]),
    }


def status_page(
    groups: QuerySet,
    locales: list[Locale],
    *,
    status: str | None = None,
    after: str | None = None,
    size: int | None = None,
) -> GroupPage:
    """One page of ``groups``, drafts first, then newest published first, each with
    its cell in each of ``locales``; ``status`` keeps the groups in that status in
    any of ``locales``. One query; raises ``InvalidCursor`` for a cursor not
    issued here."""
    rows = _with_statuses(groups, locales)
    if status is not None:
        rows = rows.filter(
            Q.create([in_status(locale.pk, status) for locale in locales], connector=Q.OR)
        )
    for locale in locales:
        rows = rows.annotate(**_cell_fields(locale))
    if after:
        rows = rows.filter(_after(after))
    rows = rows.order_by(F("published_at").desc(nulls_first=True), "-pk").only(
        "id", "title", "draft_title", "locale_id", "section_page_id", "published_at"
    )
    size = size or PAGE_SIZE
    found = [_group(row, locales) for row in rows[: size + 1]]
    if len(found) > size:
        return GroupPage(found[:size], _encode(found[size - 1]))
    return GroupPage(found, None)


def _group(row, locales: list[Locale]) -> Group:
    cells = [
        Cell(
            locale=locale,
            status=getattr(row, _status_name(locale)),
            page_id=getattr(row, f"page_{locale.pk}"),
            path=getattr(row, f"path_{locale.pk}"),
            owner_id=getattr(row, f"owner_{locale.pk}"),
            has_unpublished_changes=bool(getattr(row, f"unpublished_{locale.pk}")),
        )
        for locale in locales
    ]
    return Group(
        source_id=row.pk,
        title=row.draft_title or row.title,
        locale_id=row.locale_id,
        section_id=row.section_page_id,
        published_at=row.published_at,
        cells=cells,
    )
