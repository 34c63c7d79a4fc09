"""WordPress posts into Newsline stories (``newsline import_wordpress``).

Each post is its own transaction: a failure leaves nothing of that post and the
run goes on; an interrupted run leaves whole stories, and running it again goes
on where it stopped, since which post became which story is kept in
``WireStory`` (source ``wordpress:<site>``, guid the post id) and a post found
there is skipped. docs/wordpress-migration.md says what becomes what; briefly:

- a post is a story in the section of its first category's top-level ancestor
  (an existing section of that slug or name, else a new one, published); other
  categories and tags are topics; its author (``dc:creator``, by display name)
  and co-authors are bylines; its featured image the main image; its kind from
  its post format or categories (video, photo story, opinion, else news);
- its state is kept: published at its date, scheduled (Wagtail's go-live),
  draft (also pending), private (published, for signed-in users only),
  password-protected (Wagtail's password restriction, the same password);
- the addresses a reader could open (a published or password-protected post's
  permalink path and ``?p=ID``) redirect permanently to the story;
- pages, menus and other post types, and trashed posts, are skipped.
"""

import hashlib
import logging
from dataclasses import dataclass, fields, replace
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from newsline.i18n.clock import outlet_zone
from newsline.news.models import HomePage, Person, SectionPage, Topic, story_model
from newsline.news.video import player_url

from . import mapping
from .html import clean_body, plain
from .items import Picture, Rejected
from .models import WireStory
from .pictures import PictureError, image_from
from .services import MAX_HEADLINE, MAX_LEAD, bylines, free_slug, shortened, topics
from .sources import wordpress as wxr

logger = logging.getLogger("newsline.ingest")

DRAFT_STATUSES = {"draft", "pending"}
KEPT_STATUSES = {"publish", "future", "private", *DRAFT_STATUSES}
# The post formats that say a kind; categories may say it too (mapping.BUILT_IN).
FORMAT_KINDS = {"post-format-video": "video", "post-format-gallery": "gallery"}
PUBLISHED, SCHEDULED, DRAFT = "published", "scheduled", "draft"


class PostRejected(ValueError):
    """Why one post is refused, for the person running the import."""


@dataclass
class Counts:
    stories: int = 0
    sections: int = 0
    topics: int = 0
    people: int = 0
    images: int = 0
    redirects: int = 0
    skipped: int = 0
    rejected: int = 0

    def add(self, other: "Counts") -> None:
        for name in self.names():
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @classmethod
    def names(cls) -> list[str]:
        return [counter.name for counter in fields(cls)]

    @property
    def line(self) -> str:
        return ", ".join(f"{name} {getattr(self, name)}" for name in self.names())


@dataclass(frozen=True)
class Outcome:
    ref: str
    counts: Counts
    reason: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Destination:
    """Where an export's posts go, and where its pictures are read from."""

    language: str
    home: HomePage
    source_key: str
    uncategorised: SectionPage | None = None
    """For posts in no category but WordPress's default one; None: rejected."""
    media_dir: Path | None = None
    """A copy of ``wp-content/uploads``; None: pictures are fetched."""


def destination_for(
    *,
    export: wxr.Export,
    language: str = "",
    uncategorised: str = "",
    media_dir: Path | None = None,
) -> Destination:
    """Where ``export`` goes: ``language`` (else the export's own, if Newsline has
    it), its home page, the section for uncategorised posts (a slug in that
    language). ``ValueError`` says what is wrong with the options."""
    languages = dict(settings.LANGUAGES)
    language = language or export.language.replace("_", "-").split("-")[0].lower()
    if language not in languages:
        raise ValueError(
            f"the export is in {export.language or 'no language'!r}, which Newsline does not "
            f"have; give --language ({', '.join(languages)})"
        )
    home = HomePage.objects.filter(locale__language_code=language).first()
    if home is None:
        raise ValueError(f"there is no home page in {language!r}")
    section = None
    if uncategorised:
        section = SectionPage.objects.child_of(home).filter(slug=uncategorised).first()
        if section is None:
            raise ValueError(f"no section {uncategorised!r} in {language!r}")
    if media_dir is not None and not media_dir.is_dir():
        raise ValueError(f"{media_dir} is not a folder")
    return Destination(language, home, _source_key(export.base_url), section, media_dir)


