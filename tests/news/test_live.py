"""Live coverage: a story kind that grows by updates, each a record of its own."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from newsline.news.models import LivePage, LiveUpdate
from newsline.news.services import LiveError, correct_update, post_update, remove_update

from ..factories import PersonFactory, make_story, section


def _update(story, text, **fields):
    return LiveUpdate.objects.create(story=story, body=[("paragraph", f"<p>{text}</p>")], **fields)


def _form(headline="From the scene", text="<p>Water at the bridge.</p>", **extra):
    fields = {"headline": headline, "body": streamfield([("paragraph", rich_text(text))])}
    return nested_form_data({**fields, "author": "", **extra})


@pytest.fixture
def live():
    return make_story(LivePage, title="Live from the river")


def _json_ld(body: str) -> dict:
    for block in re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', body, re.S):
        document = json.loads(block)
        if document.get("@type") == "LiveBlogPosting":
            return document
    raise AssertionError("no LiveBlogPosting")


def test_the_page_shows_updates_newest_first_with_key_events_and_pinned(client, live):
    now = timezone.now()
    _update(live, "First words", posted_at=now - timedelta(minutes=3), is_pinned=True)
    _update(live, "Second words", posted_at=now - timedelta(minutes=2), headline="Bridge shut")
    _update(
        live,
        "Third words",
        posted_at=now - timedelta(minutes=1),
        is_key_event=True,
        headline="Water peaks",
    )
    body = client.get(live.url).content.decode()
    stream = body.split('class="live-updates live-updates--stream"')[1]
    assert stream.index("Third words") < stream.index("Second words") < stream.index("First words")
    assert 'class="key-events"' in body and "Water peaks" in body.split('class="key-events"')[1]
    assert 'id="pinned-update-' in body
    assert f'data-live-url="/en/live/{live.pk}/"' in body


def test_corrections_and_removals_show_to_readers(client, live):
    fixed, gone = _update(live, "Sevn dead"), _update(live, "A rumour")
    fixed.body = [("paragraph", "<p>Seven hurt</p>")]
    correct_update(fixed, _editor())
    remove_update(gone, _editor())
    body = client.get(f"/en/live/{live.pk}/").content.decode()
    assert "Seven hurt" in body and "Corrected at" in body
    assert "A rumour" not in body and "This update was removed at" in body


def test_readers_poll_one_shared_address_answered_304_when_unchanged(client, settings, live):
    settings.NEWSLINE_PAGE_CACHE = True
    _update(live, "First words")
    url = f"/en/live/{live.pk}/"
    first = client.get(url)
    assert first["X-Newsline-Refresh"] == "0.5"
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    post_update(live, LiveUpdate(body=[("paragraph", "<p>Second words</p>")]), _editor())
    fresh = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert fresh.status_code == 200 and "Second words" in fresh.content.decode()
    assert "Second words" in client.get(live.url).content.decode()  # the page is purged too


def test_ended_coverage_is_an_archived_page_that_asks_no_more(client, live):
    _update(live, "Last words")
    live.coverage_ended_at = timezone.now() - timedelta(minutes=1)
    live.save_revision().publish()
    body = client.get(live.url).content.decode()
    assert "data-live-url" not in body and "Coverage ended" in body and "Last words" in body
    assert client.get(f"/en/live/{live.pk}/")["X-Newsline-Refresh"] == "0"
    document = _json_ld(body)
    assert document["coverageEndTime"]
    with pytest.raises(LiveError, match="ended"):
        post_update(live, LiveUpdate(body=[("paragraph", "<p>Late</p>")]), _editor())


def test_live_blog_posting_json_ld(client, live):
    writer = PersonFactory(name="Aysel Quliyeva")
    _update(live, "Water at the bridge", headline="Bridge shut", author=writer)
    _update(live, "Never mind", removed_at=timezone.now())
    document = _json_ld(client.get(live.url).content.decode())
    assert document["coverageStartTime"]
    [update] = document["liveBlogUpdate"]
    assert update["headline"] == "Bridge shut"
    assert update["articleBody"] == "Water at the bridge"
    assert update["author"]["name"] == "Aysel Quliyeva"
    shown = LiveUpdate.objects.get(removed_at__isnull=True)
    assert update["url"].endswith(f"{live.url}#update-{shown.pk}")


def test_feeds_carry_the_newest_updates_and_their_time(client, live):
    _update(live, "Fresh from the bridge", posted_at=timezone.now())
    feed = client.get("/en/feeds/json/").json()
    [entry] = [item for item in feed["items"] if item["title"] == live.title]
    assert "Fresh from the bridge" in entry["content_html"]
    assert entry["date_modified"] > entry["date_published"]


def test_the_home_page_links_running_coverage(client, live):
    assert live.url in client.get("/en/").content.decode().split('class="front-live"')[1]


def test_updates_of_another_language_or_kind_are_not_found(client, live):
    assert client.get(f"/az/live/{live.pk}/").status_code == 404
    assert client.get(f"/en/live/{make_story().pk}/").status_code == 404


# The live desk in the admin
def _editor():
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username="desk", defaults={"is_superuser": True, "is_staff": True}
    )
    return user


def test_an_editor_posts_corrects_and_removes_from_the_live_desk(admin_client, live):
    assert admin_client.get(reverse("live_desk")).status_code == 200
    page = reverse("live_story", args=[live.pk])
    assert admin_client.get(page).status_code == 200
    response = admin_client.post(page, _form())
    assert response.status_code == 302
    update = LiveUpdate.objects.get(story=live)
    assert update.headline == "From the scene" and update.posted_by is not None
    edit = reverse("live_update_edit", args=[update.pk])
    admin_client.post(edit, _form(headline="From the bridge"))
    update.refresh_from_db()
    assert update.headline == "From the bridge" and update.edited_at is not None
    admin_client.post(reverse("live_update_remove", args=[update.pk]))
    update.refresh_from_db()
    assert update.removed_at is not None
    assert LiveUpdate.objects.filter(story=live).count() == 1  # kept, not deleted


def test_two_editors_posting_at_once_both_keep_their_update(admin_client, client, live):
    from django.contrib.auth import get_user_model

    other = get_user_model().objects.create_superuser("second", "second@example.az", "pw")
    client.force_login(other)
    page = reverse("live_story", args=[live.pk])
    admin_client.post(page, _form(headline="One"))
    client.post(page, _form(headline="Two"))
    assert set(LiveUpdate.objects.values_list("headline", flat=True)) == {"One", "Two"}


def test_a_bad_update_is_refused_with_the_reason_and_nothing_saved(admin_client, live):
    response = admin_client.post(
        reverse("live_story", args=[live.pk]), nested_form_data({"headline": "x" * 300})
    )
    assert response.status_code == 200
    assert "could not be posted" in response.content.decode()
    assert not LiveUpdate.objects.exists()


def test_script_typed_into_an_update_stays_text(admin_client, client, live):
    hostile = "<p>Calm &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;</p>"
    admin_client.post(reverse("live_story", args=[live.pk]), _form(text=hostile))
    body = client.get(f"/en/live/{live.pk}/").content.decode()
    assert "Calm" in body
    assert "<script>alert" not in body and "<img src=x" not in body
    assert "&lt;script&gt;" in body


def test_a_video_update_takes_only_supported_hosts(admin_client, live):
    form = nested_form_data(
        {
            "headline": "",
            "body": streamfield([("video", "https://evil.example/video.mp4")]),
            "author": "",
        }
    )
    admin_client.post(reverse("live_story", args=[live.pk]), form)
    assert not LiveUpdate.objects.exists()


def test_posting_to_a_story_that_is_not_live_coverage_is_not_found(admin_client):
    story = make_story(parent=section("en"))
    assert admin_client.get(reverse("live_story", args=[story.pk])).status_code == 404


def test_open_pages_ask_for_a_version_that_moves_with_every_change(client, settings, live):
    settings.NEWSLINE_PAGE_CACHE = True
    first = _update(live, "First words")
    url = f"/en/live/{live.pk}/version/"
    before = client.get(f"{url}?bucket=1").content
    assert f'data-live-version="{before.decode()}"' in client.get(live.url).content.decode()
    later_bucket = client.get(f"{url}?bucket=2")
    assert later_bucket["X-Cache"] == "HIT" and later_bucket.content == before  # one copy
    correct_update(first, _editor())
    after_correction = client.get(f"{url}?bucket=3").content
    assert after_correction != before
    remove_update(first, _editor())
    assert client.get(f"{url}?bucket=4").content not in (before, after_correction)
    live.coverage_ended_at = timezone.now()
    live.save_revision().publish()
    ended = client.get(f"{url}?bucket=5")
    assert ended["X-Newsline-Refresh"] == "0"


def test_the_version_of_a_hidden_story_is_not_found(client, live):
    live.unpublish()
    assert client.get(f"/en/live/{live.pk}/version/").status_code == 404
