"""A picture a live story shows is changed or deleted only by chief editors and
administrators, on every path of the admin; its uploader is told why."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.images import permissions as image_permissions

from newsline.core.models import NewsImage
from newsline.news.models import GalleryPage, InterviewPage, NewsPage
from newsline.news.queries import stories_showing
from newsline.news.services import ensure_desk_collection

from ..factories import ImageFactory, PersonFactory, _png, make_story, section

WHY = "is used by a published story; ask a chief editor"


def _granted(client_class, django_user_model, username, *grant):
    user = django_user_model.objects.create_user(username, f"{username}@example.az", "pw")
    call_command("grant", username, *grant, stdout=io.StringIO())
    client = client_class()
    client.force_login(user)
    return client, user


@pytest.fixture
def uploader(client, django_user_model):
    """A Politics contributor, and a picture they uploaded to the Politics desk."""
    writer, user = _granted(
        client.__class__, django_user_model, "nigar", "contributor", "--section", "politics"
    )
    picture = ImageFactory(
        title="Harbour", uploaded_by_user=user, collection=ensure_desk_collection(section=section())
    )
    return writer, user, picture


def _shown_as_main(picture):
    return make_story(image=picture)


def _shown_in_body(picture):
    return make_story(body=[("image", {"image": picture, "caption": "", "credit": ""})])


def _shown_in_gallery(picture):
    photos = [("photo", {"image": picture, "caption": "c", "credit": "k"})]
    return make_story(GalleryPage, photos=photos)


def _shown_as_interviewees_photo(picture):
    return make_story(InterviewPage, interviewee=PersonFactory(is_journalist=False, photo=picture))


WAYS = [_shown_as_main, _shown_in_body, _shown_in_gallery, _shown_as_interviewees_photo]


def _edit(client, picture, **fields):
    data = {"title": "Renamed", "caption": "", "credit": "", "tags": "", **fields}
    data["collection"] = picture.collection_id
    return client.post(reverse("wagtailimages:edit", args=[picture.pk]), data)


def _title(picture):
    picture.refresh_from_db()
    return picture.title


@pytest.mark.parametrize("show", WAYS, ids=lambda way: way.__name__)
def test_a_live_story_showing_a_picture_takes_it_from_its_uploader(uploader, show):
    writer, user, picture = uploader
    show(picture)
    _edit(writer, picture)
    assert _title(picture) == "Harbour"
    policy = image_permissions.permission_policy
    assert not policy.user_has_permission_for_instance(user, "change", picture)
    # The list of pictures one may change says the same as each picture does.
    assert picture not in policy.instances_user_has_any_permission_for(user, ["change"])
    assert user not in policy.users_with_any_permission_for_instance(["change"], picture)


def test_a_draft_or_an_unpublished_story_leaves_it_to_its_uploader(uploader):
    writer, user, picture = uploader
    draft = make_story(image=picture, publish=False)
    assert set(stories_showing(picture).values_list("pk", flat=True)) == {draft.pk}
    story = _shown_as_main(picture)
    story.unpublish()
    _edit(writer, picture)
    assert _title(picture) == "Renamed"
    assert picture in image_permissions.permission_policy.instances_user_has_any_permission_for(
        user, ["change", "delete"]
    )


def test_the_uploader_is_told_why(uploader):
    writer, _user, picture = uploader
    _shown_as_main(picture)
    for name in ("wagtailimages:edit", "wagtailimages:delete"):
        response = writer.get(reverse(name, args=[picture.pk]), follow=True)
        said = [str(message) for message in response.context["messages"]]
        assert any(WHY in message and "Harbour" in message for message in said), said


def test_every_path_of_the_admin_refuses_the_uploader(uploader):
    writer, _user, picture = uploader
    _shown_in_body(picture)
    _edit(writer, picture)
    writer.post(reverse("wagtailimages:delete", args=[picture.pk]))
    writer.post(f"/admin/bulk/core/newsimage/delete/?id={picture.pk}")
    writer.post(f"/admin/bulk/core/newsimage/add_tags/?id={picture.pk}", {"tags": "x"})
    writer.post(
        reverse("wagtailimages:edit_multiple", args=[picture.pk]),
        {f"image-{picture.pk}-title": "Renamed"},
    )
    writer.post(reverse("wagtailimages:delete_multiple", args=[picture.pk]))
    assert _title(picture) == "Harbour" and not picture.tags.exists()
    preview = reverse("wagtailimages:preview", args=[picture.pk, "original"])
    assert writer.get(preview).status_code == 302  # refused: back to the dashboard
    listed = writer.get(reverse("wagtailimages:index")).context["images"]
    assert picture not in listed
    # Choosing it for a story is still everyone's on the desk.
    chosen = writer.get(reverse("wagtailimages_chooser:chosen", args=[picture.pk]))
    assert chosen.status_code == 200


def test_a_chief_editor_changes_and_deletes_it(client, django_user_model, uploader):
    _writer, _user, picture = uploader
    _shown_as_main(picture)
    chief, _ = _granted(client.__class__, django_user_model, "chief", "chief-editor")
    _edit(chief, picture)
    assert _title(picture) == "Renamed"
    chief.post(reverse("wagtailimages:delete", args=[picture.pk]))
    assert not NewsImage.objects.filter(pk=picture.pk).exists()


def test_the_uploader_still_deletes_a_picture_no_live_story_shows(uploader):
    writer, _user, picture = uploader
    writer.post(reverse("wagtailimages:delete", args=[picture.pk]))
    assert not NewsImage.objects.filter(pk=picture.pk).exists()


def test_the_choosers_upload_puts_a_contributors_picture_on_their_desk(uploader):
    writer, _user, _picture = uploader
    upload = SimpleUploadedFile("new.png", _png(90, 60), "image/png")
    fields = {"image-chooser-upload-title": "New", "image-chooser-upload-file": upload}
    response = writer.post(reverse("wagtailimages_chooser:create"), fields)
    assert response.status_code == 200
    assert NewsImage.objects.get(title="New").collection == ensure_desk_collection(
        section=section()
    )


def test_stories_showing_a_picture_name_each_way_once(uploader):
    _writer, _user, picture = uploader
    shown = {show(picture).pk for show in WAYS}
    make_story(image=ImageFactory())  # a story showing another picture
    assert set(stories_showing(picture).values_list("pk", flat=True)) == shown
    assert set(stories_showing(picture).live().values_list("pk", flat=True)) == shown
    assert NewsPage.objects.filter(pk__in=shown).count() == 2  # main and body
