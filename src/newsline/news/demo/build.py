"""Build the invented demo outlet: languages, sections, people and stories.

Deterministic for a given seed: the same stories, people and pictures every
time, dated backwards from now so the News line always looks current.
"""

import random
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail_localize.models import Translation, TranslationSource

from ..models import (
    ArticleAuthor,
    ArticlePage,
    Correction,
    GalleryPage,
    HomeFeaturedStory,
    HomePage,
    InterviewPage,
    LivePage,
    LiveUpdate,
    NewsPage,
    OpinionPage,
    Person,
    Topic,
    TopicKind,
    VideoPage,
)
from ..related.services import refresh_all_related
from ..services import (
    add_home_pages,
    add_section,
    ensure_locales,
    point_default_site,
    publish_page,
    record_correction,
    site_address,
    transliterated_slug,
)
from . import texts
from .images import make_images

LANGUAGES = ("az", "en", "ru")
DESKS = ("politics", "economy", "world", "society", "sport")


@dataclass
class Summary:
    stories: int = 0
    translations: int = 0
    images: int = 0


def demo_exists() -> bool:
    return HomePage.objects.exists()


def demo_loaded() -> bool:
    """Whether this database holds the demo outlet: all its invented people are
    here (a real outlet does not have them, and `newsline init` makes no people)."""
    slugs = {spec["slug"] for spec in texts.PEOPLE}
    return Person.objects.filter(slug__in=slugs).values("slug").distinct().count() == len(slugs)


def build_homes(locales) -> dict:
    homes = add_home_pages(locales=locales, titles=texts.HOME_TITLES)
    hostname, port = site_address(settings.WAGTAILADMIN_BASE_URL)
    point_default_site(
        root_page=homes["az"],
        hostname=hostname,
        port=port,
        site_name=settings.NEWSLINE_OUTLET_NAME,
    )
    return homes


def build_sections(homes) -> dict:
    sections = {code: {} for code in LANGUAGES}
    for spec in texts.SECTIONS:
        pages = add_section(homes=homes, titles={code: spec[code] for code in LANGUAGES})
        for code, page in pages.items():
            sections[code][spec["key"]] = page
    return sections


def build_people(locales, images) -> dict:
    people = {code: {} for code in LANGUAGES}
    for index, spec in enumerate(texts.PEOPLE):
        source = None
        for code in LANGUAGES:
            name, position = spec[code]
            fields = {
                "name": name,
                "position": position,
                "organisation": spec.get("org", {}).get(code, ""),
                "bio": texts.BIOS[code],
                "is_journalist": spec["journalist"],
                "photo": images[index % len(images)],
            }
            if source is None:
                person = Person.objects.create(slug=spec["slug"], locale=locales[code], **fields)
                source = person
            else:
                person = source.copy_for_translation(locales[code])
                for name_, value in fields.items():
                    setattr(person, name_, value)
                person.save()
            people[code][spec["slug"]] = person
    return people


@dataclass
class StorySpec:
    kind: type
    desk: str
    town: int
    template: int
    published_at: object
    image: object
    author_slugs: list
    interviewee_slug: str | None
    sentences: list
    topics: list
    is_breaking: bool


def _pick_kind(rng) -> type:
    return rng.choices(
        [NewsPage, OpinionPage, InterviewPage, VideoPage, GalleryPage],
        weights=[58, 12, 8, 11, 11],
    )[0]


def _story_specs(rng, count, days, images, now) -> list[StorySpec]:
    journalists = [p["slug"] for p in texts.PEOPLE if p["journalist"]]
    interviewees = [p["slug"] for p in texts.PEOPLE if not p["journalist"]]
    step = timedelta(days=days) / count
    specs = []
    for number in range(count):
        kind = _pick_kind(rng)
        desk = {OpinionPage: "opinion", InterviewPage: "interviews"}.get(kind, rng.choice(DESKS))
        specs.append(
            StorySpec(
                kind=kind,
                desk=desk,
                town=rng.randrange(len(texts.TOWNS)),
                template=rng.randrange(100),
                published_at=now - step * number - timedelta(minutes=rng.randint(0, 30)),
                image=rng.choice(images) if (rng.random() < 0.36 or kind is GalleryPage) else None,
                author_slugs=rng.sample(journalists, rng.choice([1, 1, 1, 2])),
                interviewee_slug=rng.choice(interviewees) if kind is InterviewPage else None,
                sentences=rng.sample(range(len(texts.SENTENCES)), 6),
                topics=rng.sample(range(len(texts.TOPICS["en"])), rng.randint(0, 2)),
                is_breaking=number < 3 and rng.random() < 0.5,
            )
        )
    return specs


