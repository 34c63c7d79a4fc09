"""The translation desk in the admin: every story by language, each cell missing,
draft, stale or current (``translation_status``), with a way to translate or
edit it. A user sees the stories whose source is filed in a section they work
in, in any language (a translator's language reaches every section)."""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django import forms
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.admin.widgets import AdminDateInput
from wagtail.permissions import page_permission_policy

from newsline.core.pagination import InvalidCursor

from . import translation_status
from .models import SectionPage
from .translation_status import Status

TRANSLATE_PERMISSION = "wagtail_localize.submit_translation"
# What lets a user work on pages under a section: Wagtail's page permissions
# (a contributor only adds, and edits what they wrote).
_WORKING_ACTIONS = {"add", "change", "publish"}


class SectionField(forms.TypedChoiceField):
    """A section named once in the list, taken in any of its languages."""

    known: frozenset[str] = frozenset()

    def valid_value(self, value):
        return str(value) in self.known or super().valid_value(value)


class StatusFilterForm(forms.Form):
    section = SectionField(
        label=gettext_lazy("Section"), coerce=int, required=False, empty_value=None
    )
    day = forms.DateField(
        label=gettext_lazy("Day"),
        required=False,
        widget=AdminDateInput,
        help_text=gettext_lazy("When the original was published, in the outlet's time zone."),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Any status")), *Status.choices],
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        required=False,
        help_text=gettext_lazy("Shows only this language, and the status filter looks only there."),
    )

    def __init__(self, data, *, sections, locales, section_ids):
        super().__init__(data)
        self.fields["section"].choices = [("", _("All sections")), *sections]
        self.fields["section"].known = frozenset(str(pk) for pk in section_ids)
        self.fields["language"].choices = [
            ("", _("All languages")),
            *((locale.language_code, locale.get_display_name()) for locale in locales),
        ]

    def valid_value(self, name):
        """The field's cleaned value, or None when it was left empty or is wrong
        (its error is shown next to it and the filter is left out)."""
        return None if name in self.errors else self.cleaned_data.get(name) or None


def _section_groups(sections: list[SectionPage]) -> dict[object, list[SectionPage]]:
    groups: dict[object, list[SectionPage]] = {}
    for section in sections:
        groups.setdefault(section.translation_key, []).append(section)
    return groups


def _section_choices(groups, locales) -> list[tuple[int, str]]:
    """One choice per section across its languages, named in the admin's language
    when it has a version in it; the value is that version's id."""
    language_ids = {locale.language_code: locale.pk for locale in locales}
    wanted = language_ids.get(get_language())
    choices = []
    for versions in groups.values():
        named = next((s for s in versions if s.locale_id == wanted), versions[0])
        choices.append((named.pk, named.draft_title or named.title))
    return choices


def _reachable_sections(user, sections: list[SectionPage]) -> list[SectionPage]:
    """The sections the user works in, in any language: those where Wagtail's page
    permissions let them add, change or publish, and their translations. No query
    beyond the user's page permissions (read once per request)."""
    if user.is_superuser:
        return sections
    keys = {
        section.translation_key
        for section in sections
        if page_permission_policy.user_has_any_permission_for_instance(
            user, _WORKING_ACTIONS, section
        )
    }
    return [section for section in sections if section.translation_key in keys]


@dataclass(frozen=True)
class CellView:
    language_code: str
    status: str
    label: str
    url: str | None
    link_label: str
    has_unpublished_changes: bool


@dataclass(frozen=True)
class RowView:
    title: str
    language: str
    section: str
    published_at: datetime | None
    cells: list[CellView]


