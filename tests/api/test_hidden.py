"""Draft, scheduled, expired, private and restricted-section stories never reach a partner.

One table, as in tests/test_visibility.py: each state is a way of making a story
a reader must not see; each is checked on every API and ninjs surface, in two
languages, after a control shows the same surfaces do list the story while it
is published.
"""

from urllib.parse import quote

import pytest
from wagtail.models import PageViewRestriction

from newsline.news.models import InterviewPage, Topic

from ..factories import PersonFactory, locale, make_story, section
from ..states import HIDDEN, scheduled
from .helpers import fetch, ids

SECRET = "Zanzibarquokka"
TOPIC = "secret-topic"


STATES = HIDDEN


def _surfaces(client, story, code):
    """What each surface shows of the story: whether a listing has it, or a status."""
    listed = {
        "listing": "/api/v2/stories/",
        "language listing": f"/api/v2/stories/?language={code}",
        "section listing": f"/api/v2/stories/?section=sport&language={code}",
        "topic listing": f"/api/v2/stories/?topic={TOPIC}",
        "translation's detail": f"/api/v2/stories/{story.translation.pk}/",
        "ninjs feed": "/api/ninjs/",
        "ninjs language feed": f"/api/ninjs/?language={code}",
    }
    shown = {name: _mentions(client, url, story) for name, url in listed.items()}
    statuses = {
        "detail": f"/api/v2/stories/{story.pk}/",
        "find by id": f"/api/v2/stories/find/?id={story.pk}",
        "find by address": f"/api/v2/stories/find/?html_path={quote(story.url)}",
        "ninjs": f"/api/ninjs/{story.pk}/",
    }
    shown.update({name: client.get(url).status_code for name, url in statuses.items()})
    topics = fetch(client, f"/api/v2/topics/?language={code}")["items"]
    shown["topics"] = TOPIC in [topic["slug"] for topic in topics]
    topic = Topic.objects.get(slug=TOPIC).pk
    shown["topic"] = client.get(f"/api/v2/topics/{topic}/?language={code}").status_code
    shown["find topic"] = client.get(f"/api/v2/topics/find/?id={topic}&language={code}").status_code
    return shown


def _mentions(client, url, story) -> bool:
    response = client.get(url)
    if response.status_code == 400:  # a hidden section is no longer a valid filter value
        return False
    body = response.content.decode()
    assert response.status_code == 200, (url, response.status_code)
    assert not response.cookies
    return SECRET in body or f'"id": {story.pk},' in body or f':story/{story.pk}"' in body


def _story(code):
    story = make_story(
        parent=section(code, "sport"),
        title=f"Secret {SECRET} story",
        authors=[PersonFactory(locale=locale(code))],
        topics=[TOPIC],
    )
    make_story(parent=section(code, "politics"))  # keeps every list non-empty
    translation = story.copy_for_translation(locale("az"))
    translation.title = translation.lead = "Azərbaycanca başlıq"
    translation.save_revision().publish()
    story.translation = translation
    return story


SHOWN = {
    "detail": 200,
    "find by id": 302,
    "find by address": 302,
    "ninjs": 200,
    "topic": 200,
    "find topic": 302,
}
GONE = dict.fromkeys(SHOWN, 404)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("code", ["en", "ru"])
def test_hidden_story_is_absent_from_every_api_surface(client, state, code):
    story = _story(code)
    visible = _surfaces(client, story, code)
    assert visible == {name: SHOWN.get(name, True) for name in visible}
    STATES[state](story)
    hidden = _surfaces(client, story, code)
    assert hidden == {name: GONE.get(name, False) for name in hidden}


def test_unpublished_edit_of_a_live_story_is_not_shown(client):
    story = make_story(title="Public headline")
    story.title = f"Changed {SECRET}"
    story.save_revision()
    for url in [
        "/api/v2/stories/",
        f"/api/v2/stories/{story.pk}/",
        f"/api/ninjs/{story.pk}/",
        "/api/ninjs/",
    ]:
        body = client.get(url).content.decode()
        assert "Public headline" in body and SECRET not in body, url


def test_restricted_section_is_absent_from_sections(client):
    sport = section("en", "sport")
    PageViewRestriction.objects.create(page=sport, restriction_type="password", password="x")
    assert sport.pk not in ids(fetch(client, "/api/v2/sections/"))
    assert fetch(client, f"/api/v2/sections/{sport.pk}/", status=404)


def test_interviewee_of_a_scheduled_interview_is_not_named(client):
    interview = make_story(InterviewPage)
    guest = interview.interviewee
    assert guest.pk in ids(fetch(client, "/api/v2/people/"))
    scheduled(interview)
    assert guest.pk not in ids(fetch(client, "/api/v2/people/"))
    assert fetch(client, f"/api/v2/people/{guest.pk}/", status=404)