def _headline(spec: StorySpec, code: str, people) -> str:
    town = texts.TOWNS[spec.town][code]
    if spec.kind is InterviewPage:
        template = texts.INTERVIEW_HEADLINES[spec.template % len(texts.INTERVIEW_HEADLINES)]
        name = people[code][spec.interviewee_slug].name
        return template[code].format(town=town, name=name)
    bank = texts.OPINION_HEADLINES if spec.kind is OpinionPage else texts.HEADLINES[spec.desk]
    return bank[spec.template % len(bank)][code].format(town=town)


def _paragraphs(spec: StorySpec, code: str) -> list:
    town = texts.TOWNS[spec.town][code]
    lines = [texts.SENTENCES[i][code].format(town=town) for i in spec.sentences]
    blocks = [
        ("paragraph", f"<p>{' '.join(lines[:3])}</p>"),
        ("quote", {"text": texts.QUOTES[spec.template % 2][code], "source": ""}),
        ("paragraph", f"<p>{' '.join(lines[3:])}</p>"),
    ]
    return blocks


def _kind_fields(spec: StorySpec, code: str, people) -> dict:
    town = texts.TOWNS[spec.town][code]
    if spec.kind is InterviewPage:
        pairs = [
            ("qa", {"question": q[code].format(town=town), "answer": f"<p>{a[code]}</p>"})
            for q, a in zip(texts.QUESTIONS, texts.ANSWERS, strict=True)
        ]
        return {"body": pairs, "interviewee": people[code][spec.interviewee_slug]}
    fields = {"body": _paragraphs(spec, code)}
    if spec.kind is VideoPage:
        fields["video_url"] = (
            f"https://www.youtube.com/watch?v=nl{spec.template:03d}demo{spec.town:02d}"
        )
    if spec.kind is GalleryPage:
        fields["photos"] = [
            ("photo", {"image": spec.image, "caption": town, "credit": "Newsline demo"})
        ]
    return fields


def _story_fields(spec: StorySpec, code: str, people) -> dict:
    headline = _headline(spec, code, people)
    town = texts.TOWNS[spec.town][code]
    return {
        "title": headline,
        "lead": texts.SENTENCES[spec.sentences[0]][code].format(town=town),
        "main_image": spec.image,
        "is_breaking": spec.is_breaking,
        **_kind_fields(spec, code, people),
    }


def _slug(headline: str, suffix: str) -> str:
    return f"{transliterated_slug(headline)}-{suffix}"


def _fill_story(page, spec, code, people, *, slug_suffix):
    """Write one language's rendering of ``spec`` into ``page`` (new or a translation)."""
    fields = _story_fields(spec, code, people)
    for name, value in fields.items():
        setattr(page, name, value)
    page.slug = _slug(fields["title"], slug_suffix)
    page.published_at = spec.published_at
    page.authors = [ArticleAuthor(person=people[code][slug]) for slug in spec.author_slugs]
    town = texts.TOWNS[spec.town][code]
    page.topics.set([*(texts.TOPICS[code][i] for i in spec.topics), town])
    return page


def _add_story(spec, code, section, locale, people, number):
    page = spec.kind(locale=locale, first_published_at=spec.published_at)
    section.add_child(instance=_fill_story(page, spec, code, people, slug_suffix=f"{number:04d}"))
    return publish_page(page)


def _translate_story(source, spec, code, locale, people):
    copy = source.copy_for_translation(locale)
    _fill_story(copy, spec, code, people, slug_suffix=f"t{source.pk}").save()
    return publish_page(copy)


def register_translations(source, target_locales) -> None:
    """Record with wagtail_localize that ``source`` was translated into
    ``target_locales`` (its Translations report lists them; the translation
    status takes the source's language from it). The pages are left as they are:
    each Translation is disabled, as localize's "simple" mode makes them, so the
    hand-written translations keep Wagtail's editor and no sync rewrites them
    from the source's strings."""
    translation_source, _created = TranslationSource.get_or_create_from_instance(source)
    for locale in target_locales:
        Translation.objects.get_or_create(
            source=translation_source, target_locale=locale, defaults={"enabled": False}
        )


