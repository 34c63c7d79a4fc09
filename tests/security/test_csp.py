"""Content-Security-Policy: readers' pages run only the site's own script files,
no inline script, and every reader response carries the same policy, cached or
not, so an edge can send it in the app's place (decision 0035)."""

import pytest
from bs4 import BeautifulSoup

from ..factories import make_story


def _policy(response) -> dict[str, str]:
    directives = [part.strip() for part in response["Content-Security-Policy"].split(";")]
    return {d.split()[0]: d for d in directives if d}


def test_a_readers_page_runs_only_the_sites_own_script_files(client):
    story = make_story()
    response = client.get(story.url)
    policy = _policy(response)
    assert "script-src" not in policy  # scripts fall back to default-src
    assert policy["default-src"] == "default-src 'self'"
    assert policy["object-src"] == "object-src 'none'"
    assert "nonce" not in response["Content-Security-Policy"]
    scripts = BeautifulSoup(response.content, "lxml").find_all("script")
    assert scripts
    for script in scripts:
        is_file = script.get("src", "").startswith("/static/") and not script.string
        is_data = script.get("type") == "application/ld+json"
        assert is_file or is_data, script


def test_the_policy_names_only_what_differs_from_its_default(client):
    policy = _policy(client.get(make_story().url))
    same_as_default = [
        name
        for name, directive in policy.items()
        if name.endswith("-src")
        and name != "default-src"
        and directive.split()[1:] == policy["default-src"].split()[1:]
    ]
    assert same_as_default == []


@pytest.mark.usefixtures("page_cache")
def test_every_reader_response_carries_the_same_policy(client):
    story = make_story()
    responses = [client.get(story.url) for _ in range(2)]
    responses += [client.get("/en/"), client.get("/en/newsline/"), client.get("/en/no-such/")]
    assert responses[1]["X-Cache"] == "HIT"
    assert len({response["Content-Security-Policy"] for response in responses}) == 1


def test_the_admin_has_a_policy_of_its_own(admin_client):
    response = admin_client.get("/admin/")
    policy = _policy(response)
    assert "'unsafe-inline'" in policy["script-src"] and policy["object-src"]


def _a_document(settings, tmp_path):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    document = get_document_model()(title="Budget")
    document.file.save("budget.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    return document


def test_documents_keep_their_own_stricter_policy(client, settings, tmp_path):
    document = _a_document(settings, tmp_path)
    assert client.get(document.url)["Content-Security-Policy"] == "default-src 'none'"
