"""Unpublished, draft, scheduled, expired and private stories stay off every public list.

One table: each surface is a function from a story to the HTML that would list it;
each state is a way of making a story that a reader must not see.
"""

import pytest
from wagtail.models import PageViewRestriction

from newsline.i18n import clock
from newsline.news.models import Correction, LivePage, LiveUpdate

from .factories import PersonFactory, make_story, section
from .states import HIDDEN, private

SECRET = "Zanzibarquokka"


def _draft_edit(story):
    # A published story's unpublished new headline must not leak either.
    story.title = f"Changed {SECRET}"
    story.save_revision()


STATES = {name: HIDDEN[name] for name in ("draft", "scheduled", "expired", "private")}


def _day_url(story):
    day = clock.outlet_day(story.published_at)
    return f"/en/archive/{day:%Y/%m/%d}/"


def _corrected(story, address):
    Correction.objects.create(story=story, text="A date was wrong.")
    return address


SURFACES = {
    "home": lambda s: "/en/",
    "news line": lambda s: "/en/sport/",
    "section": lambda s: "/en/politics/",
    "archive": lambda s: "/en/archive/",
    "archive day": _day_url,
    "topic": lambda s: "/en/topics/secret-topic/",
    "author": lambda s: s.authors.first().person.get_absolute_url(),
    "search": lambda s: f"/en/search/?q={SECRET}",
    "related": lambda s: make_story(topics=["secret-topic"]).url,
    # Fragments put into every page (core/fragments.py), at their own addresses.
    "news line fragment": lambda s: "/en/newsline/",
    "breaking banner": lambda s: "/en/breaking/",
    "breaking banner in a page": lambda s: "/en/search/?q=harbour",
    "corrections": lambda s: _corrected(s, "/en/corrections/"),
    "corrections feed": lambda s: _corrected(s, "/en/corrections/feeds/rss/"),
}


@pytest.mark.parametrize("cached", [False, True], ids=["rendered", "page cache"])
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("surface", SURFACES)
def test_hidden_story_is_absent_from_every_public_surface(client, settings, state, surface, cached):
    # With the page cache on, the control below stores the page; hiding the
    # story must purge it.
    settings.NEWSLINE_PAGE_CACHE = cached
    make_story(parent=section("en", "sport"))  # keeps the archive day and lists non-empty
    story = make_story(
        title=f"Secret {SECRET} story",
        authors=[PersonFactory()],
        topics=["secret-topic"],
        is_breaking=True,
    )
    home = section("en").get_parent().specific
    home.top_story = story
    home.save_revision().publish()
    url = SURFACES[surface](story)
    # Control: while published, the surface does list the story (and its lists'
    # cards are filed, news/cards.py: each state is checked against them).
    assert story.url in client.get(url).content.decode()
    # And its own page, whose article, description and language links are filed
    # (news/filed.py): each state is checked against them too.
    assert SECRET in client.get(story.url).content.decode()
    STATES[state](story)
    response = client.get(url)
    assert response.status_code in (200, 404)
    body = response.content.decode()
    assert story.url not in body
    if surface != "search":  # the search page echoes the reader's query
        assert SECRET not in body
    story_page = client.get(story.url)
    if state == "private":
        assert story.lead not in story_page.content.decode()
    else:
        assert story_page.status_code == 404


def test_unpublished_edit_of_a_live_story_is_not_shown(client):
    story = make_story(title="Public headline")
    _draft_edit(story)
    for url in ["/en/", "/en/archive/", story.url]:
        body = client.get(url).content.decode()
        assert SECRET not in body and "Public headline" in body


def test_private_story_asks_for_the_password(client):
    story = make_story()
    private(story)
    response = client.get(story.url)
    assert response.status_code == 200
    assert story.lead not in response.content.decode()


def test_stories_under_a_restricted_section_are_off_every_list(client):
    story = make_story(parent=section("en", "sport"), title=f"Members {SECRET}")
    shown = make_story(parent=section("en", "politics"))
    PageViewRestriction.objects.create(
        page=section("en", "sport"), restriction_type="password", password="x"
    )
    for url in ["/en/", "/en/archive/", "/en/politics/", f"/en/search/?q={SECRET}"]:
        body = client.get(url).content.decode()
        assert story.url not in body, url
    assert shown.url in client.get("/en/archive/").content.decode()


