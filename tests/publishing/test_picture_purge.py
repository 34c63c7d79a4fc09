"""Editing or deleting a picture purges every cached answer that shows it: the
story pages, lists, feeds and API that carry its caption, credit and alt text."""

import pytest
from django.urls import reverse

from newsline.core.models import NewsImage
from newsline.news.models import InterviewPage, OpinionPage, RelatedStory

from ..factories import ImageFactory, PersonFactory, make_story, section
from .conftest import hit

pytestmark = pytest.mark.usefixtures("page_cache")


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def _edit_picture(admin_client, image, **changes):
    fields = {
        "title": image.title,
        "description": image.description,
        "caption": image.caption,
        "credit": image.credit,
        "collection": image.collection_id,
        "tags": "",
        **changes,
    }
    response = admin_client.post(reverse("wagtailimages:edit", args=[image.pk]), fields)
    assert response.status_code == 302, response.content.decode()[:2000]


def _surfaces(story):
    return [story.url, f"/api/v2/stories/{story.pk}/", "/en/feeds/rss/", "/api/ninjs/"]


def test_editing_a_pictures_caption_credit_and_alt_text_reaches_every_surface(client, admin_client):
    image = ImageFactory(title="Old alt text", caption="Old caption", credit="Old credit")
    story = make_story(image=image)
    reader = client.__class__()  # an anonymous reader beside the signed-in editor
    for url in _surfaces(story):
        reader.get(url)
        assert hit(reader, url), url
    _edit_picture(
        admin_client, image, title="New alt text", caption="New caption", credit="New credit"
    )
    for url in [story.url, f"/api/v2/stories/{story.pk}/", "/en/feeds/rss/"]:
        body = reader.get(url).content.decode()
        assert "New caption" in body and "Old caption" not in body, url
        assert "New credit" in body, url
    assert 'alt="New alt text"' in reader.get(story.url).content.decode()


def test_a_picture_in_the_body_or_an_interviewees_photo_is_purged_too(client):
    in_body = ImageFactory(caption="Body caption")
    photo = ImageFactory(caption="Photo caption")
    gallery = make_story(parent=section("en", "sport"))  # a control that stays cached
    story = make_story(
        body=[("image", {"image": in_body, "caption": "", "credit": ""})],
    )
    interviewee = PersonFactory(is_journalist=False, photo=photo)
    interview = make_story(InterviewPage, interviewee=interviewee)
    profile = interviewee.get_absolute_url()
    for url in [story.url, interview.url, profile, gallery.url]:
        client.get(url)
        assert hit(client, url), url
    in_body.caption = "Changed"
    in_body.save()
    photo.title = "Changed"
    photo.save()
    assert not hit(client, story.url)
    assert not hit(client, interview.url)
    assert not hit(client, profile)
    assert hit(client, gallery.url)


def test_deleting_a_picture_takes_it_off_cached_pages(client, admin_client):
    image = ImageFactory(caption="Soon deleted")
    story = make_story(image=image)
    reader = client.__class__()
    reader.get(story.url)
    assert "Soon deleted" in reader.get(story.url).content.decode()
    response = admin_client.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert response.status_code == 302
    assert not NewsImage.objects.filter(pk=image.pk).exists()
    assert "Soon deleted" not in reader.get(story.url).content.decode()


def test_editing_a_person_reaches_their_bylines_and_profile(client):
    writer = PersonFactory(name="Old Byline Name", slug="old-byline")
    story = make_story(authors=[writer])
    elsewhere = make_story(parent=section("en", "sport"))
    # Its page must not link the story as related (factory stories share their words).
    RelatedStory.objects.filter(story=elsewhere).delete()
    for url in [story.url, writer.get_absolute_url(), elsewhere.url]:
        client.get(url)
        assert hit(client, url), url
    writer.name = "New Byline Name"
    writer.save()
    assert "New Byline Name" in client.get(story.url).content.decode()
    assert "New Byline Name" in client.get(writer.get_absolute_url()).content.decode()
    assert hit(client, elsewhere.url)


def test_an_authors_photo_edited_reaches_the_opinions_it_stands_for(client):
    photo = ImageFactory(title="Columnist")
    columnist = PersonFactory(name="A Columnist", photo=photo)
    opinion = make_story(OpinionPage, authors=[columnist], image=None)
    elsewhere = make_story(parent=section("en", "sport"))
    RelatedStory.objects.filter(story=elsewhere).delete()
    page = client.get(opinion.url).content.decode()
    assert photo.file.name.rsplit("/", 1)[-1].split(".")[0] in page  # its face is the og:image
    for url in [opinion.url, columnist.get_absolute_url(), elsewhere.url]:
        client.get(url)
        assert hit(client, url), url
    photo.focal_point_x, photo.focal_point_y = 10, 10
    photo.focal_point_width = photo.focal_point_height = 20
    photo.save()
    assert not hit(client, opinion.url)
    assert not hit(client, columnist.get_absolute_url())
    assert hit(client, elsewhere.url)
