"""Editing a topic (its name, address, type or other names) or deleting it purges
the pages that show it: its own page and feeds, the topic index, and the stories
tagged with it, with their language's feeds; nothing else."""

import pytest

from newsline.news.models import RelatedStory, Topic

from ..factories import make_story, section
from .conftest import hit

pytestmark = pytest.mark.usefixtures("page_cache")


def test_renaming_a_topic_reaches_its_stories_its_page_and_the_feeds(client):
    story = make_story(topics=["harbour-works"])
    elsewhere = make_story(parent=section("en", "sport"))
    RelatedStory.objects.filter(story=elsewhere).delete()
    topic = Topic.objects.get(slug="harbour-works")
    urls = [story.url, "/en/topics/harbour-works/", "/en/feeds/rss/", "/en/topics/", elsewhere.url]
    for url in urls:
        client.get(url)
        assert hit(client, url), url
    topic.name = "Harbour renewal"
    topic.save()
    for url in urls[:4]:
        assert "Harbour renewal" in client.get(url).content.decode(), url
    assert hit(client, elsewhere.url)


def test_deleting_a_topic_takes_it_off_its_stories(client):
    story = make_story(topics=["short-lived"])
    client.get(story.url)
    assert hit(client, story.url)
    Topic.objects.get(slug="short-lived").delete()
    assert "/en/topics/short-lived/" not in client.get(story.url).content.decode()
