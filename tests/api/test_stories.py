"""The stories endpoint: listing, detail, find and every filter, through HTTP."""

from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsline.news.models import InterviewPage, OpinionPage, VideoPage

from ..factories import ALL_KINDS, ImageFactory, PersonFactory, locale, make_story, section
from .helpers import fetch, has_offset, ids

STORIES = "/api/v2/stories/"


@pytest.mark.parametrize("code", ["en", "az"])
def test_listing_gives_partner_fields_newest_first(client, code):
    author = PersonFactory(locale=locale(code))
    older = make_story(parent=section(code), topics=["water"])
    newer = make_story(
        OpinionPage, parent=section(code), authors=[author], topics=["water"], image=ImageFactory()
    )
    make_story(parent=section("ru"))  # another language, filtered out
    listing = fetch(client, f"{STORIES}?language={code}")
    assert ids(listing) == [newer.pk, older.pk]
    assert listing["meta"]["total_count"] == 2
    item = listing["items"][0]
    assert item["title"] == newer.title and item["lead"] == newer.lead
    assert (item["kind"], item["language"]) == ("opinion", code)
    assert item["label"]  # "Opinion", in the story's language
    assert item["section"] == {
        "id": section(code).pk,
        "title": section(code).title,
        "slug": "politics",
    }
    assert item["authors"] == [
        {
            "id": author.pk,
            "name": author.name,
            "url": f"http://localhost/{code}/people/{author.slug}/",
        }
    ]
    assert item["topics"] == [
        {"name": "water", "slug": "water", "url": f"http://localhost/{code}/topics/water/"}
    ]
    image = item["main_image"]
    assert image["url"].startswith("http://localhost/media/") and image["width"] <= 1200
    assert (image["caption"], image["credit"]) == ("A test picture", "Test desk")
    assert item["meta"]["html_url"] == f"http://localhost{newer.url}"
    assert item["meta"]["detail_url"] == f"http://localhost{STORIES}{newer.pk}/"
    assert has_offset(item["published_at"]) and has_offset(item["last_published_at"])
    assert "body" not in item and "translations" not in item
    assert listing["items"][1]["main_image"] is None


def test_every_kind_is_listed_with_its_kind(client):
    stories = {kind.kind: make_story(kind) for kind in ALL_KINDS}
    listing = fetch(client, f"{STORIES}?language=en")
    assert {item["id"]: item["kind"] for item in listing["items"]} == {
        story.pk: kind for kind, story in stories.items()
    }


def test_detail_has_the_body_and_only_published_translations(client):
    story = make_story(InterviewPage, parent=section("az"), body_text="Mətnin sözləri")
    russian = story.copy_for_translation(locale("ru"))
    russian.save_revision().publish()
    story.copy_for_translation(locale("en"))  # a draft, never published
    detail = fetch(client, f"{STORIES}{story.pk}/")
    assert "Mətnin sözləri" in detail["body"]
    assert story.interviewee.name in detail["body"]
    assert detail["translations"] == {
        "ru": {
            "id": russian.pk,
            "detail_url": f"http://localhost{STORIES}{russian.pk}/",
            "html_url": f"http://localhost{russian.url}",
        }
    }
    assert set(fetch(client, f"{STORIES}{russian.pk}/")["translations"]) == {"az"}


def test_body_addresses_are_absolute(client):
    story = make_story(VideoPage, parent=section("ru"))
    body = fetch(client, f"{STORIES}{story.pk}/")["body"]
    assert 'href="https://www.youtube.com/watch?v=abcdefghijk"' in body
    assert 'src="/' not in body and 'href="/' not in body


@pytest.mark.parametrize("code", ["en", "ru"])
def test_find_by_id_and_by_address_redirect_to_the_detail(client, code):
    story = make_story(parent=section(code, "sport"))
    for query in [f"id={story.pk}", f"html_path={quote(story.url)}"]:
        response = client.get(f"{STORIES}find/?{query}")
        assert response.status_code == 302, query
        assert response["Location"].startswith(f"http://localhost{STORIES}{story.pk}/")


def test_language_filter_also_answers_to_wagtails_locale(client):
    english, russian = make_story(), make_story(parent=section("ru"))
    assert ids(fetch(client, f"{STORIES}?language=ru")) == [russian.pk]
    assert ids(fetch(client, f"{STORIES}?locale=en")) == [english.pk]
    assert set(ids(fetch(client, STORIES))) == {english.pk, russian.pk}


