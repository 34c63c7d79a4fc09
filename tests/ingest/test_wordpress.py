"""``newsline import_wordpress``: a WordPress export (tests/ingest/samples/wordpress.xml,
an invented outlet) into stories, keeping each post's state and old addresses, once
however often it runs; hostile exports refused whole."""

import io
import itertools
import random
import re
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

from newsline.core.models import NewsImage
from newsline.i18n.clock import outlet_zone
from newsline.ingest import wordpress
from newsline.ingest.models import IngestRun, WireStory
from newsline.ingest.sources import wordpress as wxr
from newsline.news.models import ArticlePage, NewsPage, Person, SectionPage, Topic, VideoPage

from ..factories import section
from .wire_server import WireServer

SAMPLE = Path(__file__).parent / "samples" / "wordpress.xml"
SITE = "wordpress:kohne-xeber.example"
UPLOADS = "https://kohne-xeber.example/wp-content/uploads/"
PICTURES = {  # what the media folder holds; 2023/06/itirilmis.png is missing
    "2023/05/parlament.png": (180, 40, 40),
    "2023/05/budce-qrafik.png": (40, 180, 40),
    "2023/06/neft-buruq.png": (40, 40, 180),
}
FIRST_RUN = (
    "stories 9, sections 2, topics 4, people 2, images 3, redirects 12, skipped 2, rejected 0"
)
SUMMARY = (
    ", ".join(
        rf"{name} \d+"
        for name in ("stories", "sections", "topics", "people", "images", "redirects", "skipped")
    )
    + r", rejected \d+"
)
NOTHING = "stories 0, sections 0, topics 0, people 0, images 0, redirects 0, skipped 0, rejected 1"


def _png(colour) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def media(tmp_path) -> Path:
    uploads = tmp_path / "uploads"
    for relative, colour in PICTURES.items():
        (uploads / relative).parent.mkdir(parents=True, exist_ok=True)
        (uploads / relative).write_bytes(_png(colour))
    return uploads


