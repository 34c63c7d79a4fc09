"""Wire items into stories: one pipeline for polled sources and ``newsline ingest``.

Each item is its own transaction: a failure leaves no half story and the batch
goes on. The same item twice (by source and guid) is one story; a changed item
is a new revision, republished only when ingest published the story and no
editor has saved it since, otherwise kept as a draft and flagged; a withdrawal
unpublishes what ingest published and flags what an editor took over. A
near-duplicate of another source's recent item is never published by ingest.
"""

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.rich_text import RichText

from newsline.news.models import ArticleAuthor, Person, SectionPage, story_model
from newsline.news.services import record_suggestions
from newsline.news.video import player_url

from . import duplicates, html, mapping, sources
from .items import USABLE, DocumentError, Item, Rejected
from .models import IngestRun, RejectedItem, WireStory
from .pictures import PictureError, image_from

logger = logging.getLogger("newsline.ingest")

CREATED, UPDATED, UNCHANGED, REJECTED = "created", "updated", "unchanged", "rejected"
MAX_HEADLINE, MAX_LEAD = 255, 600
# A time this far ahead is an embargo: the story is scheduled for it.
CLOCK_SKEW = timedelta(minutes=2)


class ItemRejected(ValueError):
    """Why one item is refused, for the person reading the run."""


@dataclass(frozen=True)
class Target:
    """Where items go and how: a source's settings, or ``newsline ingest``'s flags."""

    language: str
    section: SectionPage | None = None
    """None: the section whose name is one of the item's categories."""
    publish: bool = False
    kind_words: dict = field(default_factory=dict)
    source_key: str = ""
    folder: Path | None = None
    """Where relative picture paths are read from (a drop folder, a file's folder)."""


@dataclass(frozen=True)
class Outcome:
    result: str
    ref: str
    reason: str = ""
    notes: tuple[str, ...] = ()


@dataclass
class Tally:
    counts: dict = field(
        default_factory=lambda: dict.fromkeys((CREATED, UPDATED, UNCHANGED, REJECTED), 0)
    )
    rejections: list = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.result] += 1
        if outcome.result == REJECTED:
            self.rejections.append((outcome.ref, outcome.reason))

    @property
    def line(self) -> str:
        return ", ".join(f"{name} {count}" for name, count in self.counts.items())


def ingest_document(
    *, target: Target, data: bytes, format_code: str | None = None, on_outcome=None
) -> Tally:
    """Every item of one document; a document refused as a whole is one rejection
    (``ref`` empty) with its reason."""
    tally = Tally()
    try:
        parser = sources.parser(format_code or sources.detect(data))
        for parsed in parser.parse(data):
            outcome = (
                Outcome(REJECTED, parsed.ref, parsed.reason)
                if isinstance(parsed, Rejected)
                else import_item(target=target, item=parsed)
            )
            tally.add(outcome)
            if on_outcome:
                on_outcome(outcome)
    except Exception as error:  # a document refused as a whole, or a parser's slip
        if not isinstance(error, DocumentError):
            logger.exception("Could not read a wire document")
            error = f"could not be read ({error.__class__.__name__}: {error})"
        outcome = Outcome(REJECTED, "", str(error))
        tally.add(outcome)
        if on_outcome:
            on_outcome(outcome)
    return tally


def import_item(*, target: Target, item: Item) -> Outcome:
    """One item in, atomically; never raises."""
    try:
        with transaction.atomic():
            return _import(target, item)
    except ItemRejected as error:
        return Outcome(REJECTED, item.guid, str(error))
    except Exception as error:  # one bad item must not stop the batch
        logger.exception("Could not store wire item %s", item.guid)
        return Outcome(
            REJECTED, item.guid, f"could not be stored ({error.__class__.__name__}: {error})"
        )


def record_run(*, label: str, tally: Tally, source=None, error: str = "") -> IngestRun:
    """What a run did, for the admin: its counts and every rejection with its reason."""
    run = IngestRun.objects.create(
        source=source,
        label=label[:200],
        finished_at=timezone.now(),
        error=error,
        **tally.counts,
    )
    RejectedItem.objects.bulk_create(
        RejectedItem(run=run, ref=ref[:500], reason=reason) for ref, reason in tally.rejections
    )
    return run


@dataclass
class _Prepared:
    kind: str
    headline: str
    lead: str
    body: str
    video_url: str
    section: SectionPage
    fingerprint: str
    notes: list = field(default_factory=list)


