"""Media in an S3-compatible bucket: uploads, renditions and deletes, against a
real S3 server (moto in server mode) that these tests start on loopback."""

import socket

import boto3
import pytest
from moto.server import ThreadedMotoServer

from newsline.settings.base import s3_storage

from ..factories import ImageFactory, make_story

BUCKET = "newsline-media"
CREDENTIALS = {"access_key_id": "testing", "secret_access_key": "testing"}


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(
            bucket=BUCKET,
            endpoint_url=s3_endpoint,
            region="us-east-1",
            custom_domain="",
            **CREDENTIALS,
        ),
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _keys(client):
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_uploaded_picture_and_its_renditions_live_in_the_bucket(bucket, s3_endpoint):
    image = ImageFactory()
    assert image.file.name in _keys(bucket)
    head = bucket.head_object(Bucket=BUCKET, Key=image.file.name)
    assert "immutable" in head["CacheControl"]
    rendition = image.get_rendition("width-160|format-webp")
    assert rendition.file.name in _keys(bucket)
    assert rendition.url.startswith(f"{s3_endpoint}/{BUCKET}/")
    assert "?" not in rendition.url  # plain addresses a CDN can cache


def test_story_page_shows_pictures_from_the_bucket(client, bucket, s3_endpoint):
    story = make_story(image=ImageFactory())
    html = client.get(story.url).content.decode()
    assert f'src="{s3_endpoint}/{BUCKET}/' in html


def test_deleting_a_picture_deletes_its_files(bucket, django_capture_on_commit_callbacks):
    image = ImageFactory()
    rendition = image.get_rendition("width-160|format-webp")
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert image.file.name not in _keys(bucket)
    assert rendition.file.name not in _keys(bucket)
