"""Test data: people, pictures and published stories of any kind."""

import io
import itertools
from datetime import timedelta

import factory
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.models import Locale

from newsline.core.models import NewsImage
from newsline.news.models import (
    ArticleAuthor,
    GalleryPage,
    InterviewPage,
    NewsPage,
    Person,
    SectionPage,
    VideoPage,
    story_models,
)

_numbers = itertools.count(1)


def locale(code):
    return Locale.objects.get(language_code=code)


def translate(page, code, title):
    """``page``'s translation into ``code``, titled ``title`` and published."""
    copy = page.copy_for_translation(locale(code))
    copy.title = title
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def section(code="en", slug="politics"):
    return SectionPage.objects.get(locale__language_code=code, slug=slug)


def _png(width=320, height=180):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (40, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsImage

    title = factory.Sequence(lambda n: f"Picture {n}")
    caption = "A test picture"
    credit = "Test desk"
    file = factory.LazyFunction(lambda: ImageFile(io.BytesIO(_png()), name="test.png"))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    position = "Minister of Tests"
    organisation = "Test Ministry"
    is_journalist = True
    locale = factory.LazyFunction(lambda: locale("en"))


def _body(kind, text):
    if kind is InterviewPage:
        return [
            ("qa", {"question": f"Question {n} about {text}?", "answer": f"<p>Answer {n}.</p>"})
            for n in range(1, 7)
        ]
    if kind is GalleryPage:
        return []
    return [("paragraph", f"<p>{text}</p>"), ("quote", {"text": "Quoted words", "source": ""})]


def story_fields(kind, title, body_text, interviewee_locale):
    fields = {"body": _body(kind, body_text)}
    if kind is InterviewPage:
        fields["interviewee"] = PersonFactory(is_journalist=False, locale=interviewee_locale)
    if kind is VideoPage:
        fields["video_url"] = "https://www.youtube.com/watch?v=abcdefghijk"
    if kind is GalleryPage:
        fields["photos"] = [("photo", {"image": ImageFactory(), "caption": "c", "credit": "k"})]
        fields["body"] = [("paragraph", f"<p>{body_text}</p>")]
    return fields


def make_story(
    kind=NewsPage,
    *,
    parent=None,
    title=None,
    body_text="Plain words of the story body.",
    published_at=None,
    authors=(),
    topics=(),
    image=None,
    publish=True,
    **extra,
):
    """Create a story under ``parent`` (default: the English politics section).

    ``published_at`` backdates the story; by default each new story is a minute
    newer than the one before, so order in lists is predictable.
    """
    parent = parent or section("en")
    number = next(_numbers)
    title = title or f"Story number {number}"
    fields = {**story_fields(kind, title, body_text, parent.locale), **extra}
    page = kind(
        title=title,
        slug=f"story-{number}",
        lead=f"Lead of {title}.",
        main_image=image,
        locale=parent.locale,
        **fields,
    )
    if published_at is None:
        published_at = timezone.now() - timedelta(hours=1) + timedelta(seconds=number)
    page.published_at = published_at
    for order, person in enumerate(authors):
        page.authors.add(ArticleAuthor(person=person, sort_order=order))
    page.topics.add(*topics)
    page.live = False
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    page.refresh_from_db()
    return page


# Every kind the product has: a new kind joins every kind-parametrised test.
ALL_KINDS = list(story_models())
__all__ = [
    "ALL_KINDS",
    "ImageFactory",
    "PersonFactory",
    "make_story",
    "section",
    "locale",
    "translate",
]
