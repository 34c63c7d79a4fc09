"""Every cell of the declared role × action table (``news.roles.ACTIONS``), against
the real admin: 0 mismatches. A user without a role may do none of it."""

import io
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from newsline.core.models import NewsImage
from newsline.ingest.models import WireSource, WireStory
from newsline.news.models import BreakingDay, Correction, LivePage, LiveUpdate, NewsPage, Topic
from newsline.news.roles import ACTIONS, ROLES
from newsline.news.services import ensure_desk_collection

from ..factories import ImageFactory, PersonFactory, _png, make_story, section
from .test_editing import news_form

SCOPE = {"section": ["--section", "politics", "--language", "en"], "language": ["--language", "en"]}
SECURITY_DOC = Path(__file__).parents[2] / "docs" / "security.md"


def _member(client_class, django_user_model, role):
    user = django_user_model.objects.create_user("member", "member@example.az", "pw")
    if role is not None:
        call_command(
            "grant", "member", role, *SCOPE.get(ROLES[role].scope, []), stdout=io.StringIO()
        )
    client = client_class()
    client.force_login(user)
    return client


def _me():
    return get_user_model().objects.get(username="member")


def _desk(slug="politics"):
    return ensure_desk_collection(section=section("en", slug))


def _ok(client, name, *args):
    return client.get(reverse(name, args=args)).status_code == 200


def _new_story(client, where, action, **fields):
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", where.pk))
    client.post(url, {**news_form(slug="matrix-story", **fields), action: "1"})
    return NewsPage.objects.filter(slug="matrix-story").first()


def _publish_existing(client, where):
    story = make_story(parent=where, publish=False)
    client.post(f"/admin/bulk/wagtailcore/page/publish/?id={story.pk}")
    story.refresh_from_db()
    return story.live


def _in_review():
    writer = get_user_model().objects.create_user("writer", "writer@example.az", "pw")
    story = make_story(publish=False)
    story.save_revision(user=writer)
    story.get_workflow().start(story, writer)
    return story, WorkflowState.objects.get(object_id=str(story.pk))


def _act_on_review(client, action):
    story, state = _in_review()
    args = (story.pk, action, state.current_task_state.pk)
    client.post(reverse("wagtailadmin_pages:workflow_action", args=args), {"comment": ""})
    state.refresh_from_db()
    return state


def _upload(client, title, desk):
    picture = SimpleUploadedFile("matrix.png", _png(), "image/png")
    fields = {"title": title, "file": picture, "collection": desk.pk}
    client.post(reverse("wagtailimages:add"), fields)
    return NewsImage.objects.filter(title=title, collection=desk).first()


def _own_picture(*, shown_live):
    picture = ImageFactory(uploaded_by_user=_me(), collection=_desk())
    if shown_live:
        make_story(image=picture)
    return picture


def _edit_picture(client, picture):
    fields = {"title": "Renamed", "caption": "", "credit": "", "collection": picture.collection_id}
    client.post(reverse("wagtailimages:edit", args=[picture.pk]), {**fields, "tags": ""})
    picture.refresh_from_db()
    return picture.title == "Renamed"


def _delete_picture(client, picture):
    client.post(reverse("wagtailimages:delete", args=[picture.pk]))
    return not NewsImage.objects.filter(pk=picture.pk).exists()


def open_admin(client):
    return _ok(client, "wagtailadmin_home")


def write_story(client):
    return _new_story(client, section("en"), "action-submit") is not None


def put_new_topic(client):
    # Anyone writing a story makes a topic by typing it; giving it a type is
    # the chiefs' (the Topics snippets).
    _new_story(client, section("en"), "action-submit", topics="matrix-topic")
    return Topic.objects.filter(name="matrix-topic").exists()


def preview_own_draft(client):
    return _ok(client, "wagtailadmin_pages:view_draft", make_story(publish=False, owner=_me()).pk)


def preview_colleagues_draft(client):
    return _ok(client, "wagtailadmin_pages:view_draft", make_story(publish=False).pk)


