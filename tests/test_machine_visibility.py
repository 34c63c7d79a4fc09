"""Nothing a reader may not see reaches a machine either.

One table: every machine-facing surface (feeds, sitemaps, structured data, the
API, ninjs) is a row mapping a story and a language to an address; every state
is a way a story must stay hidden. Each test walks all rows for one state and
language, after checking each row does show the story while it is published.
A new surface is one more row.
"""

import pytest

from .factories import PersonFactory, make_story, section
from .states import HIDDEN

SECRET = "Zanzibarquokka"
DRAFT_WORD = "Unreleasedwombat"
LANGUAGES = ["az", "en", "ru"]


def _draft_edit(story):
    story.title = f"Changed {DRAFT_WORD}"
    story.save_revision()


# state -> (make it so, the text that must then appear nowhere)
STATES = {
    **{name: (hide, SECRET) for name, hide in HIDDEN.items()},
    "unpublished edit": (_draft_edit, DRAFT_WORD),
}

SURFACES = {
    "rss": lambda s, lang: f"/{lang}/feeds/rss/",
    "atom": lambda s, lang: f"/{lang}/feeds/atom/",
    "json feed": lambda s, lang: f"/{lang}/feeds/json/",
    "section feed": lambda s, lang: f"/{lang}/politics/feeds/rss/",
    "topic feed": lambda s, lang: f"/{lang}/topics/secret-topic/feeds/atom/",
    "author feed": lambda s, lang: f"/{lang}/people/{s.authors.first().person.slug}/feeds/json/",
    "sitemap stories": lambda s, lang: f"/sitemaps/{lang}/stories-1.xml",
    "news sitemap": lambda s, lang: f"/sitemaps/{lang}/news.xml",
    "section page json-ld": lambda s, lang: f"/{lang}/politics/",
    "story json-ld": lambda s, lang: s.url,
    "api listing": lambda s, lang: f"/api/v2/stories/?language={lang}",
    "api section filter": lambda s, lang: f"/api/v2/stories/?language={lang}&section=politics",
    "api topic filter": lambda s, lang: "/api/v2/stories/?topic=secret-topic",
    "api detail": lambda s, lang: f"/api/v2/stories/{s.pk}/",
    "ninjs feed": lambda s, lang: f"/api/ninjs/?language={lang}",
    "ninjs item": lambda s, lang: f"/api/ninjs/{s.pk}/",
}
# The story's own address names itself (a password form returns to it).
OWN_ADDRESS = {"story json-ld"}


# Every language rendered; one language again through the page cache, which the
# control fills and hiding the story must purge.
RUNS = [*((code, False) for code in LANGUAGES), ("en", True)]


@pytest.mark.parametrize(("language", "cached"), RUNS, ids=["az", "en", "ru", "en cached"])
@pytest.mark.parametrize("state", STATES)
def test_hidden_story_is_absent_from_every_machine_surface(
    client, settings, state, language, cached
):
    settings.NEWSLINE_PAGE_CACHE = cached
    make_story(parent=section(language, "sport"))  # no surface is empty for want of stories
    story = make_story(
        parent=section(language),
        title=f"Secret {SECRET} story",
        authors=[PersonFactory()],
        topics=["secret-topic"],
    )
    urls = {name: surface(story, language) for name, surface in SURFACES.items()}
    for name, url in urls.items():
        if name == "section page json-ld":
            continue  # lists stories in HTML, not in its JSON-LD: checked after only
        body = client.get(url).content.decode()
        assert SECRET in body or story.url in body, f"control failed: {name} misses the story"
    hide, forbidden = STATES[state]
    hide(story)
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code in (200, 401, 404), (name, response.status_code)
        body = response.content.decode()
        assert forbidden not in body, f"{name} shows a {state} story"
        if forbidden == SECRET and name not in OWN_ADDRESS:
            assert story.url not in body, f"{name} links a {state} story"
