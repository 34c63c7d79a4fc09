"""The wire desk and the wire sources in the admin."""

import pytest
from django.urls import reverse

from newsline.ingest.models import WireSource, WireStory
from newsline.ingest.services import REJECTED, Outcome, Tally, Target, import_item, record_run

from ..factories import section
from .test_services import _item


@pytest.fixture
def flagged():
    """A wire story an editor took over, then corrected by the agency."""
    target = Target(language="en", section=section("en"), source_key="Caspian Wire", publish=True)
    import_item(target=target, item=_item())
    wire = WireStory.objects.get()
    story = wire.story.specific
    story.save_revision().publish()
    import_item(target=target, item=_item(headline="Metro line opens early"))
    wire.refresh_from_db()
    return wire


def test_the_wire_desk_lists_what_asks_for_an_editor(admin_client, flagged):
    page = admin_client.get(reverse("wire_desk")).content.decode()
    assert "Metro line to the airport opens" in page
    assert "an editor changed this story" in page


def test_the_editor_of_a_flagged_story_is_told_why(admin_client, flagged):
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[flagged.story_id]))
    assert "an editor changed this story" in edit.content.decode()


def test_a_flag_dealt_with_leaves_the_desk(admin_client, flagged):
    admin_client.post(reverse("wire_flag_clear", args=[flagged.pk]))
    flagged.refresh_from_db()
    assert flagged.flag == ""
    assert (
        "an editor changed this story"
        not in admin_client.get(reverse("wire_desk")).content.decode()
    )


def test_a_run_shows_each_rejection_with_its_reason(admin_client):
    tally = Tally()
    tally.add(Outcome(REJECTED, "urn:caspian:7", "the item has no headline"))
    tally.add(Outcome(REJECTED, "", "the document declares a DTD (entities), which is refused"))
    run = record_run(label="Caspian Wire", tally=tally)
    desk = admin_client.get(reverse("wire_desk")).content.decode()
    assert reverse("wire_run", args=[run.pk]) in desk
    page = admin_client.get(reverse("wire_run", args=[run.pk])).content.decode()
    assert "urn:caspian:7" in page and "the item has no headline" in page
    assert "the whole document" in page and "declares a DTD" in page


def test_the_wire_desk_shows_a_near_duplicate_with_the_other_story(admin_client):
    import_item(
        target=Target(language="en", section=section("en"), source_key="A", publish=True),
        item=_item(),
    )
    import_item(
        target=Target(language="en", section=section("en"), source_key="B", publish=True),
        item=_item(guid="b-1", headline="Airport metro line opens"),
    )
    page = admin_client.get(reverse("wire_desk")).content.decode()
    assert "The other story" in page and "Looks like the same story" in page


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"url": "https://wire.example.az/rss", "folder": "/srv/drop"}, "url", "not both"),
        ({"url": "", "folder": ""}, "url", "not both"),
        ({"url": "ftp://wire.example.az/rss"}, "url", "Only http and https"),
        ({"poll_interval": "5"}, "poll_interval", "at most every 30 seconds"),
        ({"language": "ru"}, "section", "in the source"),
        ({"kind_mapping": '{"Reportage": "podcast"}'}, "kind_mapping", "Unknown kinds: podcast"),
        ({"kind_mapping": '["video"]'}, "kind_mapping", "as {"),
    ],
)
def test_a_wire_source_with_a_mistake_is_refused_with_a_reason(
    admin_client, fields, field, message
):
    values = {
        "name": "Caspian Wire",
        "format": "rss",
        "url": "https://wire.example.az/rss",
        "folder": "",
        "language": "en",
        "section": section("en").pk,
        "poll_interval": "300",
        "enabled": "on",
        "kind_mapping": "{}",
        **fields,
    }
    answer = admin_client.post(reverse("wagtailsnippets_ingest_wiresource:add"), values)
    assert answer.status_code == 200
    assert message in str(answer.context["form"].errors[field])
    assert not WireSource.objects.exists()