def _panel_preview(client, story):
    # What the editor's preview panel sends on a change, then the page it shows.
    address = reverse("wagtailadmin_pages:preview_on_edit", args=[story.pk])
    answer = client.post(address, news_form(title="Panel wording", slug=story.slug))
    if answer.status_code != 200 or not answer.json().get("is_valid"):
        return False
    shown = client.get(address)
    return shown.status_code == 200 and b"Panel wording" in shown.content


def panel_preview_own_draft(client):
    return _panel_preview(client, make_story(publish=False, owner=_me()))


def panel_preview_colleagues_story(client):
    return _panel_preview(client, make_story())


def view_earlier_version(client):
    story = make_story()
    return _ok(client, "wagtailadmin_pages:revisions_view", story.pk, story.latest_revision_id)


def revert_story(client):
    story = make_story()
    url = reverse("wagtailadmin_pages:revisions_revert", args=(story.pk, story.latest_revision_id))
    client.post(url, news_form(title="Reverted", slug=story.slug))
    story.refresh_from_db()
    return story.get_latest_revision().content["title"] == "Reverted"


def publish_own(client):
    return _publish_existing(client, section("en"))


def publish_elsewhere(client):
    return _publish_existing(client, section("en", "sport"))


def approve_review(client):
    return _act_on_review(client, "approve").status == WorkflowState.STATUS_APPROVED


def request_changes(client):
    return _act_on_review(client, "reject").status == WorkflowState.STATUS_NEEDS_CHANGES


def admin_api_draft_here(client):
    draft = make_story(publish=False)
    return client.get(f"/admin/api/main/pages/{draft.pk}/").status_code == 200


def admin_api_draft_elsewhere(client):
    draft = make_story(parent=section("en", "sport"), publish=False)
    return client.get(f"/admin/api/main/pages/{draft.pk}/").status_code == 200


def public_api_draft(client):
    draft = make_story(publish=False)
    listed = client.get("/api/v2/stories/", {"order": "-id"}).json()["items"]
    detail = client.get(f"/api/v2/stories/{draft.pk}/")
    return detail.status_code == 200 or draft.pk in {item["id"] for item in listed}


def page_chooser(client):
    return _ok(client, "wagtailadmin_choose_page")


def choose_picture_here(client):
    return _ok(client, "wagtailimages_chooser:chosen", ImageFactory(collection=_desk()).pk)


def choose_picture_elsewhere(client):
    picture = ImageFactory(collection=_desk("sport"))
    return _ok(client, "wagtailimages_chooser:chosen", picture.pk)


def choose_document_here(client):
    document = get_document_model().objects.create(
        title="Matrix", file=ContentFile(b"text", name="matrix.txt"), collection=_desk()
    )
    return _ok(client, "wagtaildocs_chooser:chosen", document.pk)


def choose_person(client):
    return _ok(client, "wagtailsnippetchoosers_news_person:chosen", PersonFactory().pk)


def upload_picture(client):
    return _upload(client, "Matrix", _desk()) is not None


def upload_elsewhere(client):
    return _upload(client, "Matrix", _desk("sport")) is not None


def edit_own_picture(client):
    return _edit_picture(client, _own_picture(shown_live=False))


def edit_own_live_picture(client):
    return _edit_picture(client, _own_picture(shown_live=True))


def delete_own_live_picture(client):
    return _delete_picture(client, _own_picture(shown_live=True))


def delete_others_picture(client):
    return _delete_picture(client, ImageFactory())


def edit_person(client):
    person = PersonFactory(name="Before")
    url = reverse("wagtailsnippets_news_person:edit", args=[person.pk])
    fields = {"name": "After", "slug": person.slug, "position": "", "organisation": "", "bio": ""}
    client.post(url, fields)
    person.refresh_from_db()
    return person.name == "After"


def see_wire_desk(client):
    return _ok(client, "wire_desk")