# Pages of people and topics that exist only because of a hidden story: a profile
# or topic page (or its feed) answering 200 would give the story away.
def _hidden_interview(state):
    from newsline.news.models import InterviewPage

    interviewee = PersonFactory(is_journalist=False, slug="secret-interviewee")
    story = make_story(
        InterviewPage,
        interviewee=interviewee,
        authors=[PersonFactory(is_journalist=False, slug="secret-writer")],
        topics=["secret-topic"],
    )
    HIDDEN[state](story)
    return story


ORPHAN_PAGES = [
    "/en/people/secret-interviewee/",
    "/en/people/secret-writer/",
    "/en/people/secret-writer/feeds/rss/",
    "/en/topics/secret-topic/",
    "/en/topics/secret-topic/feeds/rss/",
]


@pytest.mark.parametrize("state", HIDDEN)
def test_people_and_topics_known_only_from_hidden_stories_are_not_found(client, state):
    _hidden_interview(state)
    for url in ORPHAN_PAGES:
        assert client.get(url).status_code == 404, url
    listed = client.get("/api/v2/people/").json()["items"]
    assert not {"secret-interviewee", "secret-writer"} & {p["slug"] for p in listed}


def test_people_and_topics_of_a_published_story_have_pages(client):
    _hidden_interview("draft").save_revision().publish()
    for url in ORPHAN_PAGES:
        assert client.get(url).status_code == 200, url


def test_a_journalist_without_published_stories_keeps_a_profile(client):
    # Staff are public; only people met through unpublished copy are hidden.
    PersonFactory(is_journalist=True, slug="new-reporter")
    assert client.get("/en/people/new-reporter/").status_code == 200


@pytest.mark.parametrize("state", ["draft", "expired", "private"])
def test_a_hidden_section_is_absent_from_every_section_list(client, state):
    """One rule (``SectionQuerySet.visible``) for the masthead, section feeds, the
    sitemap and the API: a withdrawn, expired or restricted section is on none."""
    from datetime import timedelta

    from django.utils import timezone

    sport = section("en", "sport")
    make_story(parent=sport)
    if state == "draft":
        sport.unpublish()
    elif state == "expired":
        sport.expire_at = timezone.now() - timedelta(minutes=1)
        sport.save_revision().publish()
    else:
        PageViewRestriction.objects.create(page=sport, restriction_type="password", password="x")
    assert 'href="/en/sport/"' not in client.get("/en/politics/").content.decode()
    assert client.get("/en/sport/feeds/rss/").status_code == 404
    assert "/en/sport/" not in client.get("/sitemaps/en/pages.xml").content.decode()
    api = client.get("/api/v2/sections/?language=en").json()["items"]
    assert "sport" not in {item["meta"]["slug"] for item in api}
    filtered = client.get("/api/v2/stories/?section=sport&language=en").json()
    assert filtered["items"] == []  # the other languages' sport sections still match


LIVE_WORD = "Quokkaflood"


@pytest.mark.parametrize("cached", [False, True], ids=["rendered", "page cache"])
@pytest.mark.parametrize("state", STATES)
def test_a_hidden_live_story_shows_no_update_anywhere(client, settings, state, cached):
    settings.NEWSLINE_PAGE_CACHE = cached
    story = make_story(LivePage, title="Live from the river")
    LiveUpdate.objects.create(story=story, body=[("paragraph", f"<p>{LIVE_WORD}</p>")])
    updates = f"/en/live/{story.pk}/"
    surfaces = [updates, story.url, "/en/", "/en/feeds/rss/", "/en/feeds/json/"]
    for url in surfaces:  # control: while published, they show the update
        if url != "/en/":
            assert LIVE_WORD in client.get(url).content.decode(), url
    STATES[state](story)
    for url in surfaces:
        response = client.get(url)
        assert LIVE_WORD not in response.content.decode(), url
        assert story.title not in response.content.decode() or state == "private", url
    assert client.get(updates).status_code == 404
    assert client.get(f"{updates}version/").status_code == 404
