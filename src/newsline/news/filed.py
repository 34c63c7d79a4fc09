"""What news pages file for their next render (``core/parts.py``).

A story files its article (kicker, headline, pictures, body, corrections,
bylines, topics), the description for machines in its head (``feeds/meta.py``)
and its language links. They show the story as published and what purges its
``story-`` key (a byline's person, a topic, a picture, a correction, a
translation published or withdrawn), and its section's title (its ``section-``
key); apart from them, its links to other stories, under those stories' keys too
(``story_links_markup``). The home and the sections file their description and
language links.

Each part is named by the page's last publication, the language, the address and
the release (its templates and code), so a republished, moved or restyled page
is a new name even if a purge were lost; what the clock changes (the "Breaking" label) is in
the name too.

Never filed: previews (a draft shares its live page's id and publication), a
page not live, and live coverage, whose article holds its updates.
"""

from django.conf import settings
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from newsline.core import filing, outlet, surrogate
from newsline.core.parts import ARTICLE, LANGUAGES, META, Part, Parts

from . import cards
from .models import HomePage
from .queries import story_links

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


def story_links_markup(page, request, render) -> SafeString:
    """The links of a story's page to other stories (newer and older in its
    section, related), as filed for the story or found and ``render(links)``-ed
    now (decision 0034). Filed under the story's own key (its pinned stories
    edited, its related list worked out anew), its section's (a story published
    there or withdrawn), each linked story's (edited, moved, withdrawn) and
    ``all`` (a restriction set); kept no longer than a linked story shows by the
    clock or the section's next story dated ahead goes live. Each linked
    story's key is on the page either way, for the page cache."""
    if not _files_parts(page, request):
        html, linked, _ = _links(page, render)
    else:
        keys = {surrogate.story(page.translation_key), surrogate.EVERYTHING}
        if page.filed_section_id is not None:
            keys.add(surrogate.section(page.filed_section_id))
        shown = (*_shown(page, request, cursor=False), page.filed_section_id, page.published_at)
        name = filing.name(FILED_AS, LINKS, *shown)
        html, linked = filing.one_filed(
            name, lambda value: keys | set(value[1]), lambda: _filed_links(page, render)
        )
    surrogate.tag(request, *linked)
    return mark_safe(html)  # noqa: S308 - a template's render


LINKS = "links"


def _filed_links(page, render) -> tuple[tuple[str, tuple], float]:
    html, keys, until = _links(page, render)
    return (html, keys), until


def _links(page, render) -> tuple[str, tuple, float]:
    """The links' markup, the keys of the stories they show, and when they stop
    being true by the clock."""
    links = story_links(page)
    cards.together(links["related"])
    linked = [s for s in (*links["related"], links["older"], links["newer"]) if s is not None]
    keys = tuple(sorted({surrogate.story(story.translation_key) for story in linked}))
    return str(render(links)), keys, links["until"]


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
