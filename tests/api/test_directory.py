"""The sections, people and topics endpoints, in more than one language."""

from urllib.parse import quote

import pytest

from newsline.news.models import InterviewPage

from ..factories import PersonFactory, locale, make_story, section
from .helpers import fetch, ids


@pytest.mark.parametrize("code", ["az", "ru"])
def test_sections_are_listed_per_language_in_tree_order(client, code):
    listing = fetch(client, f"/api/v2/sections/?language={code}")
    politics, sport = section(code, "politics"), section(code, "sport")
    assert ids(listing) == [politics.pk, sport.pk]
    item = listing["items"][0]
    assert (item["title"], item["language"], item["meta"]["slug"]) == (
        politics.title,
        code,
        "politics",
    )
    assert item["meta"]["html_url"] == f"http://localhost/{code}/politics/"
    detail = fetch(client, f"/api/v2/sections/{sport.pk}/")
    assert (detail["title"], detail["intro"]) == (sport.title, sport.intro)


def test_all_sections_without_a_language_filter(client):
    assert fetch(client, "/api/v2/sections/")["meta"]["total_count"] == 6


def test_section_is_found_by_its_address(client):
    sport = section("ru", "sport")
    response = client.get(f"/api/v2/sections/find/?html_path={quote(sport.url)}")
    assert response.status_code == 302
    assert response["Location"].startswith(f"http://localhost/api/v2/sections/{sport.pk}/")


@pytest.mark.parametrize("code", ["en", "az"])
def test_people_listing_and_detail_in_a_language(client, code):
    writer = PersonFactory(locale=locale(code), name="Aida Writer")
    PersonFactory(locale=locale("ru"))
    listing = fetch(client, f"/api/v2/people/?language={code}")
    assert ids(listing) == [writer.pk]
    item = listing["items"][0]
    assert {key: item[key] for key in ("name", "slug", "position", "organisation")} == {
        "name": "Aida Writer",
        "slug": writer.slug,
        "position": writer.position,
        "organisation": writer.organisation,
    }
    assert (item["is_journalist"], item["language"]) == (True, code)
    assert item["meta"]["html_url"] == f"http://localhost/{code}/people/{writer.slug}/"
    assert fetch(client, f"/api/v2/people/{writer.pk}/")["name"] == "Aida Writer"


def test_people_filter_on_journalists(client):
    writer = PersonFactory()
    guest = make_story(InterviewPage).interviewee
    assert ids(fetch(client, "/api/v2/people/?is_journalist=true")) == [writer.pk]
    assert ids(fetch(client, "/api/v2/people/?is_journalist=false")) == [guest.pk]
    assert "is_journalist" in fetch(client, "/api/v2/people/?is_journalist=maybe", 400)["message"]


@pytest.mark.parametrize("code", ["en", "ru"])
def test_topics_count_published_stories_of_the_language(client, code):
    make_story(parent=section(code), topics=["water", "energy"])
    make_story(parent=section(code, "sport"), topics=["water"])
    make_story(parent=section("az"), topics=["water", "azeri-only"])
    listing = fetch(client, f"/api/v2/topics/?language={code}")
    counts = {item["slug"]: item["story_count"] for item in listing["items"]}
    assert counts == {"energy": 1, "water": 2}
    everywhere = fetch(client, "/api/v2/topics/")
    counts = {item["slug"]: item["story_count"] for item in everywhere["items"]}
    assert counts == {"azeri-only": 1, "energy": 1, "water": 3}
    water = next(item for item in listing["items"] if item["slug"] == "water")
    assert fetch(client, f"/api/v2/topics/{water['id']}/")["name"] == "water"
    assert fetch(client, f"/api/v2/topics/?language={code}&fields=-story_count")["items"]


@pytest.mark.parametrize("endpoint", ["sections", "people", "topics"])
def test_bad_language_is_a_400_naming_it(client, endpoint):
    assert "language" in fetch(client, f"/api/v2/{endpoint}/?language=de", 400)["message"]
    assert "colour" in fetch(client, f"/api/v2/{endpoint}/?colour=red", 400)["message"]
