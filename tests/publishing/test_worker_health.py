"""Administrators see whether a worker runs, and its last error."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from newsline.publishing import worker
from newsline.publishing.models import WorkerHealth


def _beat(seconds_ago=0, error=None):
    health = worker.Health(worker_id="node-a:4242")
    if error:
        health.failed("schedule", error)
    health.write()
    if seconds_ago:
        moment = timezone.now() - timedelta(seconds=seconds_ago)
        WorkerHealth.objects.update(beat_at=moment)


def test_worker_health_shows_the_last_beat_and_error(admin_client):
    _beat(error=ConnectionError("connection to server at 127.0.0.1 failed"))
    page = admin_client.get(reverse("worker_health")).content.decode()
    assert "node-a:4242" in page
    assert "connection to server at 127.0.0.1 failed" in page
    assert "No worker has been heard from" not in page


def test_a_silent_worker_is_flagged_on_the_admin_home(admin_client):
    _beat(seconds_ago=120)
    assert (
        "No worker has been heard from"
        in admin_client.get(reverse("worker_health")).content.decode()
    )
    assert (
        "No worker has been heard from"
        in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_a_beating_worker_leaves_the_home_page_quiet(admin_client):
    _beat()
    assert (
        "No worker has been heard from"
        not in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_only_administrators_see_worker_health(client, django_user_model):
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("desk", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(reverse("worker_health")).status_code in (302, 403)
