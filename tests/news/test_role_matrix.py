"""Every cell of the declared role × action table (``news.roles.ACTIONS``), against
the real admin: 0 mismatches. A user without a role may do none of it."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from newsline.core.models import NewsImage
from newsline.news.models import NewsPage
from newsline.news.roles import ACTIONS, ROLES

from ..factories import ImageFactory, PersonFactory, _png, make_story, section
from .test_editing import news_form

SCOPE = {"section": ["--section", "politics", "--language", "en"], "language": ["--language", "en"]}


def _member(client_class, django_user_model, role):
    user = django_user_model.objects.create_user("member", "member@example.az", "pw")
    if role is not None:
        call_command(
            "grant", "member", role, *SCOPE.get(ROLES[role].scope, []), stdout=io.StringIO()
        )
    client = client_class()
    client.force_login(user)
    return client


def _new_story(client, where, action):
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", where.pk))
    client.post(url, {**news_form(slug="matrix-story"), action: "1"})
    return NewsPage.objects.filter(slug="matrix-story").first()


def _publish_existing(client, where):
    story = make_story(parent=where, publish=False)
    client.post(f"/admin/bulk/wagtailcore/page/publish/?id={story.pk}")
    story.refresh_from_db()
    return story.live


def open_admin(client):
    return client.get(reverse("wagtailadmin_home")).status_code == 200


def write_story(client):
    return _new_story(client, section("en"), "action-submit") is not None


def publish_own(client):
    return _publish_existing(client, section("en"))


def publish_elsewhere(client):
    return _publish_existing(client, section("en", "sport"))


def upload_picture(client):
    picture = SimpleUploadedFile("matrix.png", _png(), "image/png")
    client.post(reverse("wagtailimages:add"), {"title": "Matrix", "file": picture})
    return NewsImage.objects.filter(title="Matrix").exists()


def delete_picture(client):
    picture = ImageFactory()
    client.post(reverse("wagtailimages:delete", args=[picture.pk]))
    return not NewsImage.objects.filter(pk=picture.pk).exists()


def edit_person(client):
    person = PersonFactory(name="Before")
    url = reverse("wagtailsnippets_news_person:edit", args=[person.pk])
    fields = {"name": "After", "slug": person.slug, "position": "", "organisation": "", "bio": ""}
    client.post(url, fields)
    person.refresh_from_db()
    return person.name == "After"


def see_worker_health(client):
    return client.get(reverse("worker_health")).status_code == 200


def manage_users(client):
    return client.get(reverse("wagtailusers_users:index")).status_code == 200


DOING = {
    "open the admin": open_admin,
    "write a story in their section": write_story,
    "publish in their section": publish_own,
    "publish in another section": publish_elsewhere,
    "upload a picture": upload_picture,
    "delete a picture": delete_picture,
    "edit a person": edit_person,
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