def import_export(*, export: wxr.Export, destination: Destination, on_outcome=None) -> Counts:
    """Every post of ``export``, one transaction each (see the module). A post
    never stops the run; ``DocumentError`` if the file cannot be read again."""
    counts = Counts()
    for post in export.posts():
        if isinstance(post, Rejected):
            outcome = Outcome(post.ref, Counts(rejected=1), post.reason)
        else:
            outcome = import_post(post=post, export=export, destination=destination)
        counts.add(outcome.counts)
        if on_outcome:
            on_outcome(outcome)
    return counts


def import_post(*, post: wxr.Post, export: wxr.Export, destination: Destination) -> Outcome:
    """One post in, atomically: a story with its sections, people, topics, pictures
    and redirects, or nothing and a reason. Never raises for the post's sake."""
    try:
        with transaction.atomic():
            return _import(post, export, destination)
    except PostRejected as error:
        return Outcome(post.ref, Counts(rejected=1), str(error))
    except Exception as error:  # one bad post must not stop the run
        logger.debug("Could not import WordPress post %s", post.id, exc_info=True)
        reason = f"could not be stored ({error.__class__.__name__}: {error})"
        return Outcome(post.ref, Counts(rejected=1), reason)


def _import(post: wxr.Post, export: wxr.Export, destination: Destination) -> Outcome:
    if post.post_type != "post" or post.status not in KEPT_STATUSES:
        return Outcome(post.ref, Counts(skipped=1))
    done = WireStory.objects.select_for_update().filter(
        source_key=destination.source_key, guid=str(post.id)
    )
    if done.exists():
        return Outcome(post.ref, Counts(skipped=1))
    counts, notes = Counts(stories=1), []
    state, moment = _state(post)
    section, section_slug = _section(post, export, destination, counts)
    kind, headline = mapping.kind_of(_headline(post, notes), _genres(post))
    main_image = _featured(post, export, destination, headline, counts, notes)
    blocks, video_url, photos = _content(post, export, destination, kind, headline, counts, notes)
    model, kind_fields = _kind_fields(kind, blocks, video_url, photos, main_image, notes)
    text = plain(" ".join(value.source for _, value in blocks if isinstance(value, RichText)))
    story = model(
        title=headline,
        slug=free_slug(section, post.slug or headline, f"wordpress:{post.id}"),
        lead=shortened(plain(post.excerpt) or text or headline, MAX_LEAD),
        main_image=main_image,
        locale=section.locale,
        published_at=min(moment, timezone.now()) if state == PUBLISHED else None,
        first_published_at=min(moment, timezone.now()) if state == PUBLISHED else None,
        **kind_fields,
    )
    _add_people_and_topics(story, post, export, section_slug, counts)
    _file(story, post, state, moment, section)
    if state == PUBLISHED and post.status == "publish":
        _add_redirects(story, export.old_paths(post), counts, notes)
    _remember(story, post, destination, state)
    return Outcome(post.ref, counts, notes=tuple(notes))


def _remember(story, post: wxr.Post, destination: Destination, state: str) -> None:
    """Which story the post became, so that no later run imports it again."""
    WireStory.objects.create(
        source_key=destination.source_key,
        guid=str(post.id),
        story=story,
        language=destination.language,
        content_hash=hashlib.sha256(f"{post.title}\0{post.content}".encode()).hexdigest(),
        ingest_revision_id=story.latest_revision_id,
        published_by_ingest=state != DRAFT,
    )


def _state(post: wxr.Post):
    """(published | scheduled | draft, the post's aware time or None)."""
    moment = post.date_gmt
    if moment is None and post.date_local is not None:
        moment = timezone.make_aware(post.date_local, outlet_zone())
    if post.status in DRAFT_STATUSES:
        return DRAFT, moment
    if moment is None and post.unreadable_date:
        raise PostRejected(f"its date {post.unreadable_date!r} cannot be read")
    if moment is None:
        raise PostRejected(f"a {post.status} post without a date")
    # A schedule WordPress missed (its time has passed) is published, as WordPress
    # would on its next visit.
    if post.status == "future" and moment > timezone.now():
        return SCHEDULED, moment
    return PUBLISHED, moment


