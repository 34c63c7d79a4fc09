"""Editors manage people in the admin: search works, a taken address is a form error."""

from django.urls import reverse

from newsline.news.models import Person

from ..factories import PersonFactory, locale


def test_people_search_in_the_admin_finds_by_name(admin_client):
    PersonFactory(name="Leyla Harbourmaster")
    PersonFactory(name="Someone Else")
    response = admin_client.get(reverse("wagtailsnippets_news_person:list"), {"q": "Leyla"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Leyla Harbourmaster" in page and "Someone Else" not in page


def _person_form(**overrides):
    return {
        "name": "Nigar Quayside",
        "slug": "nigar-quayside",
        "position": "",
        "organisation": "",
        "bio": "",
        **overrides,
    }


def test_slug_taken_in_the_same_language_is_a_form_error_not_a_500(admin_client):
    PersonFactory(slug="nigar-quayside", locale=locale("en"))
    url = reverse("wagtailsnippets_news_person:add") + "?locale=en"
    response = admin_client.post(url, _person_form())
    assert response.status_code == 200
    assert "already has the address" in response.content.decode()
    assert Person.objects.filter(slug="nigar-quayside").count() == 1


def test_same_slug_in_another_language_is_fine(admin_client):
    PersonFactory(slug="nigar-quayside", locale=locale("en"))
    url = reverse("wagtailsnippets_news_person:add") + "?locale=ru"
    response = admin_client.post(url, _person_form())
    assert response.status_code == 302
    assert Person.objects.filter(slug="nigar-quayside").count() == 2
