import random
from datetime import UTC, datetime

from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from wagtail.models import Site

from newsline.news.demo import build
from newsline.news.models import ArticlePage, HomePage, InterviewPage


def test_demo_builds_every_kind_in_three_languages_once(client, settings, tmp_path, capsys):
    settings.DATA_DIR = tmp_path
    # As `newsline demo` runs for real: with the database task queue.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    HomePage.objects.all().delete()  # start from the bare tree a fresh install has
    call_command("demo", stories=24)
    # Nothing left queued for the first worker (each such task failed there).
    assert not DBTaskResult.objects.exists()
    stories = ArticlePage.objects.live()
    assert {s.specific_class.kind for s in stories} >= {"news", "video", "gallery"}
    assert {s.locale.language_code for s in stories} == {"az", "en", "ru"}
    for interview in InterviewPage.objects.all():
        assert len(interview.body) >= 6
    translated = [s for s in stories if s.get_translations().live().count() == 2]
    assert translated
    with_images = stories.filter(main_image__isnull=False).count()
    assert 0.2 < with_images / stories.count() < 0.6
    assert client.get("/az/").status_code == 200
    # The API's absolute addresses are on the outlet's address, as its feeds are.
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)  # BASE_URL's default
    out = capsys.readouterr().out
    assert "password:" in out
    call_command("demo")
    assert "already loaded" in capsys.readouterr().out
    assert ArticlePage.objects.count() == stories.count()


def test_demo_story_plan_is_the_same_for_the_same_seed():
    now = datetime(2026, 1, 1, tzinfo=UTC)
    images = list(range(5))

    def plan():
        specs = build._story_specs(random.Random(7), 20, 14, images, now)  # noqa: S311
        return [(s.kind, s.desk, s.town, s.template, s.published_at) for s in specs]

    assert plan() == plan()
