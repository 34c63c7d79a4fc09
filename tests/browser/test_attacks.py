"""Attacks on editors through what they upload, replayed in a real browser.

The hole this closes: an editor uploaded an HTML document; an administrator who
opened it ran its script on the site's origin with their session, and the script
created a superuser. Here an administrator opens such documents (an HTML page
and an SVG image, as stored before the upload allow-list existed) at every
address they are reachable by; no script may run and no user may appear. A
control first proves that the same script does create a superuser wherever it
is allowed to run, so the test cannot pass for a broken payload.
"""

import json

import pytest
from playwright.sync_api import Error as PlaywrightError

ATTACK = """
localStorage.setItem("newsline-attack", location.href);
fetch("/admin/users/new/").then((r) => r.text()).then((form) => {
  const token = form.match(/name="csrfmiddlewaretoken" value="([^"]+)"/)[1];
  const body = new URLSearchParams({
    csrfmiddlewaretoken: token, username: USERNAME, email: USERNAME + "@example.com",
    first_name: "In", last_name: "Truder", password1: "Intruder-pw-73519",
    password2: "Intruder-pw-73519", is_active: "on", is_superuser: "on",
  });
  return fetch("/admin/users/new/", {method: "POST", body});
});
"""


def _script(username: str) -> str:
    return f"const USERNAME = {json.dumps(username)};\n{ATTACK}"


def _html(username):
    return f"<!doctype html><title>Invitation</title><script>{_script(username)}</script>"


def _svg(username):
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        f"<script>//<![CDATA[\n{_script(username)}\n//]]></script></svg>"
    )


PLANT = """
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
document = Document(title={name!r})
document.file.save({name!r}, ContentFile({content!r}.encode()), save=False)
document.save()
print(document.url, "/media/" + document.file.name)
"""


def _user_exists(outlet, username: str) -> bool:
    code = (
        "from newsline.users.models import User\n"
        f"print(User.objects.filter(username={username!r}).exists())"
    )
    return outlet.run(code) == "True"


def _open(page, url):
    """Open ``url`` as a person clicking it would; a download is not a failure."""
    try:
        page.goto(url)
    except PlaywrightError as error:
        if "Download is starting" not in str(error):
            raise
    page.wait_for_timeout(1500)  # time for a script to do its work


def test_control_the_payload_creates_a_superuser_where_script_runs(signed_in_editor, outlet):
    signed_in_editor.goto("/admin/")
    signed_in_editor.add_script_tag(content=_script("control-intruder"))
    signed_in_editor.wait_for_timeout(1500)
    assert _user_exists(outlet, "control-intruder")
    outlet.run(
        "from newsline.users.models import User\n"
        "User.objects.filter(username='control-intruder').delete()"
    )


@pytest.mark.parametrize(("name", "make"), [("invitation.html", _html), ("logo.svg", _svg)])
def test_an_uploaded_document_cannot_act_as_the_admin_who_opens_it(
    signed_in_editor, outlet, name, make
):
    username = "intruder-" + name.replace(".", "-")
    addresses = outlet.run(PLANT.format(name=name, content=make(username))).split()
    assert addresses[0].startswith("/documents/")
    for address in addresses:
        _open(signed_in_editor, address)
    signed_in_editor.goto("/en/")
    assert signed_in_editor.evaluate("localStorage.getItem('newsline-attack')") is None
    assert not _user_exists(outlet, username)