def clear_wire_flag(client):
    story = make_story(parent=section("en"))
    wire = WireStory.objects.create(
        source_key="Matrix Wire", guid="m-1", story=story, language="en", flag="Look"
    )
    client.post(reverse("wire_flag_clear", args=[wire.pk]))
    wire.refresh_from_db()
    return wire.flag == ""


def add_wire_source(client):
    url = reverse("wagtailsnippets_ingest_wiresource:add")
    fields = {
        "name": "Matrix Wire",
        "format": "rss",
        "url": "https://wire.example.az/rss",
        "folder": "",
        "language": "en",
        "section": section("en").pk,
        "poll_interval": "300",
        "enabled": "on",
        "kind_mapping": "{}",
    }
    client.post(url, fields)
    return WireSource.objects.filter(name="Matrix Wire").exists()


def end_breaking_banner(client):
    story = make_story(parent=section("en"), is_breaking=True)
    client.post(reverse("breaking_end", args=[story.pk]))
    story.refresh_from_db()
    return not story.is_breaking


def switch_breaking_day(client):
    client.post(reverse("breaking_day"), {"is_on": "1"})
    return BreakingDay.objects.filter(is_on=True).exists()


def publish_correction(client):
    story = make_story(parent=section("en", "politics"))
    url = reverse("story_corrections", args=[story.pk])
    client.post(url, {"text": "The minister's name was misspelt.", "corrected_at": ""})
    return Correction.objects.filter(story=story).exists()


def withdraw_correction(client):
    story = make_story(parent=section("en", "politics"))
    correction = Correction.objects.create(story=story, text="A wrong date was fixed.")
    client.post(reverse("correction_remove", args=[correction.pk]), {"reason": "Not an error."})
    correction.refresh_from_db()
    return correction.removed_at is not None


def give_topic_type(client):
    topic = Topic.objects.create(name="Matrix Land", slug="matrix-land")
    url = reverse("wagtailsnippets_news_topic:edit", args=[topic.pk])
    client.post(url, {"name": "Matrix Land", "slug": "matrix-land", "kind": "country"})
    topic.refresh_from_db()
    return topic.kind == "country"


def _dashboard_shows(client, panel):
    response = client.get(reverse("wagtailadmin_home"))
    return response.status_code == 200 and f'id="newsline-{panel}-section"' in response.text


def see_dashboard_figures(client):
    return _dashboard_shows(client, "published")


def see_dashboard_schedule_and_gaps(client):
    return _dashboard_shows(client, "schedule") and _dashboard_shows(client, "translation-gaps")


def see_dashboard_purges_and_corrections(client):
    return _dashboard_shows(client, "purge-failures") and _dashboard_shows(client, "corrections")


def see_dashboard_wire_health(client):
    WireSource.objects.create(
        name="Matrix Wire",
        format="rss",
        url="https://wire.example.az/rss",
        language="en",
        section=section("en"),
    )
    return _dashboard_shows(client, "wire-health")


def see_translation_status(client):
    return client.get(reverse("translation_status")).status_code == 200


def see_another_sections_story_in_translation_status(client):
    make_story(title="Matrix sport story", parent=section("en", "sport"))
    response = client.get(reverse("translation_status"))
    return response.status_code == 200 and "Matrix sport story" in response.content.decode()


def _post_live_update(client, where):
    story = make_story(LivePage, parent=where)
    data = nested_form_data(
        {
            "headline": "Matrix update",
            "body": streamfield([("paragraph", rich_text("<p>From the scene.</p>"))]),
            "author": "",
        }
    )
    client.post(reverse("live_story", args=[story.pk]), data)
    return LiveUpdate.objects.filter(story=story, headline="Matrix update").exists()


def post_live_update_here(client):
    return _post_live_update(client, section("en"))


def post_live_update_elsewhere(client):
    return _post_live_update(client, section("en", "sport"))


def remove_live_update(client):
    story = make_story(LivePage, parent=section("en"))
    update = LiveUpdate.objects.create(story=story, body=[("paragraph", "<p>Wrong.</p>")])
    client.post(reverse("live_update_remove", args=[update.pk]))
    update.refresh_from_db()
    return update.removed_at is not None


