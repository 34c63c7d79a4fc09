"""``newsline ingest``: its output lines and exit codes are a contract."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newsline.ingest.models import IngestRun, WireSource, WireStory
from newsline.news.models import ArticlePage

from ..factories import section
from .test_polling import rss

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss version="2.0"><channel><title>&lol2;</title></channel></rss>"""


def ingest(*args) -> tuple[int, list[str]]:
    """Exit status and stdout lines of ``newsline ingest ARGS``."""
    out = io.StringIO()
    try:
        call_command("ingest", *args, stdout=out, stderr=io.StringIO())
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, out.getvalue().splitlines()


@pytest.fixture
def feed(tmp_path):
    path = tmp_path / "wire.xml"
    path.write_bytes(rss(("c-1", "Ferry resumes"), ("c-2", "Rain in the north")))
    return path


def test_a_feed_is_read_into_drafts_and_counted(feed):
    status, lines = ingest("--language", "en", "--section", "politics", str(feed))
    assert (status, lines[-1]) == (0, "created 2, updated 0, unchanged 0, rejected 0")
    story = ArticlePage.objects.get(title="Ferry resumes")
    assert story.get_parent().slug == "politics" and not story.live
    assert IngestRun.objects.get().label.endswith("wire.xml")


def test_publish_publishes(feed):
    ingest("--language", "en", "--section", "politics", "--publish", str(feed))
    assert ArticlePage.objects.get(title="Ferry resumes").live


def test_a_second_run_makes_nothing_twice(feed):
    ingest("--language", "en", "--section", "politics", str(feed))
    status, lines = ingest("--language", "en", "--section", "politics", str(feed))
    assert (status, lines[-1]) == (0, "created 0, updated 0, unchanged 2, rejected 0")


def test_a_rejected_item_is_named_with_its_reason_and_exits_1(tmp_path):
    path = tmp_path / "wire.xml"
    path.write_bytes(rss(("c-1", "Ferry resumes"), ("c-2", "x" * 300)))
    status, lines = ingest("--language", "en", "--section", "politics", str(path))
    assert status == 1
    assert "rejected c-2: the headline has 300 characters; at most 255" in lines
    assert lines[-1] == "created 1, updated 0, unchanged 0, rejected 1"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00junk", "neither XML nor JSON"),
        (BOMB, "DTD"),
        (b"<rss><channel><item><title>cut", "well-formed"),
        (b'{"uri": ', "not valid JSON"),
    ],
)
def test_any_input_gets_a_reason_never_a_traceback(tmp_path, content, reason):
    path = tmp_path / "bad.xml"
    path.write_bytes(content)
    status, lines = ingest("--language", "en", "--section", "politics", str(path))
    assert status == 1
    assert lines[0].startswith(f"rejected {path}: ") and reason in lines[0], lines
    assert lines[-1] == "created 0, updated 0, unchanged 0, rejected 1"
    assert not WireStory.objects.exists()


def test_a_missing_file_is_a_rejection_and_the_others_go_on(feed, tmp_path):
    missing = tmp_path / "nowhere.xml"
    status, lines = ingest("--language", "en", "--section", "politics", str(missing), str(feed))
    assert status == 1
    assert f"rejected {missing}: no such file" in lines
    assert lines[-1] == "created 2, updated 0, unchanged 0, rejected 1"


def test_an_unknown_section_is_refused_with_a_reason(feed):
    with pytest.raises(CommandError, match="no section 'weather' in 'en'"):
        ingest("--language", "en", "--section", "weather", str(feed))


def test_a_source_gives_its_section_and_its_identity(feed):
    WireSource.objects.create(
        name="Caspian Wire",
        format="rss",
        url="https://wire.example.az/rss",
        language="en",
        section=section("en", "sport"),
    )
    ingest("--source", "Caspian Wire", str(feed))
    wire = WireStory.objects.get(guid="c-1")
    assert wire.source_key == "Caspian Wire"
    assert ArticlePage.objects.get(title="Ferry resumes").get_parent().slug == "sport"


def test_the_format_can_be_named(feed):
    status, lines = ingest(
        "--format", "rss", "--language", "en", "--section", "politics", str(feed)
    )
    assert status == 0
    status, lines = ingest(
        "--format", "ninjs", "--language", "en", "--section", "politics", str(feed)
    )
    assert status == 1 and "JSON" in lines[0]
