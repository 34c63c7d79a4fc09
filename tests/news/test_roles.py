"""Newsroom roles: made by migrate, given with `newsline grant`, enforced by Wagtail."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, WorkflowState

from newsline.core.models import NewsImage
from newsline.news.models import NewsPage
from newsline.news.roles import ROLES
from newsline.news.services import ensure_desk_collection

from ..factories import ImageFactory, _png, make_story, section
from .test_editing import news_form

MEDIA = {"add_image", "choose_image", "add_document", "choose_document"}


@pytest.fixture
def person(django_user_model):
    def make(username):
        return django_user_model.objects.create_user(username, f"{username}@example.az", "pw")

    return make


def _client_for(client_class, user):
    client = client_class()
    client.force_login(user)
    return client


def _add_story(client, slug="harbour-reopens", action="action-publish", where=None):
    parent = where or section("en")
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", parent.pk))
    return client.post(url, {**news_form(slug=slug), action: action.split("-")[1]})


def test_migrate_makes_every_role_with_its_permissions():
    for role in ROLES.values():
        if not role.is_superuser:
            group = Group.objects.get(name=role.name)
            assert group.permissions.filter(codename="access_admin").exists(), role.name


def test_grant_names_what_it_gave(person, capsys):
    person("aysel")
    call_command("grant", "aysel", "desk-editor", "--section", "politics", "--language", "en")
    out = capsys.readouterr().out
    assert "aysel is now Desk editor" in out and "/politics/" in out
    assert "Pictures and documents in: Siyasət." in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody", "contributor", "--section", "politics"], "no user named 'nobody'"),
        (["aysel", "contributor"], "--section"),
        (["aysel", "contributor", "--section", "nowhere"], "no section 'nowhere'"),
        (["aysel", "translator"], "--language"),
    ],
)
def test_a_wrong_grant_says_what_is_wrong(person, args, message):
    person("aysel")
    with pytest.raises(CommandError, match=message):
        call_command("grant", *args)


def test_a_contributor_writes_in_their_section_but_cannot_publish(client, person):
    user = person("nigar")
    call_command("grant", "nigar", "contributor", "--section", "politics", "--language", "en")
    contributor = _client_for(client.__class__, user)
    assert _add_story(contributor, action="action-publish").status_code in (302, 200)
    story = NewsPage.objects.filter(slug="harbour-reopens").first()
    assert story is not None and not story.live  # a draft at most
    elsewhere = _add_story(contributor, slug="sport-story", where=section("en", "sport"))
    assert elsewhere.status_code in (302, 403)
    assert not NewsPage.objects.filter(slug="sport-story").exists()


def test_a_desk_editor_publishes_in_their_section_only(client, person):
    user = person("rashad")
    call_command("grant", "rashad", "desk-editor", "--section", "politics", "--language", "en")
    desk = _client_for(client.__class__, user)
    assert _add_story(desk).status_code == 302
    assert NewsPage.objects.get(slug="harbour-reopens").live
    other = make_story(parent=section("en", "sport"), publish=False)
    edit = reverse("wagtailadmin_pages:edit", args=(other.pk,))
    desk.post(edit, {**news_form(title=other.title, slug=other.slug), "action-publish": "1"})
    desk.post(f"/admin/bulk/wagtailcore/page/publish/?id={other.pk}")
    other.refresh_from_db()
    assert not other.live


def test_desk_review_a_contributor_submits_and_the_desk_editor_approves(client, person):
    writer, editor = person("nigar"), person("rashad")
    call_command("grant", "nigar", "contributor", "--section", "politics", "--language", "en")
    call_command("grant", "rashad", "desk-editor", "--section", "politics", "--language", "en")
    contributor = _client_for(client.__class__, writer)
    assert _add_story(contributor, action="action-submit").status_code == 302
    story = NewsPage.objects.get(slug="harbour-reopens")
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(story.pk))
    assert state.status == "in_progress" and "Desk review · politics" in state.workflow.name
    desk = _client_for(client.__class__, editor)
    task_state = state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=(story.pk, "approve", task_state.pk)
    )
    response = desk.post(approve, {"comment": "Good to go"})
    assert response.status_code in (200, 302)
    story.refresh_from_db()
    assert story.live


def test_a_desk_editor_of_another_section_cannot_approve(client, person):
    writer, outsider = person("nigar"), person("sport-desk")
    call_command("grant", "nigar", "contributor", "--section", "politics", "--language", "en")
    call_command("grant", "sport-desk", "desk-editor", "--section", "sport", "--language", "en")
    _add_story(_client_for(client.__class__, writer), action="action-submit")
    story = NewsPage.objects.get(slug="harbour-reopens")
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(story.pk))
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(story.pk, "approve", state.current_task_state.pk),
    )
    _client_for(client.__class__, outsider).post(approve, {"comment": ""})
    story.refresh_from_db()
    assert not story.live


def test_administrator_role_is_a_superuser(person):
    user = person("admin2")
    call_command("grant", "admin2", "administrator")
    user.refresh_from_db()
    assert user.is_superuser and user.is_staff


def test_a_fresh_installs_site_record_takes_the_outlets_address(settings):
    from wagtail.models import Site

    from newsline.news.services import align_default_site

    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", 80  # as Wagtail's first migration leaves it
    site.save()
    settings.WAGTAILADMIN_BASE_URL = "https://news.example.az"
    align_default_site()
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("news.example.az", 443)
    site.hostname = "chosen.example.az"
    site.save()
    align_default_site()  # a record someone set is left alone
    site.refresh_from_db()
    assert site.hostname == "chosen.example.az"


def test_a_role_may_be_named_as_people_write_it(person):
    person("aysel")
    call_command("grant", "aysel", "Desk editor", "--section", "politics", stdout=io.StringIO())
    assert Group.objects.get(name="Desk editor").user_set.filter(username="aysel").exists()


def _media(group, collection):
    rows = GroupCollectionPermission.objects.filter(group=group, collection=collection)
    return set(rows.values_list("permission__codename", flat=True))


def _root():
    return Collection.get_first_root_node()


def test_a_section_role_gets_its_desks_collection_shared_by_every_language(person):
    person("nigar"), person("rashad")
    for language in ("en", "ru", "en"):  # a second grant changes nothing
        grant = ["--section", "politics", "--language", language]
        call_command("grant", "nigar", "contributor", *grant)
    call_command("grant", "rashad", "desk-editor", "--section", "politics")
    desk = ensure_desk_collection(section=section("ru"))
    assert list(_root().get_children().values_list("name", flat=True)) == ["Siyasət"]
    desks = ["Contributor · politics (en)", "Contributor · politics (ru)", "Desk editor · politics"]
    for name in desks:
        group = Group.objects.get(name=name)
        assert _media(group, desk) == MEDIA and not _media(group, _root()), name
    assert GroupCollectionPermission.objects.filter(collection=desk).count() == 3 * len(MEDIA)
    for role in ("contributor", "desk-editor"):
        assert not _media(Group.objects.get(name=ROLES[role].name), _root())


def test_chief_editors_and_translators_keep_every_collection(person):
    person("chief"), person("translator")
    call_command("grant", "chief", "chief-editor")
    call_command("grant", "translator", "translator", "--language", "ru")
    for role in ("chief-editor", "translator"):
        assert _media(Group.objects.get(name=ROLES[role].name), _root()) >= MEDIA


def _upload_form(client):
    return client.get(reverse("wagtailimages:add")).context["form"]


def test_a_contributor_puts_pictures_only_on_their_desks(client, person):
    user = person("nigar")
    call_command("grant", "nigar", "contributor", "--section", "politics", "--language", "en")
    writer = _client_for(client.__class__, user)
    assert "collection" not in _upload_form(writer).fields  # one desk: nothing to choose
    picture = SimpleUploadedFile("desk.png", _png(), "image/png")
    writer.post(reverse("wagtailimages:add"), {"title": "Desk", "file": picture})
    assert NewsImage.objects.get(title="Desk").collection.name == "Siyasət"
    call_command("grant", "nigar", "contributor", "--section", "sport", "--language", "en")
    offered = _upload_form(writer).fields["collection"].queryset
    assert sorted(offered.values_list("name", flat=True)) == ["Siyasət", "İdman"]


def test_another_desks_contributor_neither_changes_nor_chooses_a_desks_picture(client, person):
    owner, outsider = person("nigar"), person("sport-writer")
    call_command("grant", "nigar", "contributor", "--section", "politics", "--language", "en")
    call_command("grant", "sport-writer", "contributor", "--section", "sport", "--language", "en")
    desk = ensure_desk_collection(section=section())
    picture = ImageFactory(title="Politics only", uploaded_by_user=owner, collection=desk)
    other = _client_for(client.__class__, outsider)
    edit = reverse("wagtailimages:edit", args=[picture.pk])
    other.post(edit, {"title": "Taken", "collection": desk.pk, "caption": "", "credit": ""})
    chosen = other.get(reverse("wagtailimages_chooser:chosen", args=[picture.pk]))
    picture.refresh_from_db()
    assert picture.title == "Politics only" and chosen.status_code == 302
    listed = other.get(reverse("wagtailimages:index")).context["images"]
    assert picture not in listed


def test_regranting_moves_earlier_grants_off_the_root_collection(client, person):
    """Grants made before desk collections left a section role's pictures and
    documents on the root collection (every desk's) of the role's own group."""
    earlier, nigar = person("earlier"), person("nigar")
    call_command("grant", "earlier", "contributor", "--section", "sport", "--language", "en")
    base = Group.objects.get(name="Contributor")
    earlier_group = Group.objects.get(name="Contributor · sport (en)")
    GroupCollectionPermission.objects.filter(group=earlier_group).delete()
    for codename in MEDIA:
        GroupCollectionPermission.objects.create(
            group=base, collection=_root(), permission=Permission.objects.get(codename=codename)
        )
    assert GroupPagePermission.objects.filter(group=earlier_group).exists()

    call_command("grant", "nigar", "contributor", "--section", "politics", "--language", "en")

    assert not _media(base, _root())
    sport_desk = ensure_desk_collection(section=section("en", "sport"))
    assert _media(earlier_group, sport_desk) == MEDIA  # moved without being granted again
    for user, desk in ((earlier, "İdman"), (nigar, "Siyasət")):
        writer = _client_for(client.__class__, user)
        assert "collection" not in _upload_form(writer).fields
        picture = SimpleUploadedFile("desk.png", _png(), "image/png")
        writer.post(reverse("wagtailimages:add"), {"title": user.username, "file": picture})
        assert NewsImage.objects.get(title=user.username).collection.name == desk