def test_section_filter_takes_a_slug_in_any_language(client):
    politics = make_story(parent=section("en", "politics"))
    sport_en = make_story(parent=section("en", "sport"))
    sport_ru = make_story(parent=section("ru", "sport"))
    assert ids(fetch(client, f"{STORIES}?section=sport")) == [sport_ru.pk, sport_en.pk]
    assert ids(fetch(client, f"{STORIES}?section=sport&language=en")) == [sport_en.pk]
    assert ids(fetch(client, f"{STORIES}?section=politics")) == [politics.pk]


def test_topic_filter(client):
    water = make_story(topics=["water", "energy"])
    make_story(topics=["energy"])
    assert ids(fetch(client, f"{STORIES}?topic=water")) == [water.pk]
    assert ids(fetch(client, f"{STORIES}?topic=nobody-used-this")) == []


def test_kind_filter(client):
    opinion = make_story(OpinionPage)
    make_story()
    assert ids(fetch(client, f"{STORIES}?kind=opinion")) == [opinion.pk]


def test_published_since_reads_offsets_dates_and_outlet_local_times(client):
    moment = datetime(2025, 5, 27, 10, 0, tzinfo=UTC)  # 14:00 in Baku
    before = make_story(published_at=moment - timedelta(minutes=1))
    after = make_story(published_at=moment)
    for since in ["2025-05-27T10:00:00Z", "2025-05-27T14:00:00+04:00", "2025-05-27T14:00:00"]:
        assert ids(fetch(client, f"{STORIES}?published_since={quote(since)}")) == [after.pk], since
    assert ids(fetch(client, f"{STORIES}?published_since=2025-05-27")) == [after.pk, before.pk]


def test_order_parameter_is_honoured(client):
    first, second = make_story(title="Beta"), make_story(title="Alpha")
    assert ids(fetch(client, f"{STORIES}?order=title")) == [second.pk, first.pk]
    assert ids(fetch(client, f"{STORIES}?order=published_at")) == [first.pk, second.pk]


BAD_VALUES = [
    ("language=xx", "language"),
    ("locale=xx", "locale"),
    ("language=%00", "language"),
    ("published_since=yesterday", "published_since"),
    ("published_since=2025-13-01T00:00:00", "published_since"),
    ("published_since=2025-05-27T14:00:00 04:00", "published_since"),  # an unescaped '+'
    ("published_since=9999-12-31T23:59:59-12:00", "published_since"),
    ("section=nowhere", "section"),
    ("section=a%00b", "section"),
    ("topic=not a slug", "topic"),
    ("kind=podcast", "kind"),
    ("order=no_such_field", "order"),
    ("order=authors", "order"),
    ("order=--title", "order"),
    ("limit=many", "limit"),
    ("offset=-1", "offset"),
    (f"offset={2**63}", "offset"),  # overflowed the query: a 500
    (f"offset={2**31}", "offset"),
    ("offset=" + "9" * 5000, "offset"),  # past Python's int() digit limit
    ("offset=10001", "offset"),  # deeper reads every row above it: by time instead
    ("limit=-1", "limit"),
    ("limit=21", "limit"),
    ("fields=no_such_field", "fields"),
    ("search=water", "search"),
    ("child_of=3", "child_of"),
]


@pytest.mark.parametrize(("query", "parameter"), BAD_VALUES, ids=[q for q, _ in BAD_VALUES])
def test_bad_parameter_is_a_400_naming_it(client, query, parameter):
    make_story()
    body = fetch(client, f"{STORIES}?{query}", status=400)
    assert parameter in body["message"]


def test_the_deepest_offset_answers_and_the_bound_names_the_way_further(client):
    make_story()
    assert fetch(client, f"{STORIES}?offset=10000")["items"] == []
    message = fetch(client, f"{STORIES}?offset=10001", status=400)["message"]
    assert message.startswith("offset must be at most 10000") and "published_since" in message


