"""The wire pipeline, item by item: stories made, updated, withdrawn, never twice;
kinds from labels and categories; hostile HTML and pictures; near-duplicates."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.utils import timezone as django_timezone

from newsline.ingest.items import CANCELED, Item, Picture
from newsline.ingest.models import IngestRun, WireStory
from newsline.ingest.services import (
    CREATED,
    REJECTED,
    UNCHANGED,
    UPDATED,
    Outcome,
    Tally,
    Target,
    import_item,
    record_run,
)
from newsline.news.models import (
    ArticlePage,
    NewsPage,
    OpinionPage,
    Person,
    TopicSuggestion,
    VideoPage,
)

from ..factories import _png, section

BAKU = timezone(timedelta(hours=4))
BODY = "<p>The new line links the old town with the airport in twenty minutes.</p>"


@pytest.fixture
def target():
    return Target(language="en", section=section("en"), source_key="Caspian Wire")


def _item(**fields) -> Item:
    values = {
        "guid": "urn:caspian:1001",
        "headline": "Metro line to the airport opens",
        "published_at": datetime(2026, 12, 3, 9, 30, tzinfo=BAKU),
        "lead": "Trains run every ten minutes from Monday.",
        "body_html": BODY,
        "bylines": ("Leyla Mammadova",),
        "subjects": ("Transport", "Baku"),
    }
    return Item(**{**values, **fields})


def _story(guid="urn:caspian:1001", source="Caspian Wire"):
    wire = WireStory.objects.get(source_key=source, guid=guid)
    return ArticlePage.objects.get(pk=wire.story_id).specific


def test_a_new_item_becomes_a_draft_in_the_section(target):
    outcome = import_item(target=target, item=_item())
    assert outcome.result == CREATED, outcome.reason
    story = _story()
    assert isinstance(story, NewsPage)
    assert story.get_parent().pk == section("en").pk
    assert not story.live
    assert story.title == "Metro line to the airport opens"
    assert story.lead == "Trains run every ten minutes from Monday."
    assert story.published_at == datetime(2026, 12, 3, 5, 30, tzinfo=UTC)


def test_bylines_become_people_of_that_language_and_subjects_topics(target):
    known = Person.objects.create(locale=section("en").locale, name="Leyla Mammadova", slug="leyla")
    import_item(target=target, item=_item(bylines=("leyla mammadova", "Orkhan Aliyev")))
    story = _story()
    people = [byline.person for byline in story.authors.all()]
    assert people[0] == known
    assert people[1].name == "Orkhan Aliyev" and people[1].locale == known.locale
    assert sorted(story.topics.names()) == ["Baku", "Transport"]


def test_a_publishing_source_publishes(target):
    import_item(target=Target(**{**target.__dict__, "publish": True}), item=_item())
    assert _story().live


def test_the_same_item_twice_is_one_story(target):
    import_item(target=target, item=_item())
    assert import_item(target=target, item=_item()).result == UNCHANGED
    assert WireStory.objects.count() == 1
    assert ArticlePage.objects.filter(title="Metro line to the airport opens").count() == 1


def test_a_changed_item_republishes_what_ingest_published(target):
    publishing = Target(**{**target.__dict__, "publish": True})
    import_item(target=publishing, item=_item())
    changed = _item(headline="Metro line to the airport opens early", version="2")
    assert import_item(target=publishing, item=changed).result == UPDATED
    story = _story()
    story.refresh_from_db()
    assert story.live and story.title == "Metro line to the airport opens early"
    assert WireStory.objects.get().flag == ""


def test_a_changed_item_waits_as_a_draft_when_an_editor_took_over(target):
    publishing = Target(**{**target.__dict__, "publish": True})
    import_item(target=publishing, item=_item())
    story = _story()
    story.lead = "An editor's better lead."
    story.save_revision().publish()
    import_item(target=publishing, item=_item(headline="Metro line opens early"))
    story.refresh_from_db()
    assert story.title == "Metro line to the airport opens"  # the live version stays
    assert story.get_latest_revision_as_object().title == "Metro line opens early"
    assert "an editor changed this story" in WireStory.objects.get().flag


def test_a_withdrawal_unpublishes_what_ingest_published(target):
    publishing = Target(**{**target.__dict__, "publish": True})
    import_item(target=publishing, item=_item())
    assert import_item(target=publishing, item=_item(status=CANCELED)).result == UPDATED
    assert not _story().live
    assert import_item(target=publishing, item=_item(status=CANCELED)).result == UNCHANGED


def test_a_withdrawal_of_a_story_an_editor_took_over_is_flagged(target):
    publishing = Target(**{**target.__dict__, "publish": True})
    import_item(target=publishing, item=_item())
    _story().save_revision().publish()
    import_item(target=publishing, item=_item(status=CANCELED))
    assert _story().live
    assert "withdrew" in WireStory.objects.get().flag


@pytest.mark.parametrize(
    ("headline", "genres", "kind", "printed"),
    [
        (
            "Bakıda yeni metro stansiyası açıldı - VİDEO",
            (),
            VideoPage,
            "Bakıda yeni metro stansiyası açıldı",
        ),
        ("Новая линия метро – ВИДЕО", (), VideoPage, "Новая линия метро"),
        ("Why the airport line matters", ("Opinion",), OpinionPage, "Why the airport line matters"),
        (
            "Hava limanı xətti niyə vacibdir",
            ("RƏY",),
            OpinionPage,
            "Hava limanı xətti niyə vacibdir",
        ),
        ("Trains - more of them (video)", (), VideoPage, "Trains - more of them"),
        ("A plain report - with a dash", (), NewsPage, "A plain report - with a dash"),
    ],
)
def test_the_kind_comes_from_a_headline_label_or_a_category(
    target, headline, genres, kind, printed
):
    video = '<p><a href="https://www.youtube.com/watch?v=abcdefghijk">Watch</a></p>'
    import_item(target=target, item=_item(headline=headline, genres=genres, body_html=BODY + video))
    story = _story()
    assert type(story) is kind
    assert story.title == printed


def test_a_source_maps_its_own_words_to_kinds(target):
    mapped = Target(**{**target.__dict__, "kind_words": {"Column": "opinion"}})
    import_item(target=mapped, item=_item(genres=("column",)))
    assert isinstance(_story(), OpinionPage)


def test_a_video_without_a_player_is_kept_as_news_with_a_note(target):
    outcome = import_item(target=target, item=_item(headline="Floods in the north - VIDEO"))
    assert isinstance(_story(), NewsPage)
    assert any("kept as news" in note for note in outcome.notes)


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        '<p style="background:url(javascript:alert(1))" onclick="alert(1)">x</p>',
        '<iframe src="https://evil.example/"></iframe>',
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    ],
)
def test_hostile_html_is_sanitised_before_it_is_stored(target, hostile):
    import_item(target=target, item=_item(body_html=BODY + hostile))
    stored = str(_story().body.raw_data).lower()
    for danger in (
        "<script",
        "onerror",
        "onclick",
        "javascript:",
        "data:text",
        "<iframe",
        "style=",
    ):
        assert danger not in stored
    assert "twenty minutes" in stored


def test_an_embargoed_item_is_scheduled_not_published(target):
    later = django_timezone.now() + timedelta(hours=3)
    publishing = Target(**{**target.__dict__, "publish": True})
    import_item(target=publishing, item=_item(published_at=later))
    story = _story()
    assert not story.live
    assert story.scheduled_revision is not None


def test_an_item_under_embargo_waits_for_its_end(target):
    lifted = django_timezone.now() + timedelta(hours=2)
    publishing = Target(**{**target.__dict__, "publish": True})
    import_item(target=publishing, item=_item(embargoed_until=lifted))
    story = _story()
    assert not story.live
    assert story.scheduled_revision.approved_go_live_at == lifted


def test_a_picture_from_the_drop_folder_becomes_the_main_image(target, tmp_path):
    (tmp_path / "metro.png").write_bytes(_png(800, 450))
    dropped = Target(**{**target.__dict__, "folder": tmp_path})
    picture = Picture(url="metro.png", caption="The new platform", credit="Caspian Wire")
    import_item(target=dropped, item=_item(picture=picture))
    image = _story().main_image
    assert (image.caption, image.credit, image.width) == ("The new platform", "Caspian Wire", 800)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/metro.png", "private or reserved"),
        ("http://169.254.169.254/latest/meta-data", "private or reserved"),
        ("file:///etc/passwd", "not an http(s) address"),
        ("../../etc/passwd", "outside"),
        ("not-a-picture.png", "not a picture"),
    ],
)
def test_a_picture_that_cannot_be_had_leaves_the_story_without_it(target, tmp_path, url, reason):
    (tmp_path / "not-a-picture.png").write_bytes(b"<svg onload=alert(1)>")
    dropped = Target(**{**target.__dict__, "folder": tmp_path})
    outcome = import_item(target=dropped, item=_item(picture=Picture(url=url)))
    assert outcome.result == CREATED
    assert _story().main_image is None
    assert any(reason in note for note in outcome.notes), outcome.notes


def test_a_near_duplicate_from_another_agency_is_not_published(target):
    publishing = Target(**{**target.__dict__, "publish": True})
    import_item(target=publishing, item=_item())
    other = Target(**{**publishing.__dict__, "source_key": "Baku Agency"})
    reworded = _item(
        guid="ba-77",
        headline="Airport metro line opens",
        body_html=BODY.replace("links", "connects"),
    )
    outcome = import_item(target=other, item=reworded)
    twin = WireStory.objects.get(source_key="Baku Agency")
    assert not _story("ba-77", "Baku Agency").live
    assert twin.duplicate_of_id == _story().pk
    assert "same story" in twin.flag and any("same story" in note for note in outcome.notes)


def test_an_unrelated_story_is_no_duplicate(target):
    import_item(target=target, item=_item())
    other = Target(**{**target.__dict__, "source_key": "Baku Agency", "publish": True})
    unrelated = _item(
        guid="ba-78",
        headline="Chess olympiad ends",
        lead="The home team took silver.",
        body_html="<p>Eleven rounds were played over two weeks in the capital.</p>",
    )
    import_item(target=other, item=unrelated)
    assert _story("ba-78", "Baku Agency").live


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"headline": "  "}, "no headline"),
        ({"headline": "<b></b>"}, "no headline"),
        ({"headline": "x" * 300}, "at most 255"),
        ({"guid": ""}, "no identifier"),
        ({"language": "ru"}, "this source takes 'en'"),
    ],
)
def test_a_bad_item_is_rejected_with_its_reason_and_nothing_written(target, fields, reason):
    outcome = import_item(target=target, item=_item(**fields))
    assert outcome.result == REJECTED and reason in outcome.reason
    assert not WireStory.objects.exists()


def test_without_a_section_the_category_names_one(target):
    by_category = Target(**{**target.__dict__, "section": None})
    import_item(target=by_category, item=_item(genres=("Sport",)))
    assert _story().get_parent().slug == "sport"
    outcome = import_item(target=by_category, item=_item(guid="x2", genres=("Weather",)))
    assert outcome.result == REJECTED and "give --section" in outcome.reason


def test_a_run_is_recorded_with_each_rejection():
    tally = Tally()
    tally.add(Outcome(CREATED, "a"))
    tally.add(Outcome(REJECTED, "b", "the item has no headline"))
    run = record_run(label="newsline ingest wire.xml", tally=tally)
    run = IngestRun.objects.get(pk=run.pk)
    assert run.summary == "created 1, updated 0, unchanged 0, rejected 1"
    assert [(r.ref, r.reason) for r in run.rejections.all()] == [("b", "the item has no headline")]


def test_a_wire_story_arrives_with_the_topics_its_text_mentions_suggested(target):
    body = "<p>Talks in Tbilisi and in Ankara came after a call with Georgia's minister.</p>"
    import_item(target=target, item=_item(body_html=body, subjects=("Transport",)))
    story = _story()
    suggested = {s.name: s.kind for s in TopicSuggestion.objects.filter(story=story, state="open")}
    assert suggested == {"Tbilisi": "place", "Ankara": "place", "Georgia": "country"}
    # A later version of the item keeps what an editor already decided.
    TopicSuggestion.objects.filter(story=story, name="Ankara").update(state="rejected")
    later = _item(body_html=body + "<p>And in Baku.</p>", subjects=("Transport",))
    import_item(target=target, item=later)
    states = dict(TopicSuggestion.objects.filter(story=story).values_list("name", "state"))
    assert states["Ankara"] == "rejected" and states["Baku"] == "open"
