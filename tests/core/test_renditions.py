"""Renditions are made by the worker at upload and publication; a reader's request
never decodes an original, shows a placeholder for one not made yet, and is then
not cached."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from newsline.core import renditions
from newsline.core.models import NewsImage, NewsRendition

from ..factories import ImageFactory, _png, make_story

TEMPLATES = Path(renditions.__file__).resolve().parents[1] / "templates"
IMAGE_TAG = re.compile(r"{%\s*image\s+\S+\s+(.+?)(?:\s+as\s+\w+)?\s*%}")


@pytest.fixture
def queued(settings):
    """Tasks wait in the queue, as with ``newsline worker`` running elsewhere."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return settings


def _run_queue():
    """What ``newsline worker`` does with each queued task."""
    for result in DBTaskResult.objects.all():
        result.task.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        result.delete()


def story_with_a_pending_picture(title: str):
    """A published story whose picture's renditions are not made yet, with what
    publishing queued (purges among it) done: what a reader sees before the worker
    gets to it. Returns the picture (``renditions.make_renditions`` as the worker)."""
    picture = ImageFactory()
    make_story(title=title, image=picture)
    _run_queue()
    NewsRendition.objects.all().delete()
    return picture


def _specs_in_templates() -> set[str]:
    found = set()
    for template in TEMPLATES.rglob("*.html"):
        for arguments in IMAGE_TAG.findall(template.read_text()):
            words = [w for w in arguments.split() if "=" not in w]
            found.add("|".join(words))
    return found


def test_every_spec_the_templates_ask_for_is_declared():
    used = _specs_in_templates()
    assert used, "no {% image %} tag found: the pattern no longer matches the templates"
    assert used <= set(renditions.READER_SPECS)


def test_an_upload_in_the_admin_makes_every_reader_rendition(admin_client):
    picture = SimpleUploadedFile("harbour.png", _png(1600, 900), "image/png")
    admin_client.post(reverse("wagtailimages:add"), {"title": "Harbour", "file": picture})
    image = NewsImage.objects.get(title="Harbour")
    assert renditions.missing_specs(image) == []


def test_an_upload_queues_the_renditions_for_the_worker(queued):
    image = ImageFactory()
    assert renditions.missing_specs(image) == list(renditions.READER_SPECS)
    _run_queue()
    assert renditions.missing_specs(image) == []


def test_a_readers_request_never_decodes_an_original(client, queued, monkeypatch):
    story = make_story(image=ImageFactory())
    NewsRendition.objects.all().delete()

    def refuse(*args, **kwargs):
        raise AssertionError("a reader's request opened an original")

    monkeypatch.setattr(NewsImage, "open_file", refuse)
    answer = client.get(story.url)
    assert answer.status_code == 200
    assert renditions.PENDING_PICTURE in answer.content.decode()
    assert not NewsRendition.objects.exists()


def test_a_placeholder_has_the_pictures_final_size(client, queued):
    wide = ImageFile(io.BytesIO(_png(1600, 900)), name="wide.png")
    story = make_story(image=ImageFactory(file=wide))
    NewsRendition.objects.all().delete()
    page = client.get(story.url).content.decode()
    assert 'width="1200" height="675"' in page


def test_a_page_with_a_placeholder_is_cached_nowhere(client, queued, page_cache):
    story = make_story(image=ImageFactory())
    NewsRendition.objects.all().delete()
    first = client.get(story.url)
    assert "no-cache" in first["Cache-Control"]
    assert "public" not in first["Cache-Control"]
    assert client.get(story.url).get("X-Cache") != "HIT"


def test_the_worker_is_asked_once_and_the_next_reader_gets_the_picture(client, queued, page_cache):
    story = make_story(image=ImageFactory())
    NewsRendition.objects.all().delete()
    DBTaskResult.objects.all().delete()
    for _ in range(3):
        client.get(story.url)
    assert DBTaskResult.objects.count() == 1  # three readers, one request to the worker
    _run_queue()
    page = client.get(story.url)
    assert renditions.PENDING_PICTURE not in page.content.decode()
    assert client.get(story.url)["X-Cache"] == "HIT"  # cached again from now on


def test_publishing_a_story_makes_its_pictures_renditions(queued):
    photo = ImageFactory()
    _run_queue()
    NewsRendition.objects.all().delete()
    make_story(image=photo)
    _run_queue()
    assert renditions.missing_specs(photo) == []


def test_feeds_and_the_api_leave_a_pending_picture_out(client, queued):
    story = make_story(image=ImageFactory())
    NewsRendition.objects.all().delete()
    feed = client.get("/en/feeds/rss/")
    assert renditions.PENDING_PICTURE not in feed.content.decode()
    assert "no-cache" in feed["Cache-Control"]
    api = client.get(f"/api/v2/stories/{story.pk}/").json()
    assert renditions.PENDING_PICTURE not in str(api)


def test_the_admin_still_makes_renditions_on_the_spot(admin_client, queued):
    story = make_story(image=ImageFactory())
    NewsRendition.objects.all().delete()
    preview = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[story.pk]))
    assert preview.status_code == 200
    # The story itself: its News line is the readers' (a fragment, as they get it).
    story_part = preview.content.decode().split('<aside class="news-line"')[0]
    assert renditions.PENDING_PICTURE not in story_part


def test_an_unreadable_picture_does_not_stop_the_others(queued, caplog):
    broken, fine = ImageFactory(), ImageFactory()
    _run_queue()
    NewsRendition.objects.all().delete()
    broken.file.storage.delete(broken.file.name)
    from newsline.publishing.tasks import make_renditions

    make_renditions.call([broken.pk, fine.pk])
    assert renditions.missing_specs(fine) == []
    assert "Could not make the renditions" in caplog.text


def test_outside_readers_requests_a_rendition_found_is_not_written_back(queued, monkeypatch):
    """A preview or the admin finds an existing rendition as a reader's request
    does (Wagtail's own wrote each one found back to the cache, on every call)."""
    image = ImageFactory()
    _run_queue()
    written = []
    cache = NewsRendition.cache_backend
    monkeypatch.setattr(cache, "set", lambda *args, **kwargs: written.append(args))
    found = NewsImage.objects.get(pk=image.pk).get_rendition(renditions.CARD_WIDE)
    assert found.file.name and not found.is_pending
    assert written == []


def test_outside_readers_requests_a_missing_rendition_is_still_made(queued):
    image = ImageFactory()
    NewsRendition.objects.filter(image=image).delete()
    made = NewsImage.objects.get(pk=image.pk).get_rendition(renditions.CARD_WIDE)
    assert made.pk is not None and not made.is_pending
    assert NewsRendition.objects.filter(image=image, filter_spec=renditions.CARD_WIDE).exists()
