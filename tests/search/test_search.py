from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsline.news.models import InterviewPage, search_language_token
from newsline.search.queries import _is_broad, highlight, search_stories

from ..factories import locale, make_story, section


def results(client, url):
    response = client.get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "lxml")
    return page, [a["href"] for a in page.select(".search-results h2 a")]


@pytest.mark.parametrize(
    ("code", "word", "body"),
    [
        ("az", "çinarlıq", "Bu gün çinarlıq parkında yeni skamyalar quraşdırılıb."),
        ("en", "lighthouse", "The old lighthouse reopened to visitors today."),
        ("ru", "маяк", "Старый маяк сегодня снова открылся для посетителей."),
    ],
)
def test_search_finds_a_story_by_a_word_of_its_body_in_each_language(client, code, word, body):
    story = make_story(parent=section(code), body_text=body)
    other_language = make_story(parent=section("en" if code != "en" else "az"), body_text=body)
    page, found = results(client, f"/{code}/search/?q={word}")
    assert story.url in found
    assert other_language.url not in found


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="text search configurations are PostgreSQL's; run with DATABASE_URL set",
)


@postgresql_only
@pytest.mark.parametrize(
    ("code", "query", "body"),
    [
        ("en", "elections", "The election was held on Sunday."),
        ("ru", "новости", "Редакция следит за новостями региона."),
        ("az", "seçkilər", "Bakıda seçkilər keçirildi."),
    ],
)
def test_search_matches_other_forms_of_a_word_where_its_language_has_a_stemmer(
    client, code, query, body
):
    story = make_story(parent=section(code), body_text=body)
    _, found = results(client, f"/{code}/search/?q={query}")
    assert found == [story.url]


def test_relevance_ranks_recent_stories_when_they_fill_the_results(settings):
    settings.NEWSLINE_SEARCH_BROAD, settings.NEWSLINE_SEARCH_RECENT = 0, 2
    long_ago = timezone.now() - timedelta(days=400)
    make_story(title="Pelican census", body_text="A pelican count.", published_at=long_ago)
    older = make_story(body_text="A pelican was seen.")
    newer = make_story(body_text="Another pelican was seen.")
    found = search_stories(locale("en"), "pelican", limit=2).items
    assert sorted(story.pk for story in found) == sorted([older.pk, newer.pk])


def test_relevance_ranks_every_match_when_recent_ones_are_too_few(settings):
    settings.NEWSLINE_SEARCH_BROAD, settings.NEWSLINE_SEARCH_RECENT = 0, 2
    long_ago = timezone.now() - timedelta(days=400)
    census = make_story(title="Pelican census", body_text="Birds counted.", published_at=long_ago)
    mention = make_story(body_text="A pelican was seen.")
    make_story(body_text="Nothing about birds.")
    found = search_stories(locale("en"), "pelican", limit=2).items
    assert [story.pk for story in found] == [census.pk, mention.pk]


def test_relevance_puts_a_headline_match_above_newer_mentions(client):
    long_ago = timezone.now() - timedelta(days=400)
    headline = make_story(title="Pelican census", body_text="Birds counted.", published_at=long_ago)
    mention = make_story(body_text="A pelican was seen near the pier.")
    _, found = results(client, "/en/search/?q=pelican")
    assert found == [headline.url, mention.url]


def test_search_finds_interview_answers(client):
    story = make_story(InterviewPage, parent=section("en"), title="Talk")
    _, found = results(client, "/en/search/?q=Question")
    assert story.url in found


def test_search_highlights_the_query_in_results(client):
    make_story(title="Harbour cranes return", body_text="Cranes are back.")
    page, _ = results(client, "/en/search/?q=cranes")
    assert page.select_one(".search-results mark").get_text().lower() == "cranes"


def test_search_can_order_newest_first(client):
    older = make_story(body_text="A pelican was seen.")
    newer = make_story(body_text="Another pelican was seen.")
    _, found = results(client, "/en/search/?q=pelican&order=newest")
    assert found.index(newer.url) < found.index(older.url)


@pytest.mark.parametrize(
    "query",
    ["", "   ", "%22%27%3C%3E", "a" * 5000, "(((", "%00", "*" * 50, "OR AND NOT", "\u202e"],
)
def test_empty_or_absurd_queries_give_a_friendly_page(client, query):
    page, found = results(client, f"/en/search/?q={query}")
    assert found == []
    assert page.select_one("p.empty")


def test_search_escapes_what_the_reader_typed(client):
    response = client.get("/en/search/?q=<script>alert(1)</script>")
    assert b"<script>alert" not in response.content


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("Tom & Jerry", "amp", "Tom &amp; Jerry"),
        ("Cranes <b>return</b>", "cranes", "<mark>Cranes</mark> &lt;b&gt;return&lt;/b&gt;"),
        ("Маяк и маяки", "маяк", "<mark>Маяк</mark> и <mark>маяк</mark>и"),
        ("nothing here", "", "nothing here"),
    ],
)
def test_highlight_marks_words_and_escapes_everything_else(text, query, expected):
    assert highlight(text, query) == expected


@postgresql_only
def test_a_word_common_in_another_language_is_looked_up_in_this_one_only(settings):
    # Broad across the index (every Azerbaijani story has it), absent in English:
    # the index is asked for English matches, not every match then filtered.
    settings.NEWSLINE_SEARCH_BROAD = 2
    az_stories = [
        make_story(parent=section("az"), body_text="Yaşılçay yarmarkası") for _ in range(3)
    ]
    english = make_story(body_text="A fair in Yashilchay.")

    assert _is_broad("yarmarkası", search_language_token("az"))
    assert not _is_broad("yarmarkası", search_language_token("en"))
    assert search_stories(locale("en"), "yarmarkası").items == []
    found = search_stories(locale("az"), "yarmarkası").items
    assert sorted(s.pk for s in found) == sorted(s.pk for s in az_stories)
    assert english.pk not in [s.pk for s in search_stories(locale("az"), "fair").items]


def test_the_language_word_in_the_index_is_not_a_reader_query(client):
    make_story(body_text="A quiet day at the harbour.")

    _, found = results(client, "/en/search/?q=inlangen")

    assert found == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
@pytest.mark.parametrize("order", ["relevance", "newest"])
def test_search_asks_postgresql_for_plans_without_parallel_workers(order):
    # Starting workers costs more than the bounded reads save (docs/scale.md).
    make_story(body_text="A pelican was seen.")
    with CaptureQueriesContext(connection) as captured:
        found = search_stories(locale("en"), "pelican", order=order).items
    statements = [query["sql"] for query in captured.captured_queries]
    setting = statements.index("SET LOCAL max_parallel_workers_per_gather = 0")
    searches = [n for n, sql in enumerate(statements) if "wagtailsearch_indexentry" in sql]
    assert len(found) == 1 and searches and min(searches) > setting


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_ranking_among_recent_stories_starts_from_them_not_from_the_words_index(settings):
    # The GIN index would read every match of the word first (docs/scale.md).
    settings.NEWSLINE_SEARCH_BROAD, settings.NEWSLINE_SEARCH_RECENT = 0, 2
    make_story(body_text="A pelican was seen.")
    make_story(body_text="Another pelican was seen.")
    with CaptureQueriesContext(connection) as captured:
        found = search_stories(locale("en"), "pelican", limit=2).items
    statements = [query["sql"] for query in captured.captured_queries]
    off = statements.index("SET LOCAL enable_bitmapscan = off")
    assert len(found) == 2 and "wagtailsearch_indexentry" in statements[off + 1]
    assert statements[off + 2] == "SET LOCAL enable_bitmapscan TO DEFAULT"