def _import(target: Target, item: Item) -> Outcome:
    if not item.guid.strip():
        raise ItemRejected("the item has no identifier")
    wire = (
        WireStory.objects.select_for_update()
        .filter(source_key=target.source_key, guid=item.guid)
        .first()
    )
    if item.status != USABLE:
        return _withdraw(wire, item)
    prepared = _prepare(target, item)
    if wire is None:
        return _create(target, item, prepared)
    if wire.story_id is None:
        return Outcome(UNCHANGED, item.guid, "its story was deleted in the admin; not made again")
    if wire.content_hash == prepared.fingerprint:
        return Outcome(UNCHANGED, item.guid)
    return _update(target, wire, item, prepared)


def _prepare(target: Target, item: Item) -> _Prepared:
    if item.language and item.language.split("-")[0].lower() != target.language:
        raise ItemRejected(
            f"the item is in {item.language!r}; this source takes {target.language!r}"
        )
    kind, headline = mapping.kind_of(html.plain(item.headline), item.genres, target.kind_words)
    if not headline:
        raise ItemRejected("the item has no headline")
    if len(headline) > MAX_HEADLINE:
        raise ItemRejected(f"the headline has {len(headline)} characters; at most {MAX_HEADLINE}")
    body = html.clean_body(item.body_html)
    lead = shortened(html.plain(item.lead) or html.plain(body) or headline, MAX_LEAD)
    players = html.video_players(item.body_html) + (
        [item.link] if player_url(item.link or "") else []
    )
    fingerprint = hashlib.sha256(
        json.dumps(
            [
                kind,
                headline,
                lead,
                body,
                item.bylines,
                item.subjects,
                item.embargoed_until,
                item.picture and item.picture.url,
            ],
            default=str,
        ).encode()
    ).hexdigest()
    return _Prepared(
        kind=kind,
        headline=headline,
        lead=lead,
        body=body,
        video_url=players[0] if players else "",
        section=_section(target, item),
        fingerprint=fingerprint,
    )


def _section(target: Target, item: Item) -> SectionPage:
    if target.section is not None:
        return target.section
    sections = SectionPage.objects.filter(locale__language_code=target.language)
    by_name = {mapping.fold(section.title): section for section in sections}
    by_name.update({mapping.fold(section.slug): section for section in sections})
    for category in (*item.genres, *item.subjects):
        if mapping.fold(category) in by_name:
            return by_name[mapping.fold(category)]
    raise ItemRejected("no section: none of its categories names one; give --section")


def _create(target: Target, item: Item, prepared: _Prepared) -> Outcome:
    picture = _picture(target, item, prepared)
    model, fields = _kind_fields(prepared, item, picture)
    section = prepared.section
    story = model(
        title=prepared.headline,
        slug=free_slug(section, prepared.headline, item.guid),
        lead=prepared.lead,
        main_image=picture,
        locale=section.locale,
        # An embargoed item's time is set when it goes live (see _publish).
        published_at=None if _is_embargoed(item) else min(item.published_at, timezone.now()),
        **fields,
    )
    story.authors = bylines(item.bylines, section.locale)
    story.topics.add(*topics(item.subjects))
    story.live = False
    section.add_child(instance=story)
    signature = duplicates.signature(
        f"{prepared.headline} {prepared.lead} {html.plain(prepared.body)}"
    )
    twin = duplicates.near_duplicate(
        signature, language=target.language, source_key=target.source_key
    )
    flag = _twin_flag(twin) if twin else ""
    revision = story.save_revision()
    # The editor who opens it finds the topics its text mentions, to accept.
    record_suggestions(story)
    published = target.publish and twin is None
    if published:
        _publish(story, revision, item)
    WireStory.objects.create(
        source_key=target.source_key,
        guid=item.guid,
        story=story,
        language=target.language,
        content_hash=prepared.fingerprint,
        ingest_revision_id=revision.pk,
        published_by_ingest=published,
        signature=signature,
        duplicate_of=twin.story if twin else None,
        flag=flag,
    )
    return Outcome(CREATED, item.guid, notes=tuple(prepared.notes + ([flag] if flag else [])))


def _update(target: Target, wire: WireStory, item: Item, prepared: _Prepared) -> Outcome:
    story = wire.story.specific
    touched = story.latest_revision_id != wire.ingest_revision_id
    draft = story.get_latest_revision_as_object()
    draft.title, draft.lead = prepared.headline, prepared.lead
    picture = _picture(target, item, prepared)
    if picture is not None:
        draft.main_image = picture
    _, fields = _kind_fields(prepared, item, picture or draft.main_image, model=type(story))
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.authors = bylines(item.bylines, story.locale)
    draft.topics.set(topics(item.subjects))
    revision = draft.save_revision()
    record_suggestions(draft)
    if wire.published_by_ingest and not touched:
        _publish(draft, revision, item)
        wire.flag = ""
    elif touched:
        wire.flag = (
            "The wire sent a new version after an editor changed this story: it is saved "
            "as the latest draft; compare revisions and publish what is right."
        )
    wire.content_hash, wire.ingest_revision_id = prepared.fingerprint, revision.pk
    wire.save()
    return Outcome(UPDATED, item.guid, notes=tuple(prepared.notes))