def run(*args) -> tuple[int, list[str], str]:
    """Exit status, stdout lines and stderr of ``newsline import_wordpress ARGS``."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_wordpress", *map(str, args), stdout=out, stderr=err)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, out.getvalue().splitlines(), err.getvalue()


def import_sample(media: Path, export: Path = SAMPLE):
    return run(export, "--section-for-uncategorised", "sport", "--media-dir", media)


def story(post_id: int):
    wire = WireStory.objects.get(source_key=SITE, guid=str(post_id))
    return ArticlePage.objects.get(pk=wire.story_id).specific


def _written() -> dict:
    return {
        "stories": ArticlePage.objects.count(),
        "sections": SectionPage.objects.count(),
        "people": Person.objects.count(),
        "topics": Topic.objects.count(),
        "images": NewsImage.objects.count(),
        "redirects": Redirect.objects.count(),
        "wires": WireStory.objects.count(),
        "runs": IngestRun.objects.count(),
    }


def test_an_export_becomes_stories_in_sections_with_people_topics_and_pictures(media):
    status, lines, errors = import_sample(media)

    assert (status, lines[-1]) == (0, FIRST_RUN)
    budget = story(101)
    assert isinstance(budget, NewsPage)
    assert budget.get_parent().pk == section("az").pk  # "Siyasət" is the politics section
    assert budget.title == "Parlament 2024-cü ilin büdcəsini təsdiqlədi"
    assert budget.lead == "Gələn ilin büdcəsi üçüncü oxunuşda qəbul edildi."
    assert [byline.person.name for byline in budget.authors.all()] == ["Leyla Məmmədova"]
    assert sorted(budget.topics.names()) == ["Bakı", "Büdcə"]
    assert budget.main_image.title == "Parlamentin fasadı"
    oil = story(103)
    economy = oil.get_parent().specific
    assert (economy.title, economy.slug, economy.live) == ("İqtisadiyyat", "iqtisadiyyat", True)
    assert economy.get_parent().specific.locale.language_code == "az"
    assert sorted(oil.topics.names()) == ["Neft", "Xəzər"]
    assert oil.main_image is None  # its picture is missing from the folder: reported
    assert "note post 103" in errors and "2023/06/itirilmis.png" in errors
    assert story(110).get_parent().slug == "sport"  # uncategorised, as asked
    assert Person.objects.filter(locale__language_code="az").count() == 2


@pytest.fixture
def imported(media):
    """The sample imported, as ``newsline import_wordpress`` answered."""
    return import_sample(media)


def test_published_posts_keep_their_time(client, imported):
    published = story(101)
    assert published.live and client.get(published.url).status_code == 200
    assert published.published_at == datetime(2023, 5, 27, 10, 0, tzinfo=UTC)
    # No GMT date: the local one, in the outlet's zone.
    assert story(102).published_at == datetime(2023, 6, 1, 9, 30, tzinfo=outlet_zone())
    readable = set(ArticlePage.objects.published().values_list("pk", flat=True))
    assert readable == {story(post).pk for post in (101, 102, 103, 110, 111)}


def test_a_draft_stays_a_draft(client, imported):
    draft = story(104)
    assert not draft.live and draft.published_at is None
    assert client.get(draft.url).status_code == 404


def test_a_future_post_is_scheduled_and_absent_from_the_site(client, imported):
    scheduled = story(105)
    assert not scheduled.live
    assert scheduled.go_live_at == datetime(2099, 1, 1, 8, 0, tzinfo=UTC)
    assert scheduled.get_latest_revision().approved_go_live_at == scheduled.go_live_at
    assert client.get(scheduled.url).status_code == 404
    assert scheduled.title not in client.get(section("az").url).content.decode()


def test_a_private_post_is_not_shown_to_readers(client, imported):
    private = story(106)
    assert private.live
    assert PageViewRestriction.objects.get(page=private).restriction_type == "login"
    response = client.get(private.url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert private.title not in client.get(section("az").url).content.decode()


def test_a_password_protected_post_answers_with_the_password_form(client, imported):
    protected = story(107)
    restriction = PageViewRestriction.objects.get(page=protected)
    assert (restriction.restriction_type, restriction.password) == ("password", "açar-2023")
    form = client.get(protected.url)
    assert form.status_code == 200 and 'type="password"' in form.content.decode()
    assert "Only subscribers" not in form.content.decode()


def test_old_addresses_answer_301_to_the_new_story(client, imported):
    budget = story(101)
    for old in ("/?p=101", "/2023/05/27/parlament-budce/"):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, budget.url), old
    assert client.get(client.get("/?p=101")["Location"]).status_code == 200
    assert client.get("/2023/10/05/minister-notes/")["Location"] == story(107).url
    russian = story(111)
    assert russian.slug == "бюджет-принят"
    response = client.get(
        "/2023/07/01/%D0%B1%D1%8E%D0%B4%D0%B6%D0%B5%D1%82-%D0%BF%D1%80%D0%B8%D0%BD%D1%8F%D1%82/"
    )
    assert (response.status_code, response["Location"]) == (301, russian.url)
    # A draft, a scheduled or a private post had no public address: none is made.
    for old in ("/?p=104", "/?p=105", "/?p=106", "/2023/09/10/redaksiya-iclasi/"):
        assert client.get(old).status_code != 301, old
    assert not Redirect.objects.filter(old_path__in=["/?p=104", "/?p=105", "/?p=106"]).exists()


def test_shortcodes_embeds_and_html_are_handled(imported):
    budget = story(101)
    blocks = [(block.block_type, block.value) for block in budget.body]
    assert [kind for kind, _ in blocks] == ["paragraph", "image", "paragraph"]
    assert blocks[1][1]["caption"] == "Gəlirlər 2024-cü ildə artacaq"  # [caption]
    text = str(blocks[2][1])
    assert "«Бюджет социально ориентирован»" in text and "[sic]" in text
    assert "Qeyd: səsvermə açıq keçdi." in text  # an unknown shortcode's text stays
    for gone in ("su_note", "contact-form-7", "script", "alert"):
        assert gone not in text
    video = story(102)
    assert isinstance(video, VideoPage)
    assert video.video_url == "https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed"
    assert "iframe" not in str(video.body) and "xanəndə" in str(video.body)
    oil = [(block.block_type, str(block.value)) for block in story(103).body]
    assert [kind for kind, _ in oil] == ["paragraph", "image", "image", "paragraph"]
    links = oil[3][1]  # [embed] and a bare address, not a video post: links
    assert '<a href="https://www.youtube.com/watch?v=aBcDeFgHiJk">' in links
    assert '<a href="https://vimeo.com/76979871">' in links
    assert "Mütəxəssislər" in links


def test_a_second_run_imports_nothing_twice(media):
    import_sample(media)
    before = _written()

    status, lines, _ = import_sample(media)

    assert (status, lines[-1]) == (
        0,
        "stories 0, sections 0, topics 0, people 0, images 0, redirects 0, skipped 11, rejected 0",
    )
    assert _written() == {**before, "runs": before["runs"] + 1}


def test_an_interrupted_run_goes_on_where_it_stopped(media, monkeypatch):
    filed, calls = wordpress._file, itertools.count(1)

    def interrupted(*args, **kwargs):
        if next(calls) == 3:  # in the middle of the third post
            raise KeyboardInterrupt
        return filed(*args, **kwargs)

    monkeypatch.setattr(wordpress, "_file", interrupted)
    status, lines, errors = import_sample(media)
    assert status == 130 and "run the same command again" in errors
    assert lines[-1].startswith("stories 2, sections 1,")
    assert not SectionPage.objects.filter(slug="iqtisadiyyat").exists()  # post 103's, undone
    monkeypatch.undo()

    status, lines, _ = import_sample(media)

    assert (status, lines[-1]) == (
        0,
        "stories 7, sections 1, topics 2, people 0, images 1, redirects 8, skipped 4, rejected 0",
    )
    assert WireStory.objects.filter(source_key=SITE).count() == 9
    assert ArticlePage.objects.filter(locale__language_code="az").count() == 9


def test_a_rejected_post_is_named_with_its_reason_and_the_rest_imported(media, tmp_path):
    export = tmp_path / "export.xml"
    text = SAMPLE.read_text().replace("2023-09-10 07:00:00", "2023-19-10 07:00:00")
    export.write_text(text.replace("2023-09-10 11:00:00", "sometime in autumn"))

    status, lines, _ = run(export, "--media-dir", media)

    assert status == 1
    assert lines[:-1] == [
        "rejected post 106 “Redaksiya iclasının qeydləri”: its date '2023-19-10 07:00:00' "
        "cannot be read",
        "rejected post 110 “Bakı marafonunda rekord iştirak”: it is in no category but "
        "WordPress's default one; give --section-for-uncategorised SLUG",
    ]
    assert lines[-1] == (
        "stories 7, sections 2, topics 4, people 2, images 3, redirects 10, skipped 2, rejected 2"
    )
    assert IngestRun.objects.get().rejected == 2


def test_pictures_are_fetched_without_a_media_folder(settings, tmp_path):
    settings.NEWSLINE_INGEST_ALLOW_PRIVATE = True  # the old site is on loopback here
    with WireServer() as old_site:
        for relative, colour in PICTURES.items():
            old_site.serve(f"/wp-content/uploads/{relative}", _png(colour), "image/png")
        export = tmp_path / "export.xml"
        uploads = f"{old_site.base}/wp-content/uploads/"
        export.write_text(SAMPLE.read_text().replace(UPLOADS, uploads))

        status, lines, errors = run(export, "--section-for-uncategorised", "sport")

    assert (status, lines[-1]) == (0, FIRST_RUN)
    assert story(101).main_image is not None
    assert "itirilmis.png answered 404" in errors


def _with_doctype(doctype: bytes, padding: int = 0) -> bytes:
    declaration, rest = SAMPLE.read_bytes().split(b"\n", 1)
    return declaration + b"\n<!--" + b" " * padding + b"-->\n" + doctype + b"\n" + rest


BILLION_LAUGHS = (
    b'<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)
EXTERNAL = b'<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
ATOM = b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>'


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda: _with_doctype(BILLION_LAUGHS), "declares a DTD"),
        # Past the first bytes ``xml.check`` reads: the parser refuses it.
        (lambda: _with_doctype(EXTERNAL, padding=100_000), "declares a DTD"),
        (lambda: SAMPLE.read_bytes()[: len(SAMPLE.read_bytes()) // 2], "not well-formed XML"),
        (
            lambda: SAMPLE.read_text().encode("cp1251", errors="replace"),
            "not well-formed XML",
        ),
        (
            lambda: SAMPLE.read_bytes().replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"'),
            "declares the encoding iso-8859-1 but is written in UTF-8",
        ),
        (lambda: ATOM, "not a WordPress export: its root element is <feed>"),
        (lambda: b"", "the document is empty"),
    ],
    ids=["bomb", "external-entity", "truncated", "not-utf-8", "lying-latin", "atom", "empty"],
)
def test_a_hostile_export_is_refused_whole_and_nothing_written(media, tmp_path, make, reason):
    export = tmp_path / "export.xml"
    export.write_bytes(make())
    before = _written()

    status, lines, errors = import_sample(media, export)

    assert status == 1 and "Traceback" not in errors
    assert lines[-2].startswith(f"rejected {export}: ") and reason in lines[-2], lines
    assert lines[-1] == NOTHING
    assert _written() == before


def _damaged_bytes(chance: random.Random) -> bytes:
    """A byte changed, a stretch lost, a stretch repeated: rarely XML any more."""
    data = bytearray(SAMPLE.read_bytes())
    for _ in range(3):
        at = chance.randrange(len(data))
        action = chance.choice(("flip", "cut", "repeat"))
        if action == "flip":
            data[at] = chance.randrange(256)
        elif action == "cut":
            del data[at : at + chance.randrange(1, 400)]
        else:
            data[at:at] = data[at : at + chance.randrange(1, 400)]
    return bytes(data)


def _damaged_values(chance: random.Random) -> bytes:
    """Well-formed, but values replaced with junk: shortcodes, tags, quotes, numbers."""
    alphabet = "[]<>/=\"' \n\t&;#0123456789abcxyzəıЖ-_:.?%"
    text = SAMPLE.read_text()

    def junk(match):
        if chance.random() > 0.3:
            return match[0]
        value = "".join(chance.choice(alphabet) for _ in range(chance.randrange(0, 80)))
        return f"<![CDATA[{value}]]>" if match[1] is not None else f">{escape(value)}<"

    return re.sub(r"<!\[CDATA\[(.*?)\]\]>|>(\d+)<", junk, text, flags=re.DOTALL).encode()


@pytest.mark.parametrize(
    ("damage", "seed"),
    [(_damaged_bytes, seed) for seed in range(3)] + [(_damaged_values, seed) for seed in range(6)],
)
def test_a_damaged_export_never_ends_in_a_traceback(media, tmp_path, damage, seed):
    export = tmp_path / "export.xml"
    export.write_bytes(damage(random.Random(seed)))

    status, lines, errors = import_sample(media, export)

    assert status in (0, 1) and "Traceback" not in errors
    assert re.fullmatch(SUMMARY, lines[-1]), lines


def test_an_export_over_the_cap_is_refused(media, monkeypatch):
    monkeypatch.setattr(wxr, "MAX_EXPORT_BYTES", 10_000)

    status, lines, _ = import_sample(media)

    assert status == 1 and "the limit is 10,000 bytes" in lines[-2]
    assert lines[-1] == NOTHING and not WireStory.objects.exists()


def test_a_missing_file_is_refused(tmp_path):
    status, lines, _ = run(tmp_path / "nowhere.xml")
    assert status == 1 and "could not be read" in lines[-2] and lines[-1] == NOTHING


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--language", "fr"), "unknown language 'fr'"),
        (("--section-for-uncategorised", "weather"), "no section 'weather' in 'az'"),
        (("--media-dir", "/no/such/folder"), "is not a folder"),
    ],
)
def test_wrong_options_stop_before_anything_is_written(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_wordpress", str(SAMPLE), *args, stdout=io.StringIO())
    assert not WireStory.objects.exists()


def test_scheduled_time_already_past_is_published(media, tmp_path):
    export = tmp_path / "export.xml"
    export.write_text(SAMPLE.read_text().replace("2099-01-01 08:00:00", "2020-01-01 08:00:00"))

    import_sample(media, export)

    missed = story(105)
    assert missed.live and missed.published_at == datetime(2020, 1, 1, 8, 0, tzinfo=UTC)
    assert missed.published_at < timezone.now()
