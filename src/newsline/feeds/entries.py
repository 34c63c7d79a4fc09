"""Stories turned into feed entries, with every address absolute.

A story's entry is the same in every feed that lists it (the site's, its
section's, its topics' and people's, in each format), and rendering its full
text is most of a feed's cost. So each entry is filed (``core/filing.py``)
under the surrogate keys of what it shows, and a feed re-rendered after a purge
renders only the entries that changed.
"""

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext as _

from newsline.core import renditions
from newsline.core.outlet import absolute
from newsline.news import syndication

from . import queries
from .formats import Author, Entry, Image

FEED_IMAGE = renditions.FEED


def share_card(request) -> Image:
    """The outlet's share card (``NEWSLINE_SHARE_CARD``: a static file's path or an
    absolute URL, 1200 × 630), for pages and stories without a picture of their own."""
    card = settings.NEWSLINE_SHARE_CARD
    url = card if "://" in card else absolute(request, static(card))
    return Image(url=url, width=1200, height=630, length=0, mime_type="image/png")


def feed_image(image, request) -> Image | None:
    """The main image at feed size; the byte length is read from storage once.
    None until the worker has made it (the feed is then not cached)."""
    if image is None:
        return None
    rendition = image.get_rendition(FEED_IMAGE)
    if rendition.is_pending:
        return None
    try:
        length = rendition.file.size
    except OSError:  # a missing file must not take the whole feed down
        length = 0
    return Image(
        url=absolute(request, rendition.url),
        width=rendition.width,
        height=rendition.height,
        length=length,
        mime_type="image/jpeg",
        caption=strip_tags(image.caption),
        credit=strip_tags(image.credit),
        alt=strip_tags(image.title),
    )


def story_entry(story, request, *, language: str) -> Entry:
    """A published story (specific page with prefetched relations) as a feed entry."""
    base_url = absolute(request, "/")
    section = getattr(story, "section", None)
    updates = syndication.latest_updates(story)
    return Entry(
        id=syndication.story_uri(story),
        url=absolute(request, story.get_url(request)),
        title=story.title,
        summary=story.lead,
        content_html=syndication.body_html(story, base_url=base_url, updates=updates),
        published=story.published_at,
        updated=syndication.last_change(story, updates),
        language=language,
        authors=[
            Author(byline.person.name, absolute(request, byline.person.get_absolute_url()))
            for byline in story.authors.all()
        ],
        categories=[
            # The kind's label (Video, Opinion…) as feed readers and wires expect it.
            *([str(story.label)] if story.label else []),
            *([section.title] if section else []),
            *(tagged.tag.name for tagged in story.tagged_topics.all()),
        ],
        image=feed_image(story.main_image, request),
    )


def story_items(listed: list[queries.Listed], request, *, language: str, feed_format) -> list:
    """The stories ``listed`` (``queries.channel_newest``) as ``feed_format``
    writes its items, in their order: those filed and still current as they
    are, the others rendered from one load of their stories and filed for the
    next feed."""
    base_url = absolute(request, "/")
    names = {
        row.pk: syndication.filed_name(
            "newsline:feed-item:", row.as_row(), feed_format.code, base_url, language
        )
        for row in listed
    }
    return syndication.filed_items(
        names, lambda story: feed_format.item(story_entry(story, request, language=language))
    )


def correction_entry(correction, request, *, language: str) -> Entry:
    """A correction as a feed entry pointing at its place on the story."""
    story = correction.story
    url = absolute(request, story.get_url(request)) + f"#{correction.anchor}"
    text = correction.text
    if correction.is_removed:
        text = _("Withdrawn: %(text)s (%(reason)s)") % {
            "text": text,
            "reason": correction.removal_reason,
        }
    return Entry(
        id=f"{syndication.story_uri(story)}/{correction.anchor}",
        url=url,
        title=_("Correction: %(headline)s") % {"headline": story.title},
        summary=text,
        content_html=f"<p>{escape(text)}</p>",
        published=correction.corrected_at,
        updated=correction.changed_at,
        language=language,
    )