def _headline(post: wxr.Post, notes: list) -> str:
    headline = plain(post.title)
    if not headline:
        raise PostRejected("the post has no title")
    if len(headline) > MAX_HEADLINE:
        notes.append(f"its title has {len(headline)} characters: shortened to {MAX_HEADLINE}")
        headline = shortened(headline, MAX_HEADLINE)
    return headline


def _genres(post: wxr.Post) -> list[str]:
    formats = [FORMAT_KINDS.get(term.slug, "") for term in post.named("post_format")]
    return [kind for kind in formats if kind] + [term.name for term in post.named("category")]


def _section(post: wxr.Post, export: wxr.Export, destination: Destination, counts: Counts):
    """(the section, the slug of the top-level category it stands for, or '')."""
    for term in post.named("category"):
        top = export.top_level(term.slug) or wxr.Category(slug=term.slug, name=term.name)
        if not export.is_default_category(top.slug):
            return _section_for(top, destination, counts), top.slug
    if destination.uncategorised is not None:
        return SectionPage.objects.get(pk=destination.uncategorised.pk), ""
    raise PostRejected(
        "it is in no category but WordPress's default one; give --section-for-uncategorised SLUG"
    )


def _section_for(category: wxr.Category, destination: Destination, counts: Counts) -> SectionPage:
    """The section of that slug or name in the language, else a new one, published."""
    slug = (
        slugify(category.slug, allow_unicode=True)[:200]
        or slugify(category.name, allow_unicode=True)[:200]
    )
    sections = SectionPage.objects.child_of(destination.home)
    for section in sections:
        if section.slug == slug or mapping.fold(section.title) == mapping.fold(category.name):
            return section
    home = HomePage.objects.get(pk=destination.home.pk)  # fresh: its child count moves
    section = SectionPage(
        title=category.name[:255],
        slug=slug or "section",
        locale=home.locale,
        show_in_menus=True,
        live=False,
    )
    home.add_child(instance=section)
    section.save_revision().publish()
    counts.sections += 1
    return section


def _featured(post, export, destination, headline, counts, notes):
    if post.thumbnail_id is None:
        return None
    attachment = export.attachments.get(post.thumbnail_id)
    if attachment is None:
        notes.append(f"featured image {post.thumbnail_id} is not in the export")
        return None
    figure = wxr.Figure(attachment.url, attachment.caption, attachment.alt or attachment.title)
    return _image(figure, destination, headline, counts, notes)


def _image(figure: wxr.Figure, destination: Destination, title: str, counts, notes):
    """The picture as a Newsline image, read from the media folder when it is an
    upload and the folder was given, else fetched; None (and a note) if it cannot
    be had."""
    if not figure.url:
        notes.append(f"picture {figure.attachment_id} is not in the export")
        return None
    inside = wxr.upload_path(figure.url) if destination.media_dir else None
    picture = Picture(url=inside or figure.url, caption=figure.caption, alt=figure.alt)
    before = timezone.now()
    try:
        image = image_from(picture, title=title, folder=destination.media_dir)
    except PictureError as error:
        notes.append(f"picture not stored: {str(error)[:300]}")
        return None
    if image.created_at >= before:  # not one already stored with the same file
        counts.images += 1
    return image


def _content(post, export, destination, kind, headline, counts, notes):
    """The body's blocks, the video's address (a video post's first player) and the
    photos (a photo story's pictures)."""
    blocks, text, video_url, photos = [], [], "", []

    def paragraph():
        stored = clean_body("".join(text))
        text.clear()
        if stored:
            blocks.append(("paragraph", RichText(stored)))

    for piece in wxr.body(post, export.attachments):
        if isinstance(piece, str):
            text.append(piece)
        elif isinstance(piece, wxr.Embed):
            if kind == "video" and not video_url and player_url(piece.url):
                video_url = piece.url
            else:  # the player goes; the address stays, as a link
                text.append(f'<p><a href="{escape(piece.url)}">{escape(piece.url)}</a></p>')
        elif image := _image(_absolute(piece, export), destination, headline, counts, notes):
            photo = {"image": image, "caption": piece.caption[:400], "credit": ""}
            if kind == "gallery":
                photos.append(("photo", photo))
            else:
                paragraph()
                blocks.append(("image", photo))
    paragraph()
    return blocks, video_url, photos


