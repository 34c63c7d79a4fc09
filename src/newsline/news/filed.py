"""What news pages file for their next render (``core/parts.py``).

A story files its article (kicker, headline, pictures, body, corrections,
bylines, topics), the description for machines in its head (``feeds/meta.py``)
and its language links. They show the story as published and what purges its
``story-`` key (a byline's person, a topic, a picture, a correction, a
translation published or withdrawn), and its section's title (its ``section-``
key). The home and the sections file their description and language links.

Each part is named by the page's last publication, the language, the address and
the release (its templates and code), so a republished, moved or restyled page
is a new name even if a purge were lost; what the clock changes (the "Breaking" label) is in
the name too.

Never filed: previews (a draft shares its live page's id and publication), a
page not live, and live coverage, whose article holds its updates.
"""

from django.conf import settings
from django.utils import translation

from newsline.core import filing, outlet, surrogate
from newsline.core.parts import ARTICLE, LANGUAGES, META, Part, Parts

from .models import HomePage

FILED_AS = "newsline:page-part:"


def story_parts(page, request) -> Parts | None:
    """The filed parts of a story's page for this render, read; None when its
    parts are never filed."""
    if not _files_parts(page, request) or not page.parts_filed:
        return None
    keys = {surrogate.story(page.translation_key), surrogate.EVERYTHING}
    if page.filed_section_id is not None:
        keys.add(surrogate.section(page.filed_section_id))
    # A correction is published without a new publication (``last_corrected_at``).
    shown = (*_shown(page, request, cursor=False), page.last_corrected_at)
    article = (*shown, page.is_breaking_now)
    return _parts({ARTICLE: (article, keys), META: (shown, keys), LANGUAGES: (shown, keys)})


def landing_parts(page, request) -> Parts | None:
    """The filed parts of the home or a section page for this render."""
    if not _files_parts(page, request):
        return None
    languages = [code for code, _name in settings.LANGUAGES]
    if isinstance(page, HomePage):
        own = {surrogate.home(translation.get_language())}
        # Another language's home published or withdrawn changes the links to it.
        translations = {surrogate.home(code) for code in languages}
    else:
        own = {surrogate.section(page.pk)}
        # A section of any language published anew purges its language's pages.
        translations = {surrogate.site(code) for code in languages}
    everything = {surrogate.EVERYTHING}
    shown = _shown(page, request, cursor=not isinstance(page, HomePage))
    return _parts({META: (shown, own | everything), LANGUAGES: (shown, translations | everything)})


def _files_parts(page, request) -> bool:
    return request is not None and not getattr(request, "is_preview", False) and page.live


def _shown(page, request, *, cursor: bool) -> tuple:
    """What every part of the page shows that its keys do not cover: the release,
    the language, the page and its publication, the outlet's name and the address
    it is read at (canonical, og:url, JSON-LD), with a section's list cursor (a
    valid one: an unknown cursor is a 404 before anything is rendered). Any other
    query string a reader sends is in no name: it cannot multiply a page's parts."""
    after = request.GET.get("after") if cursor else None
    address = outlet.absolute(request, request.path), after
    return (
        filing.release_digest(),
        translation.get_language(),
        page.pk,
        page.last_published_at,
        outlet.name(request),
        *address,
    )


def _parts(shown_and_keys: dict) -> Parts:
    return Parts(
        {
            label: Part(filing.name(FILED_AS, label, *shown), frozenset(keys))
            for label, (shown, keys) in shown_and_keys.items()
        },
        timeout=settings.NEWSLINE_PAGE_PARTS_SECONDS,
    )
