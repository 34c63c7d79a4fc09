"""Mail from EMAIL_URL; without it the admin says so instead of pretending."""

import pytest
from django.urls import reverse

from newsline.settings.base import _mail


def test_without_mail_the_password_reset_says_no_link_can_be_sent(client):
    response = client.get(reverse("wagtailadmin_password_reset"))
    assert response.status_code == 503
    assert "no mail server configured" in response.content.decode()


def test_administrators_are_told_mail_is_off(admin_client):
    home = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "No mail server is configured" in home


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://desk%40example.az:p%40ss@mail.example.az:587",
            {
                "EMAIL_HOST": "mail.example.az",
                "EMAIL_PORT": 587,
                "EMAIL_USE_TLS": True,
                "EMAIL_HOST_USER": "desk@example.az",
                "EMAIL_HOST_PASSWORD": "p@ss",
            },
        ),
        ("smtps://mail.example.az", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True}),
    ],
)
def test_email_url_fills_djangos_mail_settings(url, expected):
    settings = _mail(url)
    assert settings["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
    assert expected.items() <= settings.items()


def test_a_wrong_email_url_names_what_is_wrong():
    with pytest.raises(ValueError, match="EMAIL_URL must start with smtp://"):
        _mail("http://mail.example.az")
