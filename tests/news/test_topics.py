"""Topics with a type, the topic index, and topics the editor is offered from the
story's text (in Azerbaijani, English and Russian, inflected as written)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from newsline.news.models import SuggestionState, Topic, TopicKind, TopicSuggestion
from newsline.news.suggest import suggest

from ..factories import PersonFactory, locale, make_story, section


def _names(text, language):
    return [item.name for item in suggest(text, language, known=())]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "az",
            "Azərbaycanın nümayəndə heyəti Bakıda Türkiyəyə səfəri müzakirə etdi.",
            ["Azərbaycan", "Bakı", "Türkiyə"],
        ),
        (
            "az",
            "Gürcüstanla sərhəd Naxçıvan'da deyil; ABŞ-dan da qonaq gəlib.",
            ["Gürcüstan", "Naxçıvan", "Amerika Birləşmiş Ştatları"],
        ),
        (
            "en",
            "Azerbaijan's delegation met in Baku before flying to the UK.",
            ["Azerbaijan", "Baku", "United Kingdom"],
        ),
        (
            "ru",
            "Делегация Азербайджана обсудила в Баку поездку в Турцию и Россией.",
            ["Азербайджан", "Баку", "Турция", "Россия"],
        ),
        ("ru", "Переговоры в Москве и в Грузии прошли без США.", ["Москва", "Грузия", "США"]),
    ],
)
def test_places_are_found_in_their_inflected_forms(language, text, expected):
    assert _names(text, language) == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "We roasted a turkey and set out the china for the polish guests."),
        ("ru", "Мир и покой: москвичка купила турецкий ковёр."),
        ("az", "Bakılı müəllim Bakıxanov küçəsində yaşayır."),
    ],
)
def test_common_words_and_other_names_are_not_topics(language, text):
    assert _names(text, language) == []


def test_the_outlets_people_and_topics_are_found_with_their_other_names():
    PersonFactory(name="Рауф Мамедли", locale=locale("ru"))
    organisation = Topic.objects.create(
        name="ООН",
        slug="oon",
        kind=TopicKind.ORGANISATION,
        aliases="Организация Объединённых Наций",
    )
    make_story(parent=section("ru"), topics=[organisation.name])
    found = suggest("Рауфа Мамедли выслушали в Организации Объединённых Наций.", "ru")
    assert [(s.name, s.kind) for s in found] == [
        ("Рауф Мамедли", TopicKind.PERSON),
        ("ООН", TopicKind.ORGANISATION),
    ]


def test_hostile_text_is_only_text():
    text = "<script>alert(1)</script> Baku " + "x" * 100_000 + " \x00\u202e Azerbaijan"
    assert _names(text, "en") == ["Baku", "Azerbaijan"]


def test_the_topic_index_groups_the_languages_topics_by_type(client):
    Topic.objects.create(name="Azerbaijan", slug="azerbaijan", kind=TopicKind.COUNTRY)
    make_story(topics=["Azerbaijan", "harbours"])
    make_story(parent=section("az"), topics=["Bakı"])
    make_story(topics=["secret plans"], publish=False)
    page = client.get("/en/topics/")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index("Countries") < html.index("Azerbaijan") < html.index("Themes")
    assert "harbours" in html and "Bakı" not in html and "secret plans" not in html
    assert client.get("/az/topics/").status_code == 200


def test_the_editor_has_a_suggested_topics_side_panel(admin_client):
    story = make_story(title="Talks in Baku", body_text="Ministers of Georgia met.")
    page = admin_client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    html = page.content.decode()
    assert 'data-side-panel="topic-suggestions"' in html or "topic-suggestions" in html
    assert "Baku" in html and "Georgia" in html
    section_page = admin_client.get(reverse("wagtailadmin_pages:edit", args=[section("en").pk]))
    assert "data-topic-suggestions" not in section_page.content.decode()


def test_the_new_story_form_has_the_panel_too(admin_client):
    parent = section("en")
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", parent.pk))
    assert "data-topic-suggestions" in admin_client.get(url).content.decode()


def test_suggestions_follow_the_text_being_written(admin_client):
    answer = admin_client.post(
        reverse("topic_suggestions"), {"text": "Azərbaycanın paytaxtı Bakıdır.", "language": "az"}
    ).json()
    assert [s["name"] for s in answer["suggestions"]] == ["Azərbaycan", "Bakı"]
    assert answer["suggestions"][0]["kind"] == "country"


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"text": "Baku", "language": "xx"}, "unknown language"),
        ({"text": "Baku"}, "language"),
        ({"text": "a" * 200_001, "language": "en"}, "text"),
        ({"text": "Baku", "language": "en", "story": "nope"}, "story"),
    ],
)
def test_bad_requests_for_suggestions_are_refused_with_the_reason(admin_client, fields, reason):
    response = admin_client.post(reverse("topic_suggestions"), fields)
    assert response.status_code == 400 and reason in response.json()["error"]


def test_accepting_makes_a_typed_topic_and_rejecting_keeps_it_away(admin_client):
    story = make_story(body_text="Ministers met in Tbilisi and in Ankara.")
    url = reverse("topic_decision", args=[story.pk])
    accepted = admin_client.post(url, {"name": "Tbilisi", "kind": "place", "decision": "accept"})
    assert accepted.json() == {"name": "Tbilisi", "accepted": True}
    assert Topic.objects.get(name="Tbilisi").kind == TopicKind.PLACE
    admin_client.post(url, {"name": "Ankara", "kind": "place", "decision": "reject"})
    again = admin_client.post(
        reverse("topic_suggestions"),
        {"text": "Tbilisi and Ankara", "language": "en", "story": story.pk},
    ).json()
    assert [s["name"] for s in again["suggestions"]] == ["Tbilisi"]
    assert TopicSuggestion.objects.get(story=story, name="Ankara").state == SuggestionState.REJECTED


def test_only_those_who_may_type_topics_type_one_by_accepting(client, django_user_model):
    Topic.objects.create(name="Ankara", slug="ankara")
    user = django_user_model.objects.create_user("writer", "w@example.az", "pw")
    call_command("grant", "writer", "desk-editor", "--section", "politics", "--language", "en",
                 stdout=io.StringIO())  # fmt: skip
    client.force_login(user)
    story = make_story()
    url = reverse("topic_decision", args=[story.pk])
    answer = client.post(url, {"name": "Ankara", "kind": "place", "decision": "accept"})
    assert answer.json() == {"name": "Ankara", "accepted": True}
    assert Topic.objects.get(name="Ankara").kind == TopicKind.THEME  # typing is the chiefs'


def test_a_name_of_control_characters_only_is_refused(admin_client):
    story = make_story()
    url = reverse("topic_decision", args=[story.pk])
    response = admin_client.post(url, {"name": "\x07\x0b ", "kind": "place", "decision": "accept"})
    assert response.status_code == 400 and "name" in response.json()["error"]
    assert not Topic.objects.exclude(name="t").filter(kind=TopicKind.PLACE).exists()


def test_accepting_types_an_untyped_topic(admin_client):
    Topic.objects.create(name="Ankara", slug="ankara")
    story = make_story()
    url = reverse("topic_decision", args=[story.pk])
    admin_client.post(url, {"name": "Ankara", "kind": "place", "decision": "accept"})
    assert Topic.objects.get(name="Ankara").kind == TopicKind.PLACE


def test_a_decision_on_a_story_the_user_may_not_edit_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user("outsider", "o@example.az", "pw")
    user.user_permissions.add(*_admin_access())
    client.force_login(user)
    story = make_story()
    url = reverse("topic_decision", args=[story.pk])
    response = client.post(url, {"name": "Baku", "kind": "place", "decision": "accept"})
    # Wagtail's admin answers a refusal by sending the user back to its home.
    assert response.status_code in (302, 403)
    assert not Topic.objects.filter(name="Baku").exists()
    assert not TopicSuggestion.objects.exists()


def test_a_decision_with_bad_fields_says_which(admin_client):
    story = make_story()
    url = reverse("topic_decision", args=[story.pk])
    response = admin_client.post(url, {"name": "", "kind": "planet", "decision": "maybe"})
    error = response.json()["error"]
    assert response.status_code == 400
    assert "name" in error and "kind" in error and "decision" in error


def _admin_access():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename="access_admin")