def _cell_view(request, group, cell, may_translate) -> CellView:
    label, code = Status(cell.status).label, cell.locale.language_code
    if cell.status == Status.MISSING:
        url = None
        if may_translate:
            query = urlencode({"select_locale": code, "next": request.get_full_path()})
            target = reverse("wagtail_localize:submit_page_translation", args=[group.source_id])
            url = f"{target}?{query}"
        return CellView(code, cell.status, label, url, _("Translate"), False)
    may_edit = page_permission_policy.user_has_permission_for_instance(
        request.user, "change", cell.page
    )
    url = reverse("wagtailadmin_pages:edit", args=[cell.page_id]) if may_edit else None
    return CellView(code, cell.status, label, url, _("Edit"), cell.has_unpublished_changes)


def _row_view(request, group, *, languages, sections, may_translate) -> RowView:
    section = sections.get(group.section_id)
    return RowView(
        title=group.title,
        language=languages.get(group.locale_id, ""),
        section=(section.draft_title or section.title) if section else "",
        published_at=group.published_at,
        cells=[_cell_view(request, group, cell, may_translate) for cell in group.cells],
    )


def _page_url(request, cursor: str | None) -> str:
    """This list with the same filters, from ``cursor`` (None: the first page)."""
    query = request.GET.copy()
    query.pop("after", None)
    if cursor:
        query["after"] = cursor
    return f"{request.path}?{query.urlencode()}" if query else request.path


def _section_ids(user, sections, form) -> set[int] | None:
    """The sections whose stories the list shows: those the user works in (all
    for a superuser: None), narrowed to the chosen section in every language."""
    by_key = _section_groups(sections)
    ids = None if user.is_superuser else {s.pk for s in _reachable_sections(user, sections)}
    chosen = form.valid_value("section")
    if chosen is None:
        return ids
    key = next(s.translation_key for s in sections if s.pk == chosen)
    in_section = {s.pk for s in by_key[key]}
    return in_section if ids is None else ids & in_section


def _count_rows(counts, locales) -> list:
    """Per language, each status with its number of stories, in the table's order."""
    return [(locale, [(s, counts.of(locale, s.value)) for s in Status]) for locale in locales]


def _rows_page(request, groups, locales, status):
    """The page of rows the request asks for, and a message if its cursor was
    not one we issued (the first page is shown instead)."""
    after = request.GET.get("after") or None
    try:
        return translation_status.status_page(groups, locales, status=status, after=after), None
    except InvalidCursor:
        message = _("That page of the list no longer exists; here is the first.")
        return translation_status.status_page(groups, locales, status=status), message


def translation_status_view(request):
    """Every story (one row per translation group) by language, drafts then newest
    first, 50 a page, with counts per language and status; filters by the
    source's section and day, by status, and by language."""
    locales = translation_status.content_locales()
    sections = translation_status.desk_sections()
    choices = _section_choices(_section_groups(sections), locales)
    form = StatusFilterForm(
        request.GET, sections=choices, locales=locales, section_ids=[s.pk for s in sections]
    )
    form.is_valid()
    language = form.valid_value("language")
    shown = [locale for locale in locales if language in (None, locale.language_code)]
    groups = translation_status.translation_groups(
        section_ids=_section_ids(request.user, sections, form), day=form.valid_value("day")
    )
    with translation_status.without_jit():
        counts = translation_status.status_counts(groups, shown)
        page, cursor_error = _rows_page(request, groups, shown, form.valid_value("status"))
    names = {locale.pk: locale.get_display_name() for locale in locales}
    by_id = {section.pk: section for section in sections}
    may_translate = request.user.has_perm(TRANSLATE_PERMISSION)
    rows = [
        _row_view(request, group, languages=names, sections=by_id, may_translate=may_translate)
        for group in page.groups
    ]
    return TemplateResponse(
        request,
        "news/admin/translation_status.html",
        {
            "page_title": _("Translation status"),
            "header_icon": "globe",
            "filters": {"form": form},
            "locales": shown,
            "counts": _count_rows(counts, shown),
            "total": counts.total,
            "rows": rows,
            "cursor_error": cursor_error,
            "next_url": _page_url(request, page.next_cursor) if page.next_cursor else None,
            "first_url": _page_url(request, None) if request.GET.get("after") else None,
        },
    )
