"""What a page shows a reader beyond its own fields: the selectors each page type
needs, and what it is about (``core.subject``) and shows (surrogate keys).

The page models call this layer through ``pages.CONTEXT_BUILDERS``, which
``NewsConfig.ready()`` fills: models never import the selectors, which import
the models (the loop that imports inside functions used to hide).
"""

from django.http import Http404
from django.utils import translation

from newsline.core import subject, surrogate
from newsline.core.pagination import InvalidCursor

from .models import ArticlePage, HomePage, SectionPage
from .models.pages import CONTEXT_BUILDERS
from .queries import article_extras, home_front, section_stories


def home(page: HomePage, request) -> dict:
    # The URL's language is the page's: no query for the locale row.
    surrogate.tag(request, surrogate.home(translation.get_language()))
    return {"front": home_front(page), **subject.about(subject.HOME, page)}


def section(page: SectionPage, request) -> dict:
    surrogate.tag(request, surrogate.section(page.pk))
    try:
        listing = section_stories(page, after=request.GET.get("after"))
    except InvalidCursor as exc:
        raise Http404("Unknown page of this section") from exc
    return {"listing": listing, **subject.about(subject.SECTION, page)}


def story(page: ArticlePage, request) -> dict:
    surrogate.tag(request, surrogate.story(page.translation_key))
    extras = article_extras(page)
    about = subject.about(
        subject.STORY,
        page,
        authors=tuple(extras["authors"]),
        interviewee=extras["interviewee"],
        topics=tuple(extras["topics"]),
    )
    return {**extras, **about}


def register() -> None:
    CONTEXT_BUILDERS.update({HomePage: home, SectionPage: section, ArticlePage: story})
