"""A story's article, its head's description for machines and its language
links, and the home's and sections' description and language links, are filed
for their page's next render (news/filed.py, core/parts.py) and follow every
change to what they show. Without the page cache, so each page here is rendered
anew from its filed parts."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsline.core import filing, renditions, surrogate
from newsline.news.models import ArticlePage, HomePage, LivePage, LiveUpdate, SectionPage
from newsline.news.services import add_correction
from newsline.publishing import store

from ..core.test_renditions import queued, story_with_a_pending_picture  # noqa: F401
from ..factories import ALL_KINDS, ImageFactory, PersonFactory, make_story, section, translate
from .test_editing import news_form


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return response.content.decode()


def _article(client, url) -> BeautifulSoup:
    return BeautifulSoup(_page(client, url), "lxml").select_one("article.story")


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        _page(client, url)
    return len(captured)


@pytest.mark.parametrize("kind", ALL_KINDS, ids=lambda kind: kind.__name__)
def test_a_page_from_its_filed_parts_reads_as_the_page_rendered_at_once(client, kind):
    author = PersonFactory(name="Ayla Writer")
    story = make_story(
        kind, title="Ferry & <co>", image=ImageFactory(), authors=[author], topics=["ports"]
    )
    rendered = _page(client, story.url)  # the parts rendered, then filed
    assert "Ayla Writer" in rendered and "Ferry &amp; &lt;co&gt;" in rendered
    filed = _page(client, story.url)
    assert filed == rendered


def test_a_page_from_its_filed_parts_reads_no_byline_topic_or_picture(client):
    story = make_story(title="Quay", image=ImageFactory(), authors=[PersonFactory()])
    _page(client, story.url)  # renditions made, parts filed
    store.purge({surrogate.story(story.translation_key)})  # as an edit would
    rendered = _queries(client, story.url)
    filed = _queries(client, story.url)
    assert filed <= rendered - 3  # bylines, topics, the pictures' renditions


def test_live_coverage_is_rendered_each_time_with_its_newest_update(client):
    story = make_story(LivePage, title="Storm live")
    assert "First gust" not in _page(client, story.url)
    LiveUpdate.objects.create(
        story=story, headline="First gust", body=[("paragraph", "<p>Wind.</p>")]
    )
    assert "First gust" in _page(client, story.url)


def test_an_edit_reaches_the_article_and_its_description(client):
    story = make_story(title="Harbour reopens")
    _page(client, story.url)
    story.title, story.lead = "Harbour reopens at dawn", "Ferries sail again."
    story.save_revision().publish()
    page = BeautifulSoup(_page(client, story.url), "lxml")
    assert page.select_one("h1").get_text() == "Harbour reopens at dawn"
    assert page.select_one('meta[property="og:title"]')["content"] == "Harbour reopens at dawn"
    assert page.select_one('meta[name="description"]')["content"] == "Ferries sail again."


def test_a_renamed_author_reaches_the_byline(client):
    author = PersonFactory(name="Old Name")
    story = make_story(title="Signed", authors=[author])
    assert "Old Name" in _article(client, story.url).get_text()
    author.name = "New Name"
    author.save()
    shown = _article(client, story.url).get_text()
    assert "New Name" in shown and "Old Name" not in shown


def test_a_renamed_topic_reaches_the_article(client):
    story = make_story(title="Tagged", topics=["ports"])
    assert "ports" in _article(client, story.url).select_one(".topics").get_text()
    topic = story.tagged_topics.get().tag
    topic.name = "Harbours"
    topic.save()
    assert "Harbours" in _article(client, story.url).select_one(".topics").get_text()


def test_a_correction_reaches_the_article(client, admin_user):
    story = make_story(title="Bridge opens")
    assert not _article(client, story.url).select_one(".corrections")
    add_correction(story, "The bridge is four km long.", admin_user)
    corrections = _article(client, story.url).select_one(".corrections")
    assert "four km long" in corrections.get_text()


def test_a_renamed_section_reaches_the_kicker(client):
    story = make_story(title="Council votes")
    assert _article(client, story.url).select_one(".story__kicker a").get_text() == "Politics"
    politics = SectionPage.objects.get(pk=section("en").pk)
    politics.title = "Government"
    politics.save_revision().publish()
    assert _article(client, story.url).select_one(".story__kicker a").get_text() == "Government"


def test_a_new_caption_reaches_the_article(client):
    picture = ImageFactory(caption="Old caption")
    story = make_story(title="Pictured pier", image=picture)
    assert "Old caption" in _article(client, story.url).select_one("figcaption").get_text()
    picture.caption = "New caption"
    picture.save()
    assert "New caption" in _article(client, story.url).select_one("figcaption").get_text()


def test_the_breaking_label_goes_when_its_time_runs_out(client):
    story = make_story(title="Quake", is_breaking=True)
    assert _article(client, story.url).select_one(".label--breaking")
    # Its time runs out with no purge: only the clock changed.
    ArticlePage.objects.filter(pk=story.pk).update(breaking_until=timezone.now())
    assert not _article(client, story.url).select_one(".label--breaking")


def test_a_preview_shows_the_draft_and_files_nothing_readers_see(admin_client, client):
    story = make_story(title="Harbour reopens")
    assert "Harbour reopens" in _page(client, story.url)  # the live parts filed
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(story.pk,))
    assert admin_client.post(url, news_form(title="Draft title", slug=story.slug)).json()[
        "is_valid"
    ]
    preview = BeautifulSoup(admin_client.get(url).content, "lxml")
    assert preview.select_one("h1").get_text() == "Draft title"
    assert "Draft title" in preview.select_one('meta[property="og:title"]')["content"]
    # Readers still see what was published, from its parts or rendered anew.
    assert _article(client, story.url).select_one("h1").get_text() == "Harbour reopens"
    caches["default"].clear()
    admin_client.get(url)  # a preview rendered with nothing filed files nothing
    assert _article(client, story.url).select_one("h1").get_text() == "Harbour reopens"


def test_an_article_with_a_pending_picture_is_not_filed(client, queued):  # noqa: F811
    picture = story_with_a_pending_picture("Pictured bridge")
    story = ArticlePage.objects.get(title="Pictured bridge")
    shown = _article(client, story.url).select_one("figure img")["src"]
    assert renditions.PENDING_PICTURE in shown
    renditions.make_renditions(picture)  # what the worker does; nothing is purged
    shown = _article(client, story.url).select_one("figure img")["src"]
    assert renditions.PENDING_PICTURE not in shown


def test_a_query_string_a_reader_invents_reads_the_same_parts(client, monkeypatch):
    story = make_story(title="Harbour")
    first = _page(client, story.url + "?after=x1")  # the parts filed from this render
    canonical = BeautifulSoup(first, "lxml").select_one("link[rel=canonical]")["href"]
    assert canonical == "http://localhost" + story.url  # a story has no list cursor
    filed_from_now = _filed_names(monkeypatch)
    for query in ("", "?after=x2&utm_source=y", "?q=anything"):
        page = _page(client, story.url + query)
        assert page == first
    assert filed_from_now == []  # no part is named by the query: nothing filed anew


def _filed_names(monkeypatch) -> list:
    """The names filed from now on (``core/filing.py`` ``file_many``)."""
    names = []
    original = filing.file_many

    def recording(values, **kwargs):
        names.extend(values)
        return original(values, **kwargs)

    monkeypatch.setattr(filing, "file_many", recording)
    return names


def test_a_story_is_answered_when_its_parts_cannot_be_read(client, cache_down):
    story = make_story(title="Quay repairs", image=ImageFactory())

    cache_down()
    assert "Quay repairs" in _article(client, story.url).get_text()


def _alternates(client, url) -> dict:
    page = BeautifulSoup(_page(client, url), "lxml")
    links = page.select('link[rel="alternate"][hreflang]')
    return {link["hreflang"]: link["href"] for link in links}


def _switcher(client, url) -> dict:
    page = BeautifulSoup(_page(client, url), "lxml")
    return {link["hreflang"]: link["href"] for link in page.select("nav.languages a")}


def test_a_translation_published_and_withdrawn_reaches_the_language_links(client):
    story = make_story(title="Harbour")
    assert "ru" not in _alternates(client, story.url)  # the links filed
    assert _switcher(client, story.url)["ru"] == "/ru/"
    russian = translate(story, "ru", "Гавань")
    assert _alternates(client, story.url)["ru"].endswith(russian.url)
    assert _switcher(client, story.url)["ru"] == russian.url
    russian.unpublish()
    assert "ru" not in _alternates(client, story.url)
    assert _switcher(client, story.url)["ru"] == "/ru/"


def test_a_section_translated_anew_reaches_the_sections_language_links(client):
    politics = section("en", "politics")
    assert _switcher(client, politics.url)["az"] == section("az", "politics").url
    extra = politics.get_parent().add_child(
        instance=SectionPage(title="Science", slug="science", locale=politics.locale)
    )
    extra.save_revision().publish()
    assert _switcher(client, extra.url)["az"] == "/az/"  # the links filed
    copy = translate(extra, "az", "Elm")
    assert _switcher(client, extra.url)["az"] == copy.url


def test_a_homes_new_description_reaches_its_head(client):
    home = HomePage.objects.get(locale__language_code="en")
    _page(client, "/en/")
    home.search_description = "The news of the harbour town."
    home.save_revision().publish()
    page = BeautifulSoup(_page(client, "/en/"), "lxml")
    assert page.select_one('meta[name="description"]')["content"] == home.search_description


def test_a_sections_new_introduction_reaches_its_head(client):
    politics = SectionPage.objects.get(pk=section("en").pk)
    _page(client, politics.url)
    politics.intro = "Votes, councils and budgets."
    politics.save_revision().publish()
    page = BeautifulSoup(_page(client, politics.url), "lxml")
    assert page.select_one('meta[name="description"]')["content"] == politics.intro
