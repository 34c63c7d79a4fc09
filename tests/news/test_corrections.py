"""Corrections: published by a chief editor on a story, shown with their time on
the story, in its JSON-LD and feeds, listed per language; a removal is recorded
and shown, never silent."""

import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from newsline.news.models import ArticlePage, Correction
from newsline.news.services import CorrectionError, add_correction, remove_correction

from ..factories import make_story, section

TEXT = "An earlier version gave the bridge's length as 40 km; it is 4 km."


def _correct(admin_client, story, **fields):
    url = reverse("story_corrections", args=[story.pk])
    return admin_client.post(url, {"text": TEXT, "corrected_at": "", **fields}, follow=True)


def _json_ld(client, url) -> dict:
    html = BeautifulSoup(client.get(url).content, "html.parser")
    for script in html.select('script[type="application/ld+json"]'):
        document = json.loads(script.string)
        if "headline" in document:
            return document
    raise AssertionError("no article JSON-LD")


@pytest.mark.usefixtures("page_cache")
def test_a_correction_shows_on_the_story_with_its_time(admin_client, client):
    story = make_story(title="Bridge opens")
    assert TEXT not in client.get(story.url).content.decode()  # now cached
    _correct(admin_client, story)
    html = client.get(story.url).content.decode()
    correction = Correction.objects.get(story=story)
    assert TEXT.replace("'", "&#x27;") in html
    assert f'id="{correction.anchor}"' in html


def test_the_json_ld_carries_the_correction_and_the_new_modified_time(admin_client, client):
    story = make_story()
    before = _json_ld(client, story.url)["dateModified"]
    _correct(admin_client, story)
    document = _json_ld(client, story.url)
    assert document["correction"] == [
        {
            "@type": "CorrectionComment",
            "@id": document["url"] + f"#{Correction.objects.get().anchor}",
            "text": TEXT,
            "datePublished": document["correction"][0]["datePublished"],
        }
    ]
    assert document["dateModified"] > before


@pytest.mark.usefixtures("page_cache")
def test_feeds_see_the_story_changed(admin_client, client):
    story = make_story()
    old = client.get("/en/feeds/json/").json()["items"][0]["date_modified"]
    _correct(admin_client, story)
    entry = client.get("/en/feeds/json/").json()["items"][0]
    assert entry["id"].endswith(f"story/{story.pk}") or entry["url"].endswith(story.url)
    assert entry["date_modified"] > old


def test_the_language_lists_its_corrections_with_a_feed(admin_client, client):
    story = make_story(title="Bridge opens")
    make_story(parent=section("az"))
    _correct(admin_client, story)
    page = client.get("/en/corrections/").content.decode()
    assert "Bridge opens" in page and "bridge&#x27;s length" in page
    assert "Bridge opens" not in client.get("/az/corrections/").content.decode()
    for fmt in ("rss", "atom", "json"):
        feed = client.get(f"/en/corrections/feeds/{fmt}/")
        assert feed.status_code == 200 and "Bridge opens" in feed.content.decode()
    assert client.get("/en/corrections/feeds/pdf/").status_code == 404
    assert client.get("/en/corrections/?after=garbage").status_code == 404


def test_a_removal_is_recorded_and_shown(admin_client, client):
    story = make_story()
    _correct(admin_client, story)
    correction = Correction.objects.get()
    url = reverse("correction_remove", args=[correction.pk])
    admin_client.post(url, {"reason": "The first figure was right."})
    correction.refresh_from_db()
    assert correction.removed_at is not None
    html = client.get(story.url).content.decode()
    assert "withdrawn" in html and "The first figure was right." in html
    assert "The first figure was right." in client.get("/en/corrections/").content.decode()
    assert "correction" not in _json_ld(client, story.url)


def test_a_removal_without_a_reason_changes_nothing(admin_client):
    story = make_story()
    _correct(admin_client, story)
    correction = Correction.objects.get()
    response = admin_client.post(
        reverse("correction_remove", args=[correction.pk]), {"reason": ""}, follow=True
    )
    assert "Say why" in response.content.decode()
    correction.refresh_from_db()
    assert correction.removed_at is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": ""}, "could not be published"),
        ({"text": "x" * 2001}, "could not be published"),
        ({"corrected_at": "not a time"}, "could not be published"),
    ],
)
def test_bad_corrections_are_refused_naming_why(admin_client, fields, message):
    story = make_story()
    response = _correct(admin_client, story, **fields)
    assert message in response.content.decode()
    assert not Correction.objects.exists()


def test_the_service_refuses_what_the_form_cannot_catch(admin_user):
    story = make_story()
    with pytest.raises(CorrectionError, match="future"):
        add_correction(story, TEXT, admin_user, at=timezone.now() + timedelta(hours=1))
    with pytest.raises(CorrectionError, match="older than the story"):
        add_correction(story, TEXT, admin_user, at=story.published_at - timedelta(days=1))
    draft = make_story(publish=False)
    with pytest.raises(CorrectionError, match="not published"):
        add_correction(draft, TEXT, admin_user)
    correction = add_correction(story, TEXT, admin_user)
    remove_correction(correction, admin_user, "Wrong story.")
    with pytest.raises(CorrectionError, match="already removed"):
        remove_correction(correction, admin_user, "Again.")
    assert Correction.objects.count() == 1


def test_a_draft_published_later_keeps_the_correction_time(admin_user):
    story = make_story()
    story.lead = "A new lead, saved before the correction."
    revision = story.save_revision()
    add_correction(story, TEXT, admin_user)
    corrected = ArticlePage.objects.get(pk=story.pk).last_corrected_at
    revision.publish()
    assert ArticlePage.objects.get(pk=story.pk).last_corrected_at == corrected


def test_the_story_editor_links_to_its_corrections(admin_client):
    story = make_story()
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content
    assert reverse("story_corrections", args=[story.pk]) in html.decode()
    desk = admin_client.get(reverse("corrections_desk"))
    assert desk.status_code == 200


def test_hostile_text_in_a_correction_is_shown_as_text(admin_client, client):
    story = make_story()
    _correct(admin_client, story, text='<script>alert("x")</script><img src=x onerror=alert(1)>')
    html = client.get(story.url).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