def test_older_stories_are_reached_by_time_past_any_offset(client):
    stories = [make_story(title=f"Day {day}") for day in range(3)]  # a minute apart
    oldest_first = fetch(client, f"{STORIES}?order=published_at&limit=2")
    assert ids(oldest_first) == [stories[0].pk, stories[1].pk]
    since = quote(oldest_first["items"][-1]["published_at"])
    after = fetch(client, f"{STORIES}?order=published_at&published_since={since}&limit=2")
    assert ids(after) == [stories[1].pk, stories[2].pk]  # from the last one seen


def test_total_count_counts_up_to_its_cap_and_says_when_it_stopped(client, monkeypatch):
    from newsline.api import pagination

    monkeypatch.setattr(pagination, "COUNTED_AT_MOST", 2)
    make_story(), make_story()
    assert fetch(client, STORIES)["meta"] == {"total_count": 2, "total_count_capped": False}
    make_story()
    listing = fetch(client, f"{STORIES}?limit=1&offset=2")
    assert listing["meta"] == {"total_count": 2, "total_count_capped": True}
    assert len(listing["items"]) == 1  # paging goes on past the count


def test_api_is_read_only(client):
    response = client.post(STORIES)
    assert response.status_code == 405 and "message" in response.json()


@pytest.mark.parametrize("pk", ["999999", "9" * 30])
def test_unknown_story_is_a_json_404(client, pk):
    assert "message" in fetch(client, f"{STORIES}{pk}/", status=404)
    assert "message" in fetch(client, f"{STORIES}find/?id={pk}", status=404)
    assert "message" in fetch(client, f"/api/ninjs/{pk}/", status=404)


@pytest.mark.parametrize("endpoint", ["stories", "sections", "people", "topics"])
def test_find_with_a_malformed_id_is_a_400(client, endpoint):
    assert "id" in fetch(client, f"/api/v2/{endpoint}/find/?id=1.5", status=400)["message"]


def test_no_cookie_even_for_a_browser_with_a_session(client, editor):
    story = make_story()
    client.force_login(editor)
    html_first = "text/html,application/xhtml+xml,*/*;q=0.8"
    for url in [STORIES, f"{STORIES}{story.pk}/", f"/api/ninjs/{story.pk}/", "/api/ninjs/"]:
        response = client.get(url, HTTP_ACCEPT=html_first)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/json"), url
        assert not response.cookies, url


def _listing_queries(client) -> int:
    client.get(STORIES)  # warm: renditions made, site root paths cached
    with CaptureQueriesContext(connection) as captured:
        fetch(client, STORIES)
    return len(captured)


def test_listing_costs_the_same_queries_for_3_or_20_stories(client):
    people = [PersonFactory() for _ in range(2)]

    def add(n):
        for number in range(n):
            make_story(
                InterviewPage if number % 2 else OpinionPage,
                parent=section("en", "sport" if number % 2 else "politics"),
                authors=people[: number % 3],
                topics=["a", "b"][: number % 3],
                image=ImageFactory() if number % 3 == 0 else None,
                published_at=timezone.now() - timedelta(hours=2, minutes=number),
            )

    add(3)
    few = _listing_queries(client)
    add(17)
    assert _listing_queries(client) == few


def test_the_count_reads_the_listing_in_its_own_order(client):
    # Unordered, PostgreSQL counted a date filter's slice from the oldest id up:
    # every story of a million (0.5 s); in the listing's order it reads its index.
    make_story()
    with CaptureQueriesContext(connection) as captured:
        fetch(client, f"{STORIES}?published_since=2020-01-01&order=title")
    counts = [q["sql"] for q in captured if q["sql"].startswith("SELECT COUNT(*)")]
    assert len(counts) == 1
    assert "ORDER BY" in counts[0] and "title" in counts[0].split("ORDER BY")[-1]


def test_every_column_a_listing_may_be_ordered_by_has_an_index():
    from newsline.api.endpoints import StoriesEndpoint

    with connection.cursor() as cursor:
        page = connection.introspection.get_constraints(cursor, "wagtailcore_page")
        article = connection.introspection.get_constraints(cursor, "news_articlepage")
    indexed = {
        constraint["columns"][0]
        for table in (page, article)
        for constraint in table.values()
        if constraint["index"] and constraint["columns"]
    }
    ordered = {"pk" if name == "id" else name for name in StoriesEndpoint.order_fields}
    assert ordered - {"pk"} <= indexed