def _withdraw(wire: WireStory | None, item: Item) -> Outcome:
    if wire is None or wire.story_id is None:
        return Outcome(UNCHANGED, item.guid, f"{item.status} by the source; no story to withdraw")
    if wire.content_hash == item.status:
        return Outcome(UNCHANGED, item.guid)
    story = wire.story.specific
    touched = story.latest_revision_id != wire.ingest_revision_id
    if wire.published_by_ingest and not touched:
        if story.live:
            story.unpublish()
        wire.flag = ""
    else:
        wire.flag = (
            f"The source withdrew this item ({item.status}): decide whether to unpublish "
            "the story or correct it."
        )
    wire.content_hash = item.status
    wire.save()
    return Outcome(UPDATED, item.guid)


def _release_time(item: Item):
    """When readers may see the item: its time, or its embargo's end if later."""
    return max(filter(None, (item.published_at, item.embargoed_until)))


def _is_embargoed(item: Item) -> bool:
    return _release_time(item) > timezone.now() + CLOCK_SKEW


def _publish(story, revision, item: Item) -> None:
    """Publish now, or at the item's time when it is ahead (an embargo)."""
    if _is_embargoed(item):
        story.go_live_at = _release_time(item)
        revision = story.save_revision()
    revision.publish()


def _kind_fields(prepared: _Prepared, item: Item, picture, *, model=None):
    """The story model and its kind's own fields; a kind the item lacks the parts
    for (a video without a player address, a photo story without a picture) is
    kept as news, with a note."""
    wanted = model or story_model(prepared.kind) or story_model("news")
    paragraph = [("paragraph", RichText(prepared.body or f"<p>{escape(prepared.lead)}</p>"))]
    if wanted.kind == "video":
        if prepared.video_url:
            return wanted, {"video_url": prepared.video_url, "body": paragraph}
        prepared.notes.append("labelled video but no YouTube or Vimeo address: kept as news")
    elif wanted.kind == "gallery":
        if picture is not None:
            photo = {"image": picture, "caption": picture.caption, "credit": picture.credit}
            return wanted, {"photos": [("photo", photo)], "body": paragraph}
        prepared.notes.append("labelled photo story but no picture could be had: kept as news")
    elif wanted.kind == "interview":
        prepared.notes.append("an interview needs an interviewee and questions: kept as news")
    else:
        return wanted, {"body": paragraph}
    return story_model("news"), {"body": paragraph}


def _picture(target: Target, item: Item, prepared: _Prepared):
    if item.picture is None:
        return None
    try:
        return image_from(item.picture, title=prepared.headline, folder=target.folder)
    except PictureError as error:
        prepared.notes.append(f"picture not stored: {error}")
        return None


def bylines(names, locale) -> list[ArticleAuthor]:
    """A byline for each of ``names`` (untrusted text), once each, in order: the
    person of that name (any case) in ``locale``, created when there is none."""
    people = []
    for name in dict.fromkeys(html.plain(name)[:200] for name in names):
        if not name:
            continue
        person = Person.objects.filter(locale=locale, name__iexact=name).first()
        if person is None:
            person = Person.objects.create(
                locale=locale, name=name, slug=_free_person_slug(locale, name)
            )
        # The byline's order is the source's (Orderable sorts by sort_order).
        people.append(ArticleAuthor(person=person, sort_order=len(people)))
    return people


def topics(names) -> list[str]:
    """Topic names from untrusted ``names``: plain text, at most 100 characters,
    each once, empty ones left out."""
    cleaned = (html.plain(name)[:100] for name in names)
    return list(dict.fromkeys(name for name in cleaned if name))


def free_slug(section: SectionPage, headline: str, guid: str) -> str:
    """A slug for a new story in ``section`` from ``headline``; when a story there
    has it already, made unique with a hash of ``guid`` (the same every run)."""
    base = slugify(headline, allow_unicode=True)[:70].strip("-") or "story"
    if not section.get_children().filter(slug=base).exists():
        return base
    return f"{base}-{hashlib.sha1(guid.encode()).hexdigest()[:8]}"  # noqa: S324 - a name, not a secret


def _free_person_slug(locale, name: str) -> str:
    base = slugify(name, allow_unicode=True)[:180] or "person"
    slug, number = base, 1
    while Person.objects.filter(locale=locale, slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _twin_flag(twin: WireStory) -> str:
    return (
        f"Looks like the same story as “{twin.story.title}” from another source: "
        "not published by ingest; compare them before publishing."
    )


def shortened(text: str, limit: int) -> str:
    """``text`` cut at a word to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"
