"""A published story as an IPTC ninjs 2.2 news item.

Every property written here exists in the official schema (tests validate each
kind against it); the mapping is documented in docs/api.md. A story is ``type``
"text" whatever its kind: the text is the item, and its pictures are separate
news objects given as ``associations`` of type "picture". ninjs keeps
"composite" for packages whose content *is* their associated items.
"""

from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from newsline.news.models import GalleryPage
from newsline.news.queries import localized_people
from newsline.news.syndication import body_html, filed_items, filed_name, story_uri

from . import links

SCHEMA_URI = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json"
STANDARD = {"name": "ninjs", "version": "2.2", "schema": SCHEMA_URI}
_GENRE_CV = "http://cv.iptc.org/newscodes/genre/"
BREAKING_URGENCY = 1


def story_item(story, *, base: str, outlet_name: str) -> dict:
    """The ninjs document of one published story (specific page, relations loaded,
    see ``with_relations``); addresses start with ``base``."""
    language = story.locale.language_code
    item = {
        "uri": story_uri(story),
        "standard": STANDARD,
        "type": "text",
        "representationtype": "full",
        # The published revision's id: it grows with every publication.
        "version": str(story.live_revision_id or 1),
        "firstcreated": _moment(story.published_at),
        "versioncreated": _moment(story.modified_at),
        "pubstatus": "usable",
        "language": language,
        "slugline": story.slug,
        "headlines": [{"role": "main", "value": story.title}],
        "descriptions": [{"role": "summary", "contenttype": "text/plain", "value": story.lead}],
        "bodies": [
            {"role": "main", "contenttype": "text/html", "value": body_html(story, base_url=base)}
        ],
        "copyrightholder": outlet_name,
        "genres": [_genre(story.story_kind)],
        "subjects": _subjects(story, language, base),
        "renditions": [_web_page(story)],
        "altids": _altids(story),
    }
    item.update(_people(story, language, base))
    item.update(_optional(story, base))
    return item


def story_items(rows: list[tuple], *, base: str, outlet_name: str) -> list[dict]:
    """The ninjs documents of the published stories ``rows`` (``queries.ninjs_rows``),
    in their order: each filed under its story's surrogate keys
    (``core/filing.py``) and built again only when a purge made it wrong."""
    names = {row[0]: filed_name("newsline:ninjs-item:", row, base, outlet_name) for row in rows}
    return filed_items(names, lambda story: story_item(story, base=base, outlet_name=outlet_name))


def _moment(value) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def _genre(kind) -> dict:
    genre = {"name": kind.genre, "literal": kind.code}
    if kind.iptc_genre:
        genre["uri"] = _GENRE_CV + kind.iptc_genre
    return genre


def _people(story, language: str, base: str) -> dict:
    authors = [byline.person for byline in story.authors.all()]
    interviewee = getattr(story, "interviewee", None)
    people = localized_people([*authors, interviewee], story.locale_id)
    roles = ["author"] * len(authors) + (["about"] if interviewee else [])
    listed = [
        {"name": person.name, "rel": rel, "uri": links.person_url(person, language, base)}
        for person, rel in zip(people, roles, strict=True)
    ]
    signed = [person.name for person in people[: len(authors)]]
    return ({"by": ", ".join(signed)} if signed else {}) | ({"people": listed} if listed else {})


def _subjects(story, language: str, base: str) -> list:
    section = story.section
    uri = links.page_url(section)
    subjects = [{"name": section.title, "rel": "section", "literal": section.slug, "uri": uri}]
    for tagged in sorted(story.tagged_topics.all(), key=lambda t: t.tag.name):
        tag = tagged.tag
        uri = links.topic_url(tag, language, base)
        subjects.append({"name": tag.name, "rel": "topic", "literal": tag.slug, "uri": uri})
    return subjects


def _web_page(story) -> dict:
    href = links.page_url(story)
    return {"name": "web", "href": href, "contenttype": "text/html", "title": story.title}


def _altids(story) -> list:
    return [
        {"role": "pageid", "value": str(story.pk)},
        {"role": "translationkey", "value": str(story.translation_key)},
        {"role": "url", "value": links.page_url(story)},
    ]


def _optional(story, base: str) -> dict:
    extra = {}
    if story.is_breaking:
        extra["urgency"] = BREAKING_URGENCY
    if story.expire_at:
        extra["expires"] = _moment(story.expire_at)
    associations = _associations(story, base)
    if associations:
        extra["associations"] = associations
    return extra


def _associations(story, base: str) -> list:
    """The main picture as "featureimage", then a photo story's pictures in order."""
    pictures = []
    if story.main_image:
        pictures.append(("featureimage", story.main_image, links.picture(story.main_image, base)))
    if isinstance(story, GalleryPage):
        for number, block in enumerate(story.photos, start=1):
            photo = block.value
            if photo["image"] is not None:
                shown = links.picture(
                    photo["image"], base, caption=photo["caption"], credit=photo["credit"]
                )
                pictures.append((f"photo-{number}", photo["image"], shown))
    return [_association(name, image, shown) for name, image, shown in pictures if shown]


def _association(name: str, image, shown: dict) -> dict:
    rendition = {key: shown[key] for key in ("contenttype", "width", "height")}
    item = {
        "name": name,
        "uri": image_uri(image),
        "type": "picture",
        "renditions": [{"name": links.PICTURE_SPEC, "href": shown["url"], **rendition}],
    }
    if shown["caption"]:
        item["descriptions"] = [{"role": "caption", "value": shown["caption"]}]
    if shown["credit"]:
        item["by"] = shown["credit"]
    return item


def image_uri(image) -> str:
    """A picture's permanent tag URI, on the same host rule as ``story_uri``."""
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return f"tag:{host},{image.created_at.astimezone(UTC).date().isoformat()}:image/{image.pk}"
