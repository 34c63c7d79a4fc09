"""Every page hands its machine head what it is about through one interface
(``core.subject``); a page or view that stopped doing so would lose its title,
JSON-LD and feed links silently, so each kind of page is checked here."""

from bs4 import BeautifulSoup

from newsline.core import subject
from newsline.feeds.meta import DESCRIBERS
from newsline.i18n import clock

from ..factories import PersonFactory, make_story


def test_every_kind_of_subject_has_a_describer():
    kinds = {subject.HOME, subject.SECTION, subject.STORY, subject.PERSON, subject.TOPIC}
    lists = {subject.DAY, subject.TOPICS, subject.CORRECTIONS}
    assert set(DESCRIBERS) == kinds | lists


def _og_title(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    return html.select_one('meta[property="og:title"]')["content"]


def test_each_page_names_its_own_subject_in_its_head(client):
    writer = PersonFactory(name="Leyla Quill", slug="leyla-quill")
    story = make_story(title="Bridge opens", authors=[writer], topics=["bridges"])
    day = clock.outlet_day(story.published_at)
    expected = {
        story.url: "Bridge opens",
        "/en/politics/": "Politics",
        "/en/people/leyla-quill/": "Leyla Quill",
        "/en/topics/bridges/": "bridges",
        f"/en/archive/{day:%Y/%m/%d}/": f"{day:%d.%m.%Y}",
        "/en/topics/": "Topics",
        "/en/corrections/": "Corrections",
    }
    for url, title in expected.items():
        assert title in _og_title(client, url), url