def _absolute(figure: wxr.Figure, export: wxr.Export) -> wxr.Figure:
    """A picture whose address is relative to the old site (``/wp-content/…``)."""
    if not figure.url:
        return figure
    return replace(figure, url=urljoin(export.base_url.rstrip("/") + "/", figure.url))


def _kind_fields(kind, blocks, video_url, photos, main_image, notes):
    """The story model and its kind's own fields; a kind the post lacks the parts
    for is kept as news, with a note."""
    if kind == "video":
        if video_url:
            return story_model("video"), {"video_url": video_url, "body": blocks}
        notes.append("a video post without a YouTube or Vimeo video: kept as news")
    elif kind == "gallery":
        if main_image and not photos:
            photos = [("photo", {"image": main_image, "caption": main_image.caption, "credit": ""})]
        if photos:
            return story_model("gallery"), {"photos": photos, "body": blocks}
        notes.append("a gallery post without pictures that could be had: kept as news")
    elif kind == "opinion":
        return story_model("opinion"), {"body": blocks}
    elif kind == "interview":
        notes.append("an interview needs an interviewee and questions: kept as news")
    return story_model("news"), {"body": blocks}


def _add_people_and_topics(story, post, export, section_slug: str, counts: Counts) -> None:
    """Bylines: the author (by display name) and co-authors; topics: tags and the
    categories other than the section's own and WordPress's default one."""
    logins = [post.creator] + [term.name for term in post.named("author")]  # Co-Authors Plus
    names = [export.author_name(login) for login in logins]
    people = Person.objects.filter(locale=story.locale)
    before = people.count()
    story.authors = bylines(names, story.locale)
    counts.people += people.count() - before
    subjects = [term.name for term in post.named("post_tag")] + [
        term.name
        for term in post.named("category")
        if term.slug != section_slug and not export.is_default_category(term.slug)
    ]
    names = topics(subjects)
    known = Topic.objects.filter(name__in=names)
    before = known.count()
    story.topics.add(*names)
    counts.topics += known.count() - before


def _file(story, post: wxr.Post, state: str, moment, section: SectionPage) -> None:
    """Into the section, restricted as the post was, then published, scheduled or
    left a draft; the restriction comes first so the story is never public."""
    story.live = False
    section.add_child(instance=story)
    if post.status == "private":
        PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    elif post.password:
        PageViewRestriction.objects.create(
            page=story, restriction_type=PageViewRestriction.PASSWORD, password=post.password[:255]
        )
    if state == SCHEDULED:
        story.go_live_at = moment
    revision = story.save_revision()
    if state != DRAFT:
        revision.publish()


def _add_redirects(story, old_paths: list[str], counts: Counts, notes: list) -> None:
    for old in dict.fromkeys(Redirect.normalise_path(path) for path in old_paths):
        if len(old) > Redirect._meta.get_field("old_path").max_length:
            notes.append(f"{old[:60]}… is too long for a redirect; none made")
            continue
        existing = Redirect.objects.filter(old_path=old, site=None).first()
        if existing is None:
            Redirect.add_redirect(old, redirect_to=story, is_permanent=True)
            counts.redirects += 1
        elif existing.redirect_page_id != story.pk:
            notes.append(f"{old} already redirects elsewhere; left as it was")


def _source_key(base_url: str) -> str:
    """``wordpress:<host and path>``, within WireStory's 100 characters."""
    parts = urlsplit(base_url)
    site = f"{(parts.hostname or '').lower()}{parts.path.rstrip('/')}"
    key = f"wordpress:{site}"
    if len(key) > 100:
        key = f"wordpress:{site[:60]}#{hashlib.sha256(site.encode()).hexdigest()[:16]}"
    return key