def build_stories(rng, locales, sections, people, images, *, per_language, days, translate_every):
    now = timezone.now()
    summary = Summary(images=len(images))
    for code in LANGUAGES:
        specs = _story_specs(rng, per_language, days, images, now)
        for number, spec in enumerate(specs):
            story = _add_story(spec, code, sections[code][spec.desk], locales[code], people, number)
            summary.stories += 1
            if code == "az" and number % translate_every == 0:
                for other in ("en", "ru"):
                    _translate_story(story, spec, other, locales[other], people)
                    summary.translations += 1
                register_translations(story, [locales["en"], locales["ru"]])
    return summary


def build_live(locales, sections, people, now):
    """One running live story per language, with updates every few minutes: the
    newest a key event, the first pinned."""
    journalists = [p["slug"] for p in texts.PEOPLE if p["journalist"]]
    for code in LANGUAGES:
        text = texts.LIVE[code]
        updates = text["updates"]
        started = now - timedelta(minutes=9 * len(updates) + 5)
        page = LivePage(
            locale=locales[code],
            title=text["title"],
            slug=transliterated_slug(text["title"]),
            lead=text["lead"],
            published_at=started,
            first_published_at=started,
        )
        page.body = [("paragraph", f"<p>{text['lead']}</p>")]
        sections[code]["society"].add_child(instance=page)
        publish_page(page)
        for number, (headline, words) in enumerate(updates):
            LiveUpdate.objects.create(
                story=page,
                posted_at=started + timedelta(minutes=9 * number + 3),
                headline=headline,
                body=[("paragraph", f"<p>{words}</p>")],
                author=people[code][journalists[number % len(journalists)]],
                is_key_event=bool(headline),
                is_pinned=number == len(updates) - 1,
            )


def curate_homes(homes):
    for home in homes.values():
        home.refresh_from_db()  # tree counters changed as sections were added
        newest = list(
            ArticlePage.objects.live()
            .descendant_of(home)
            .type(NewsPage, VideoPage, GalleryPage)
            .filter(main_image__isnull=False)
            .order_by("-published_at")[:5]
        )
        if not newest:
            continue
        home.top_story = newest[0]
        home.featured_stories = [HomeFeaturedStory(story=p) for p in newest[1:5]]
        publish_page(home)


def ensure_admin(password_file) -> tuple[str, str]:
    """Create the demo admin once; its password lives in the data directory."""
    users = get_user_model()
    if users.objects.filter(username="admin").exists() and password_file.exists():
        return "admin", password_file.read_text().strip()
    password = secrets.token_urlsafe(12)
    user, _ = users.objects.get_or_create(
        username="admin", defaults={"email": "admin@example.com", "is_staff": True}
    )
    user.is_staff = user.is_superuser = True
    user.set_password(password)
    user.save()
    password_file.parent.mkdir(parents=True, exist_ok=True)
    password_file.write_text(password)
    return "admin", password


@transaction.atomic
def build_demo(
    *, seed: int = 2026, per_language: int = 110, days: int = 16, translate_every: int = 5
):
    rng = random.Random(seed)  # noqa: S311 - demo content, not security
    locales = ensure_locales(languages=list(LANGUAGES))
    images = make_images(rng, 40)
    homes = build_homes(locales)
    sections = build_sections(homes)
    people = build_people(locales, images)
    summary = build_stories(
        rng,
        locales,
        sections,
        people,
        images,
        per_language=per_language,
        days=days,
        translate_every=translate_every,
    )
    build_live(locales, sections, people, timezone.now())
    type_topics()
    correct_stories(locales)
    curate_homes(homes)
    refresh_all_related()
    return summary


def type_topics() -> None:
    """The demo's towns are places; its other topics stay themes."""
    towns = [name for town in texts.TOWNS for name in town.values()]
    Topic.objects.filter(name__in=towns).update(kind=TopicKind.PLACE)


def correct_stories(locales) -> None:
    """A correction on the second-newest news story of each language, so the
    corrections page and the story's notice have something to show."""
    for code, locale in locales.items():
        story = NewsPage.objects.live().filter(locale=locale).order_by("-published_at")[1:2].first()
        if story is not None and not Correction.objects.filter(story=story).exists():
            moment = min(timezone.now(), story.published_at + timedelta(minutes=40))
            record_correction(story, texts.CORRECTIONS[code], at=moment)
