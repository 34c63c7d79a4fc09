"""The breaking desk in the admin and the site-wide breaking day."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from newsline.i18n import clock
from newsline.news.models import BreakingDay
from newsline.news.services import set_breaking_day

from ..factories import make_story
from .test_editing import news_form


def test_the_desk_lists_breaking_stories_and_ends_a_banner(admin_client, client):
    story = make_story(title="Ferry sinks", is_breaking=True)
    desk = admin_client.get(reverse("breaking_desk"))
    assert desk.status_code == 200 and "Ferry sinks" in desk.content.decode()
    admin_client.post(reverse("breaking_end", args=[story.pk]))
    story.refresh_from_db()
    assert not story.is_breaking and story.breaking_until is None
    assert "Ferry sinks" not in client.get("/en/breaking/").content.decode()


def test_ending_a_banner_with_unpublished_changes_says_why(admin_client):
    story = make_story(title="Ferry sinks", is_breaking=True)
    story.lead = "Half-written"
    story.save_revision()
    response = admin_client.post(reverse("breaking_end", args=[story.pk]), follow=True)
    assert "unpublished changes" in response.content.decode()
    story.refresh_from_db()
    assert story.is_breaking  # nothing half-done


def _shared_lifetime(response) -> int:
    return int(re.search(r"s-maxage=(\d+)", response["Cache-Control"]).group(1))


def _page_lifetime_is(response, seconds: int) -> bool:
    """Pages are kept no later than the outlet's midnight (their masthead shows
    the date), so near midnight the lifetime is shorter than the setting's."""
    expected = min(seconds, clock.seconds_until_midnight())
    return expected - 5 <= _shared_lifetime(response) <= expected


@pytest.mark.usefixtures("page_cache")
def test_breaking_day_lengthens_shared_lifetimes_but_not_the_fragments(client):
    make_story()
    assert _page_lifetime_is(client.get("/en/politics/"), 600)
    set_breaking_day(True)
    page = client.get("/en/sport/")
    assert _page_lifetime_is(page, 3600)
    assert "stale-while-revalidate=300" in page["Cache-Control"]
    line = client.get("/en/newsline/")
    assert "s-maxage=2," in line["Cache-Control"]
    assert line["X-Newsline-Refresh"] == "2"
    assert client.get("/en/breaking/")["X-Newsline-Refresh"] == "2"
    set_breaking_day(False)
    assert client.get("/en/newsline/")["X-Newsline-Refresh"] == "5"


def test_the_breaking_day_switch_turns_on_and_off(admin_client):
    # Who may switch it: the role × action table (tests/news/test_role_matrix.py).
    admin_client.post(reverse("breaking_day"), {"is_on": "1"})
    assert BreakingDay.objects.get().is_on
    admin_client.post(reverse("breaking_day"), {"is_on": "0"})
    assert not BreakingDay.objects.get().is_on


def test_a_banner_set_to_run_for_days_is_refused_naming_the_field(admin_client):
    story = make_story(title="Ferry sinks")
    url = reverse("wagtailadmin_pages:edit", args=[story.pk])
    far = (timezone.now() + timedelta(days=30)).strftime("%Y-%m-%d %H:%M")
    response = admin_client.post(
        url,
        {
            **news_form(title="Ferry sinks", slug=story.slug, is_breaking="on", breaking_until=far),
            "action-publish": "publish",
        },
    )
    assert response.status_code == 200
    assert "at most 24 hours" in response.content.decode()
    story.refresh_from_db()
    assert not story.is_breaking and story.breaking_until is None  # nothing went live


def test_a_banner_within_a_day_is_taken_as_set():
    story = make_story(title="Ferry sinks", is_breaking=True)
    story.breaking_until = timezone.now() + timedelta(hours=20)
    story.full_clean()
    story.save_revision().publish()
    story.refresh_from_db()
    assert story.breaking_until > timezone.now() + timedelta(hours=19)
