"""A story's item in the API's listings is filed for the next listing and follows
every change to what it shows: its text, its people, its section, its picture,
its publication. Which stories are listed is asked every time, so a story that
left the public surfaces leaves the listing though its item is still filed.
Without the page cache, so each listing here is put together anew."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from newsline.api import items
from newsline.core import filing
from newsline.news.models import ArticlePage

from ..factories import ImageFactory, PersonFactory, make_story, section
from .helpers import fetch, ids

STORIES = "/api/v2/stories/"


def _by_title(client, url=STORIES) -> dict:
    return {item["title"]: item for item in fetch(client, url)["items"]}


def _recording_builds(monkeypatch) -> list:
    """The titles of the stories whose items are built from here on."""
    built = []
    original = items.syndication.filed_items

    def recording(names, build, **options):
        def recorded(story):
            built.append(story.title)
            return build(story)

        return original(names, recorded, **options)

    monkeypatch.setattr(items.syndication, "filed_items", recording)
    return built


def _queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        fetch(client, url)
    return [query["sql"] for query in captured]


def test_a_listing_of_filed_items_reads_as_the_listing_built_at_once(client):
    for number in range(3):
        make_story(
            title=f"Ferry {number} & <co>",
            authors=[PersonFactory()],
            topics=["ports"],
            image=ImageFactory(caption="Quay"),
        )
    built = client.get(STORIES).content  # every item built, then filed
    assert client.get(STORIES).content == built  # every item filed
    assert [item["title"] for item in json.loads(built)["items"]] == [
        f"Ferry {number} & <co>" for number in (2, 1, 0)
    ]


def test_a_listing_of_filed_items_loads_no_story(client, monkeypatch):
    for number in range(3):
        make_story(title=f"Pier {number}", authors=[PersonFactory()], topics=["ports"])
    fetch(client, f"{STORIES}?fields=_,title")  # sites and locales settled
    built = _recording_builds(monkeypatch)
    cold = _queries(client, STORIES)
    assert sorted(built) == ["Pier 0", "Pier 1", "Pier 2"]
    built.clear()
    filed = _queries(client, STORIES)
    assert built == []
    assert len(filed) < len(cold)
    assert not [sql for sql in filed if "news_articleauthor" in sql or "news_articletopic" in sql]


def test_an_edit_reaches_the_listing_after_the_item_was_filed(client):
    story = make_story(title="Harbour reopens")
    assert _by_title(client)["Harbour reopens"]["lead"] == "Lead of Harbour reopens."
    story.lead = "Ferries sail at noon."
    story.save_revision().publish()
    assert _by_title(client)["Harbour reopens"]["lead"] == "Ferries sail at noon."


def test_a_renamed_author_reaches_the_listing(client):
    writer = PersonFactory(name="Aysel Old")
    make_story(title="Bridge works", authors=[writer])
    assert _by_title(client)["Bridge works"]["authors"][0]["name"] == "Aysel Old"
    writer.name = "Aysel New"
    writer.save()
    assert _by_title(client)["Bridge works"]["authors"][0]["name"] == "Aysel New"


def test_a_renamed_section_reaches_the_listing(client):
    make_story(title="Council votes")
    assert _by_title(client)["Council votes"]["section"]["title"] == "Politics"
    politics = section("en", "politics")
    politics.title = "Government"
    politics.save_revision().publish()
    assert _by_title(client)["Council votes"]["section"]["title"] == "Government"


def test_a_changed_caption_reaches_the_listing(client):
    photo = ImageFactory(caption="Old caption")
    make_story(title="Pictured harbour", image=photo)
    assert _by_title(client)["Pictured harbour"]["main_image"]["caption"] == "Old caption"
    photo.caption = "New caption"
    photo.save()
    assert _by_title(client)["Pictured harbour"]["main_image"]["caption"] == "New caption"


def test_a_withdrawn_story_leaves_the_listing_though_its_item_was_filed(client):
    kept, withdrawn = make_story(title="Stays"), make_story(title="Goes")
    assert ids(fetch(client, STORIES)) == [withdrawn.pk, kept.pk]
    withdrawn.unpublish()
    assert ids(fetch(client, STORIES)) == [kept.pk]


def test_an_expired_story_leaves_the_listing_with_nothing_purged(client):
    kept, expiring = make_story(title="Stays"), make_story(title="Expires")
    assert ids(fetch(client, STORIES)) == [expiring.pk, kept.pk]
    # Its time runs out: no signal, no purge, the item still filed.
    ArticlePage.objects.filter(pk=expiring.pk).update(expire_at=timezone.now() - timedelta(1))
    assert ids(fetch(client, STORIES)) == [kept.pk]


def test_each_choice_of_fields_has_items_of_its_own(client):
    make_story(title="Quay", authors=[PersonFactory()])
    full = _by_title(client)["Quay"]
    assert {"authors", "topics", "section"} <= set(full)
    narrow = _by_title(client, f"{STORIES}?fields=_,title")["Quay"]
    assert set(narrow) == {"title"}
    assert _by_title(client)["Quay"] == full


def test_two_spellings_of_one_choice_of_fields_share_their_items(client, monkeypatch):
    make_story(title="Quay")
    fetch(client, f"{STORIES}?fields=-authors,-topics")
    built = _recording_builds(monkeypatch)
    fetch(client, f"{STORIES}?fields=-topics,-authors")
    assert built == []


def test_an_item_filed_at_one_outlet_address_is_not_served_at_another(client):
    make_story(title="Harbour")
    assert _by_title(client)["Harbour"]["meta"]["detail_url"].startswith("http://localhost/")
    site = Site.objects.get(is_default_site=True)
    site.hostname = "news.example"  # the outlet moved; nothing else changed
    site.save()
    item = _by_title(client)["Harbour"]
    assert item["meta"]["detail_url"].startswith("http://news.example/")
    assert item["meta"]["html_url"].startswith("http://news.example/")


def test_a_new_release_builds_the_items_anew_without_a_purge(client, monkeypatch):
    make_story(title="Harbour reopens")
    fetch(client, STORIES)  # its item filed
    built = _recording_builds(monkeypatch)
    fetch(client, STORIES)
    assert built == []
    # A deploy with new markup, code or wording: a new digest of the release.
    monkeypatch.setattr(filing, "release_digest", lambda: "the-next-release")
    fetch(client, STORIES)
    assert built == ["Harbour reopens"]


def test_a_listing_is_answered_when_the_items_cannot_be_read(client, cache_down):
    make_story(title="Quay repairs")

    cache_down()
    assert "Quay repairs" in _by_title(client)


def _sample_items() -> list:
    moment = timezone.now()
    return [
        {"id": 1, "meta": {"type": "news.NewsPage", "first_published_at": moment}, "title": "Quay"},
        {"id": 2, "title": "Körpü \u2028 «Xəbər» & <b>", "topics": [], "main_image": None},
        {"id": 3, "authors": [{"id": 4, "name": "Aysel"}], "lead": 'Line\nbreak "quoted"'},
    ]


@pytest.mark.parametrize("accept", ["application/json", "application/json; indent=2", None])
def test_items_written_apart_make_the_listing_drf_writes_at_once(accept):
    from rest_framework.renderers import JSONRenderer

    renderer, context = items.ItemsRenderer(), {"indent": 4}
    indent = renderer.get_indent(accept, context)
    values = _sample_items()
    written = items.Written([renderer.write_item(value, indent) for value in values], indent)
    listing = {"meta": {"total_count": 3}, "items": values}
    whole = JSONRenderer().render(listing, accept, context)
    assert renderer.render({**listing, "items": written}, accept, context) == whole
    assert renderer.render({**listing, "items": items.Written([], indent)}, accept, context) == (
        JSONRenderer().render({**listing, "items": []}, accept, context)
    )


def test_a_listing_asked_at_another_indentation_is_written_at_it(client):
    make_story(title="Quay", authors=[PersonFactory()])
    default = client.get(STORIES)
    narrow = client.get(STORIES, HTTP_ACCEPT="application/json; indent=2")
    assert json.loads(narrow.content) == json.loads(default.content)
    assert narrow.content != default.content
    assert b'\n  "meta"' in narrow.content and b'\n    "meta"' in default.content
    assert client.get(STORIES).content == default.content  # each filed at its own
