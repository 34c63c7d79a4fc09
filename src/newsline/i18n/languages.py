"""Where the language switcher and hreflang alternates point."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.models import Page


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    is_translation: bool  # the same content, fit for an hreflang alternate


def home_url(code: str) -> str:
    with translation.override(code):
        return reverse("wagtail_serve", args=[""])


def _page_translations(page: Page, request) -> dict[str, str]:
    # A page type that knows which of its translations readers may open says so
    # in one query (news' ``ReaderPage``); any other, Wagtail's rules.
    if hasattr(page, "reader_translations"):
        translations = page.reader_translations()
    else:
        translations = page.get_translations(inclusive=True).live().public()
        translations = translations.select_related("locale")
    return {p.locale.language_code: p.get_url(request) for p in translations}


def language_links(request, page: Page | None = None) -> list[LanguageLink]:
    """One link per language: the page's translation where one is live, else that
    language's home. For views that exist in every language (archive, search,
    people, topics), the same address in the other language."""
    current = translation.get_language()
    if page is not None and page.pk:
        targets = _page_translations(page, request)
    else:
        path = request.get_full_path()
        targets = {code: translate_url(path, code) for code, _ in settings.LANGUAGES}
    return [
        LanguageLink(
            code=code,
            name=name,
            url=targets.get(code) or home_url(code),
            is_current=code == current,
            is_translation=code in targets,
        )
        for code, name in settings.LANGUAGES
    ]
