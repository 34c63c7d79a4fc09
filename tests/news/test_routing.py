"""A reader's address reaches its page in one lookup, with Wagtail's rules kept:
not live, expired, restricted, moved and unknown addresses answer as before."""

from datetime import timedelta

from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsline.news.models import NewsPage

from ..factories import make_story, section


def _page_queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return [query["sql"] for query in captured]


def test_a_story_is_found_by_its_address_in_each_language(client):
    for code in ("en", "az"):
        story = make_story(parent=section(code), title=f"Harbour opens in {code}")
        response = client.get(story.url)
        assert response.status_code == 200
        assert f"Harbour opens in {code}".encode() in response.content


def test_routing_reads_the_page_once_not_a_segment_at_a_time(client, settings):
    settings.NEWSLINE_PAGE_CACHE = False
    story = make_story(title="One lookup")
    client.get(story.url)
    by_slug = [sql for sql in _page_queries(client, story.url) if '"slug" =' in sql]
    assert by_slug == []  # Wagtail's walk asks for a child by slug per segment


def test_a_draft_at_an_address_is_not_found(client):
    story = make_story(title="Not yet", publish=False)
    assert client.get(f"/en/politics/{story.slug}/").status_code == 404


def test_an_unpublished_story_is_not_found(client):
    story = make_story(title="Taken down")
    story.unpublish()
    assert client.get(story.url).status_code == 404


def test_an_expired_story_is_not_found(client):
    story = make_story(title="Short lived")
    NewsPage.objects.filter(pk=story.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    assert client.get(f"/en/politics/{story.slug}/").status_code == 404


def test_a_story_in_a_restricted_section_asks_for_the_password(client):
    story = make_story(title="Members only", parent=section("en", "sport"))
    PageViewRestriction.objects.create(
        page=section("en", "sport"), restriction_type="password", password="x"
    )
    response = client.get(story.url)
    assert response.status_code == 200
    assert b"Members only" not in response.content
    assert b'name="password"' in response.content


def test_the_password_form_still_unlocks_a_restricted_story(client):
    story = make_story(title="Behind a password", body_text="The words behind it.")
    restriction = PageViewRestriction.objects.create(
        page=story, restriction_type="password", password="x"
    )
    unlock = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, story.pk])
    assert client.post(unlock, {"password": "x", "return_url": story.url}).status_code == 302
    assert b"The words behind it." in client.get(story.url).content


def test_an_unknown_address_is_not_found(client):
    assert client.get("/en/politics/no-such-story/").status_code == 404
    assert client.get("/en/no-such-section/no-such-story/").status_code == 404


def test_a_story_in_another_language_tree_is_not_reached_through_this_one(client):
    story = make_story(parent=section("az"), title="Yalnız Azərbaycanca")
    assert client.get(f"/en/politics/{story.slug}/").status_code == 404


def test_a_moved_story_answers_at_its_new_address_and_the_old_one_redirects(client):
    story = make_story(title="Moved along")
    old = story.url
    story.move(section("en", "sport"), pos="last-child")
    story.refresh_from_db()
    assert client.get(story.url).status_code == 200
    moved = client.get(old)
    assert moved.status_code == 301 and moved["Location"].endswith(story.url)


def test_the_language_switcher_leaves_out_a_restricted_translation(client):
    story = make_story(title="Shared story")
    translation = story.copy_for_translation(section("ru").locale)
    translation.save_revision().publish()
    translation.refresh_from_db()
    address = translation.full_url
    assert address in [a["href"] for a in _switcher(client, story.url)]
    PageViewRestriction.objects.create(page=translation, restriction_type="password", password="x")
    assert address not in [a["href"] for a in _switcher(client, story.url)]


def _switcher(client, url):
    page = BeautifulSoup(client.get(url).content, "lxml")
    return page.select("link[rel=alternate][hreflang]")
