"""The article and home pages keep to a fixed number of SQL queries.

Budgets are measured on warm renditions (the second view), so they count what
every reader's request costs, not the one-off image resizing. A page's own render
is counted: the News line and the banner are fragments with their own cache
entries (core/fragments.py), put in from the cache as a reader's page is.
"""

import json

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsline.core import surrogate
from newsline.news.models import InterviewPage, NewsPage, OpinionPage, VideoPage
from newsline.publishing import store

from .factories import ImageFactory, PersonFactory, make_story, section

ARTICLE_BUDGET = 12
# A story's page rendered anew while its article, description and links to other
# stories stay filed (news/filed.py): after a purge of its masthead (its section
# links read again, news/masthead.py), or of a story it links to (its links found
# again, nothing of the frame read again). No page asks for view restrictions
# while the outlet has none (any_view_restriction).
FILED_ARTICLE_BUDGET = 3
LINKED_ARTICLE_BUDGET = 4
HOME_BUDGET = 10


def queries_for(client, url):
    client.get(url)  # warm: renditions created, site root paths cached
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def page_queries(client, settings, url, key):
    """A page rendered anew (its key purged) while the News line and the banner
    stay cached, as after a reader's page was purged."""
    settings.NEWSLINE_PAGE_CACHE = True
    client.get(url)  # renditions made; the page and its fragments stored
    store.purge({key})
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200 and response["X-Cache"] == "MISS"
    return len(captured)


def _fill(n=45):
    people = [PersonFactory() for _ in range(3)]
    for number in range(n):
        parent = section("en", "sport" if number % 2 else "politics")
        image = ImageFactory() if number % 3 == 0 else None
        make_story(parent=parent, image=image, authors=people[: number % 3], topics=["t"])


@pytest.mark.parametrize(
    ("purged", "budget"),
    [
        # Its own key: the page and its filed parts made anew, as after an edit.
        ("story", ARTICLE_BUDGET),
        # The masthead's key: every page of the language anew, its parts stay filed.
        ("masthead", FILED_ARTICLE_BUDGET),
        # A story it links to (its older neighbour): its parts and the masthead filed.
        ("linked", LINKED_ARTICLE_BUDGET),
    ],
)
def test_article_page_stays_within_its_query_budget(client, settings, purged, budget):
    _fill()
    story = make_story(
        InterviewPage,
        image=ImageFactory(),
        authors=[PersonFactory(), PersonFactory()],
        topics=["t", "u"],
    )
    older = NewsPage.objects.live().filter(path__startswith=story.path[:-4]).exclude(pk=story.pk)
    keys = {
        "story": surrogate.story(story.translation_key),
        "masthead": surrogate.site("en"),
        "linked": surrogate.story(older.order_by("-published_at").first().translation_key),
    }
    key = keys[purged]
    count = page_queries(client, settings, story.url, key)
    print(f"article page, {purged} purged: {count} queries")  # noqa: T201 - in the closing note
    assert count <= budget


def _story_with_pictures(count):
    blocks = [{"type": "paragraph", "value": "<p>Words.</p>"}]
    for number in range(count):
        picture = {"image": ImageFactory().pk, "caption": f"Photo {number}"}
        blocks.append({"type": "image", "value": picture})
    return make_story(image=ImageFactory(), body=json.dumps(blocks))


def test_pictures_in_a_story_cost_its_page_no_query_each(client, settings):
    """The main picture's renditions, those of each picture in the body and the
    related cards' are read together: a story's page is no dearer with more
    pictures, and reads no rendition from the cache one picture at a time. Its
    parts are not kept, so each view renders its article (news/filed.py)."""
    settings.NEWSLINE_PAGE_CACHE = False
    settings.NEWSLINE_PAGE_PARTS_SECONDS = 0
    few, many = _story_with_pictures(1), _story_with_pictures(4)
    counts = [queries_for(client, story.url) for story in (few, many)]
    assert counts[0] == counts[1] <= ARTICLE_BUDGET
    assert client.get(many.url).content.count(b"Photo ") >= 4


def test_home_page_stays_within_its_query_budget(client, settings):
    _fill()
    home = section("en").get_parent().specific
    home.top_story = make_story(image=ImageFactory())
    home.save_revision().publish()
    count = page_queries(client, settings, "/en/", surrogate.home("en"))
    print(f"home page: {count} queries")  # noqa: T201
    assert count <= HOME_BUDGET


def test_news_line_cost_does_not_grow_with_its_length(client, settings):
    _fill(12)
    settings.NEWSLINE_NEWS_LINE_SIZE = 5
    short = queries_for(client, "/en/archive/")
    settings.NEWSLINE_NEWS_LINE_SIZE = 40
    _fill(30)
    assert queries_for(client, "/en/archive/") == short


def _mixed_stories(count):
    kinds = [NewsPage, InterviewPage, OpinionPage, VideoPage]
    for number in range(count):
        make_story(kinds[number % 4], image=ImageFactory(), authors=[PersonFactory()], topics=["t"])


def test_feed_costs_the_same_for_few_and_many_stories(client):
    # Pictures inside a story's body cost a query per story (Wagtail loads a
    # StreamField's images per field); everything else is loaded per list.
    _mixed_stories(4)
    few = _cold_feed_queries(client)
    _mixed_stories(12)
    many = _cold_feed_queries(client)
    assert many == few, f"{few} queries for 4 stories, {many} for 16"


def _cold_feed_queries(client):
    """A feed whose stories' entries are all rendered anew (feeds/entries.py)."""
    client.get("/en/feeds/rss/")  # warm: renditions created
    caches["default"].clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/en/feeds/rss/").status_code == 200
    return len(captured)