def see_worker_health(client):
    return _ok(client, "worker_health")


def manage_users(client):
    return _ok(client, "wagtailusers_users:index")


DOING = {
    "open the admin": open_admin,
    "write a story in their section": write_story,
    "put a new topic on a story in their section": put_new_topic,
    "preview their own draft": preview_own_draft,
    "preview a colleague's draft in their section": preview_colleagues_draft,
    "preview their changes to their own draft in the editor's panel": panel_preview_own_draft,
    "preview their changes to a colleague's story in their section in the editor's panel": (
        panel_preview_colleagues_story
    ),
    "view an earlier version of a story in their section": view_earlier_version,
    "revert a story in their section to an earlier version": revert_story,
    "publish in their section": publish_own,
    "publish in another section": publish_elsewhere,
    "approve a story submitted for review in their section": approve_review,
    "request changes to a story submitted for review in their section": request_changes,
    "see a draft of their section in the admin API": admin_api_draft_here,
    "see a draft of another section in the admin API": admin_api_draft_elsewhere,
    "see a draft in the public API": public_api_draft,
    "open the page chooser": page_chooser,
    "choose a picture from their desk": choose_picture_here,
    "choose a picture from another desk": choose_picture_elsewhere,
    "choose a document from their desk": choose_document_here,
    "choose a person": choose_person,
    "upload a picture": upload_picture,
    "upload a picture into another desk's collection": upload_elsewhere,
    "edit their own picture": edit_own_picture,
    "edit their own picture that a live story shows": edit_own_live_picture,
    "delete their own picture that a live story shows": delete_own_live_picture,
    "delete someone else's picture": delete_others_picture,
    "edit a person": edit_person,
    "see the wire desk": see_wire_desk,
    "mark a wire story's flag dealt with": clear_wire_flag,
    "add a wire source": add_wire_source,
    "end a breaking banner in their section": end_breaking_banner,
    "switch the breaking day": switch_breaking_day,
    "publish a correction in their section": publish_correction,
    "withdraw a correction": withdraw_correction,
    "give a topic its type": give_topic_type,
    "post a live update in their section": post_live_update_here,
    "post a live update in another section": post_live_update_elsewhere,
    "remove a live update in their section": remove_live_update,
    "see the day's publishing figures on the dashboard": see_dashboard_figures,
    "see the schedule and translation gaps on the dashboard": see_dashboard_schedule_and_gaps,
    "see failed CDN purges and corrections on the dashboard": see_dashboard_purges_and_corrections,
    "see the wires' health on the dashboard": see_dashboard_wire_health,
    "see translation status": see_translation_status,
    "see another section's story in translation status": (
        see_another_sections_story_in_translation_status
    ),
    "see the worker's health": see_worker_health,
    "manage users": manage_users,
}
CELLS = [(role, action) for action in ACTIONS for role in [*ROLES, None]]


def test_every_declared_action_is_walked():
    assert set(DOING) == set(ACTIONS)


@pytest.mark.parametrize(("role", "action"), CELLS, ids=[f"{r}-{a}" for r, a in CELLS])
def test_the_admin_allows_exactly_what_the_table_declares(client, django_user_model, role, action):
    member = _member(client.__class__, django_user_model, role)
    allowed = role in ACTIONS[action]
    assert DOING[action](member) is allowed


def test_the_security_page_prints_the_declared_table():
    header = "| action | " + " | ".join(r.name for r in ROLES.values()) + " | no role |"
    rows = [
        f"| {action} | "
        + " | ".join("yes" if key in allowed else "—" for key in [*ROLES, None])
        + " |"
        for action, allowed in ACTIONS.items()
    ]
    printed = re.search(r"\| action \|.*?\n\n", SECURITY_DOC.read_text(), re.S).group(0)
    assert printed.split("\n")[0] == header
    assert printed.strip().split("\n")[2:] == rows
