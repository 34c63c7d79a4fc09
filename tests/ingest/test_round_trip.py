"""Newsline's own RSS feed and ninjs export, read back by its own ingest (as a
second outlet would read them), give the same headlines, times, kinds and bylines."""

import pytest

from newsline.ingest.models import WireStory
from newsline.ingest.services import Target, ingest_document
from newsline.news.models import ArticlePage, OpinionPage, VideoPage

from ..factories import PersonFactory, make_story, section

SOURCES = {"rss": "/en/feeds/rss/", "ninjs": "/api/ninjs/?language=en"}


@pytest.fixture
def originals():
    leyla = PersonFactory(name="Leyla Mammadova", locale=section("en").locale)
    orkhan = PersonFactory(name="Orkhan Aliyev", locale=section("en").locale)
    return [
        make_story(title="Harbour reopens after the storm", authors=[leyla]),
        make_story(OpinionPage, title="Why the harbour matters", authors=[orkhan]),
        make_story(VideoPage, title="The harbour from the air", authors=[leyla, orkhan]),
    ]


def _facts(story):
    story = story.specific
    names = [byline.person.name for byline in story.authors.all()]
    return story.title, story.published_at.replace(microsecond=0), story.kind, names


@pytest.mark.parametrize("form", sorted(SOURCES))
def test_our_own_output_reads_back_the_same(client, originals, form):
    document = client.get(SOURCES[form]).content
    second = Target(language="en", section=section("en", "sport"), source_key=f"ourselves-{form}")
    tally = ingest_document(target=second, data=document)
    assert tally.counts["rejected"] == 0, tally.rejections
    read_back = ArticlePage.objects.filter(
        pk__in=WireStory.objects.filter(source_key=second.source_key).values("story")
    )
    assert sorted(map(_facts, read_back)) == sorted(map(_facts, originals))
