"""The story card, the unit of every list, rendered once per story and look and
filed for every list that shows it.

A list page rendered anew (after a publication purged it, or the page cache is
off, or a crawler walks the long tail) shows dozens of cards whose stories did
not change. A list's stories are marked as one lot (``together``); the first
card the template asks of the lot, in a look (large, lead shown, heading level),
reads every card of the lot in that look from the file (``core/filing.py``) at
once and renders only those missing, their pictures' renditions read in one
query. A card is filed under its story's ``story-`` key (an edit, a picture
edited) and ``all``, named by its look, its language, its address and the
story's last publication and by the card's template, so a republished, moved or
restyled story is a new name even if a purge were lost; one that showed a
placeholder picture is not filed (docs/decisions/0024-story-cards-filed.md).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from wagtail.images.shortcuts import get_rendition_or_not_found

from newsline.core import compiled, filing, renditions, surrogate
from newsline.i18n.templatetags.newsclock import iso_datetime, news_datetime

from .queries import with_renditions

TEMPLATE = "story_card.html"
FILED_AS = "newsline:card:"


@dataclass(frozen=True)
class Look:
    """How a list shows its cards: ``large`` for the top story, ``show_lead``
    to print its lead, and the level of its headline."""

    large: bool = False
    show_lead: bool = False
    heading_level: int = 3


def render(story, request, look: Look):
    """One story's card: picture, time, kind label, headline linking to it, and
    its lead where the look shows it."""
    wide = narrow = None
    if story.main_image:
        wide = get_rendition_or_not_found(story.main_image, renditions.CARD_WIDE)
        narrow = get_rendition_or_not_found(story.main_image, renditions.CARD_NARROW)
    return compiled.render(
        TEMPLATE,
        large=look.large,
        wide=wide,
        narrow=narrow,
        iso_time=iso_datetime(story.published_at),
        clock_time=news_datetime(story.published_at),
        label=story.label,
        heading_level=look.heading_level,
        url=story.get_url(request=request),
        title=story.title,
        show_lead=look.show_lead,
        lead=story.lead,
    )


def card(story, request, look: Look):
    """The card of ``story``: from its lot's file when it was marked ``together``
    with the rest of its list, else rendered."""
    lot = getattr(story, "card_lot", None)
    shown = lot.card(story, request, look) if lot is not None else None
    return render(story, request, look) if shown is None else shown


def together(stories) -> list:
    """Mark ``stories`` (one list of a page, as queries read them, without their
    pictures' renditions and perhaps their rows) as one lot whose cards are read
    and rendered together; the pictures of the cards rendered are read then.
    Returns them."""
    lot = _Lot(list(stories))
    for story in lot.stories:
        story.card_lot = lot
    return stories


class _Lot:
    def __init__(self, stories: list):
        self.stories = stories
        self.cards = {}  # look → {story id: card}

    def card(self, story, request, look: Look):
        if look not in self.cards:
            self.cards[look] = self._filed_or_rendered(request, look)
        return self.cards[look].get(story.pk)

    def _filed_or_rendered(self, request, look: Look) -> dict:
        language = translation.get_language()
        return filed_markup(
            self.stories,
            name_of=lambda story: _name(look, language, story.get_url(request=request), story),
            render=lambda story: render(story, request, look),
        )


def filed_markup(stories, *, name_of, render, specs=()) -> dict:
    """Each story's markup by id (a card, a News line item): filed under
    ``name_of(story)``, which names all it shows that its story's keys do not
    cover, with the story's key and ``all``; the missing rendered by
    ``render(story)``, their pictures and renditions read then, and filed for
    ``NEWSLINE_CARD_SECONDS`` unless one showed a placeholder picture. ``specs``:
    the only renditions ``render`` shows, if it says (``queries.with_renditions``)."""
    by_pk = {story.pk: story for story in stories}
    names = {pk: name_of(story) for pk, story in by_pk.items()}

    def rendered(missing):
        fresh = with_renditions([by_pk[pk] for pk in missing], specs=specs)
        return filing.rendered(fresh, render, _keys)

    return filing.each_filed(names, rendered, timeout=settings.NEWSLINE_CARD_SECONDS)


def _keys(story) -> set[str]:
    return {surrogate.story(story.translation_key), surrogate.EVERYTHING}


def _name(look: Look, language: str, url: str, story) -> str:
    return filing.name(
        FILED_AS,
        filing.release_digest(),
        look.large,
        look.show_lead,
        look.heading_level,
        language,
        url,
        story.pk,
        story.last_published_at,
    )
