"""The wire parsers: every sample mapped field by field, and every hostile document
refused or its items rejected with a reason naming the problem: never an exception,
a file read or a connection."""

import hashlib
import json
import select
import socket
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsline.ingest import ninjs_schema, sources, xml
from newsline.ingest.items import CANCELED, WITHHELD, DocumentError, Item, Picture, Rejected
from newsline.ingest.sources import feed, newsml, ninjs

SAMPLES = Path(__file__).parent / "samples"
HOSTILE = Path(__file__).parent / "hostile"
BAKU, MOSCOW = timezone(timedelta(hours=4)), timezone(timedelta(hours=3))
CDN = "https://cdn.absheron-xeber.example"
SITE = "https://absheron-xeber.example"
PARSERS = {"feed": feed, "ninjs": ninjs, "newsml": newsml}


@pytest.fixture(autouse=True)
def _db():
    """Parsers are plain functions: no database (overrides the suite's autouse one)."""


def _read(data: bytes, format_code: str | None = None) -> list:
    return list(sources.parser(format_code or sources.detect(data)).parse(data))


EXPECTED = {
    "rss-media.xml": (
        "rss",
        [
            Item(
                guid="urn:absheron-xeber:news:1201",
                headline="Bakıda yeni metro stansiyası açıldı - VİDEO",
                published_at=datetime(2026, 12, 3, 9, 30, tzinfo=BAKU),
                lead='Xətai rayonunda "Günəşli" stansiyası sərnişinlərin ixtiyarına verildi.',
                body_html="<p>Yeni stansiya gündə 40 min sərnişinə xidmət edəcək.</p>"
                '<iframe src="https://www.youtube.com/embed/abcDEF12345"></iframe>',
                bylines=("Leyla Məmmədova", "Rauf Əliyev"),
                subjects=("Video", "Nəqliyyat"),
                genres=("Video", "Nəqliyyat"),
                picture=Picture(
                    url=f"{CDN}/2026/12/gunesli-1600.jpg",
                    caption="Stansiyanın açılış mərasimi",
                    credit="Elvin Quliyev / Abşeron Xəbər",
                    alt='"Günəşli" stansiyasının platforması',
                    mime_type="image/jpeg",
                ),
                language="az",
                link=f"{SITE}/az/news/1201",
            ),
            Item(
                guid=f"{SITE}/ru/interview/88",
                headline="Интервью с министром",
                published_at=datetime(2026, 12, 2, 18, 0, tzinfo=UTC),
                lead="Министр транспорта рассказал о планах на 2027 год & о новых линиях.",
                body_html=f'<p>— Когда откроется <a href="{SITE}/ru/metro">новая линия</a>?</p>'
                "<p>— В 2027 году.</p>",
                bylines=("Анна Смирнова", "Иван Петров"),
                subjects=("Интервью", "Транспорт"),
                genres=("Интервью", "Транспорт"),
                picture=Picture(
                    url=f"{CDN}/2026/12/minister.png",
                    caption="Министр во время интервью",
                    credit="Пресс-служба министерства",
                    alt="Фото министра",
                    mime_type="image/png",
                ),
                language="ru",
                link=f"{SITE}/ru/interview/88",
            ),
            Item(
                guid=f"{SITE}/az/rey/77",
                headline="Rəy: Xəzərin səviyyəsi niyə düşür?",
                published_at=datetime(2026, 12, 3, 8, 15, tzinfo=BAKU),
                lead="Ekoloq Nigar Hüseynova yazır.",
                bylines=("Nigar Hüseynova",),
                subjects=("Rəy",),
                genres=("Rəy",),
                picture=Picture(url=f"{CDN}/2026/12/xezer-960.jpg"),
                language="az",
                link=f"{SITE}/az/rey/77",
            ),
        ],
    ),
    "atom.xml": (
        "atom",
        [
            Item(
                guid="tag:absheron-xeber.example,2026:ru/news/1202",
                headline="Интервью с министром: «Метро дойдёт до аэропорта»",
                published_at=datetime(2026, 12, 3, 9, 0, tzinfo=MOSCOW),
                updated_at=datetime(2026, 12, 3, 9, 45, tzinfo=MOSCOW),
                lead="Министр транспорта рассказал о сроках.",
                body_html="<p>Первый поезд пройдёт <strong>в 2028 году</strong>.</p>",
                bylines=("Анна Смирнова", "Иван Петров"),
                subjects=("Интервью", "Транспорт"),
                genres=("Интервью", "Транспорт"),
                picture=Picture(url=f"{CDN}/2026/12/metro-map.jpg", mime_type="image/jpeg"),
                language="ru",
                link=f"{SITE}/ru/news/1202",
            ),
            Item(
                guid="tag:absheron-xeber.example,2026:en/news/1203",
                headline="Ferry to Turkmenbashi resumes after storm",
                published_at=datetime(2026, 12, 3, 6, 10, tzinfo=UTC),
                body_html="<p>Ferries left Alat port at dawn.</p>"
                "<p>The next sailing is on Friday.</p>",
                picture=Picture(
                    url=f"{CDN}/2026/12/ferry.webp",
                    caption="The ferry leaving Alat port",
                    credit="Murad Kazımov",
                    mime_type="image/webp",
                ),
                language="en",
            ),
        ],
    ),
    "ninjs-1.0.json": (
        "ninjs",
        [
            Item(
                guid="urn:absheron-xeber:ninjs:az:1301",
                headline="Gəncədə Nar & Üzüm festivalı başladı",
                published_at=datetime(2026, 12, 3, 11, 20, tzinfo=BAKU),
                lead="Festival üç gün davam edəcək.",
                body_html="<p>Festivalda 40-dan çox <b>nar</b> sortu nümayiş olunur.</p>",
                version="3",
                bylines=("Səbinə Qasımova", "Tural Həsənov"),
                subjects=("Mədəniyyət", "Gəncə"),
                picture=Picture(
                    url=f"{CDN}/ninjs/5501-large.jpg",
                    caption="Festivalın ilk günü bazarda",
                    credit="© 2026 Abşeron Xəbər",
                    alt="Nar yarmarkası",
                    mime_type="image/jpeg",
                ),
                language="az",
            )
        ],
    ),
    "ninjs-1.6.json": (
        "ninjs",
        [
            Item(
                guid=f"{SITE}/ru/ninjs/1302",
                headline="Интервью с министром",
                published_at=datetime(2026, 12, 2, 16, 0, tzinfo=MOSCOW),
                updated_at=datetime(2026, 12, 2, 16, 40, tzinfo=MOSCOW),
                lead="Министр экономики ответил на вопросы читателей.",
                body_html="<p>Первый вопрос касался цен.</p><p>Второй — налогов &amp; пошлин.</p>",
                version="1",
                bylines=("Ольга Ким",),
                subjects=("Экономика",),
                genres=("Интервью",),
                language="ru",
                link=f"{SITE}/ru/interview/1302",
                status=WITHHELD,
            )
        ],
    ),
    "ninjs-2.2.json": (
        "ninjs",
        [
            Item(
                guid="tag:absheron-xeber.example,2026:story/1401",
                headline="Bakıda yeni metro stansiyası açıldı - VİDEO",
                published_at=datetime(2026, 12, 3, 7, 0, tzinfo=BAKU),
                updated_at=datetime(2026, 12, 3, 7, 25, tzinfo=BAKU),
                lead="Yeni stansiya gündə 40 min sərnişinə xidmət edəcək.",
                body_html="<p>Açılışda nazir iştirak etdi.</p>",
                version="2",
                bylines=("Leyla Məmmədova", "Rauf Əliyev"),
                subjects=("Nəqliyyat", "baki"),
                genres=("Video",),
                picture=Picture(
                    url=f"{CDN}/2026/12/88-large.jpg",
                    caption="Yeni stansiyanın girişi, 3 dekabr",
                    credit="Elvin Quliyev",
                    alt="Metro stansiyasının şüşə girişi",
                    mime_type="image/jpeg",
                ),
                language="az",
                link=f"{SITE}/az/news/1401",
            ),
            Item(
                guid="tag:absheron-xeber.example,2026:story/1399",
                headline="",
                published_at=datetime(2026, 12, 3, 8, 0, tzinfo=BAKU),
                version="4",
                language="az",
                status=CANCELED,
            ),
        ],
    ),
    "ninjs-3.1.json": (
        "ninjs",
        [
            Item(
                guid="urn:absheron-xeber:ninjs3:1501",
                headline="Каспийский тюлень: число животных растёт",
                published_at=datetime(2026, 12, 3, 12, 0, tzinfo=MOSCOW),
                updated_at=datetime(2026, 12, 3, 12, 5, tzinfo=MOSCOW),
                lead="Учёные насчитали больше тюленей, чем год назад.",
                body_html="<p>Подсчёт вели с вертолёта.</p><p>Данные опубликуют весной.</p>",
                version="1",
                bylines=("Мария Алиева", "Олег Гусейнов"),
                subjects=("Экология", "Каспий"),
                genres=("Новости",),
                picture=Picture(
                    url=f"{CDN}/2026/12/seal.avif",
                    caption="Тюлени на острове",
                    credit="© Институт зоологии",
                    mime_type="image/avif",
                ),
                language="ru",
                link=f"{SITE}/ru/news/1501",
            )
        ],
    ),
    "newsml-message.xml": (
        "newsml",
        [
            Item(
                guid="urn:newsml:absheron-xeber.example:20261203:metro-1601",
                headline="Bakıda yeni metro stansiyası açıldı - VİDEO",
                published_at=datetime(2026, 12, 3, 9, 0, tzinfo=BAKU),
                updated_at=datetime(2026, 12, 3, 9, 30, tzinfo=BAKU),
                lead='"Günəşli" stansiyası sərnişinlərin ixtiyarına verildi.',
                body_html="<p>Yeni stansiya gündə <strong>40 min</strong> sərnişinə xidmət "
                'edəcək.</p><p>Açılış videosu: <a href="https://www.youtube.com/watch?v='
                'abcDEF12345">YouTube</a></p>',
                version="3",
                bylines=("Leyla Məmmədova", "Rauf Əliyev"),
                subjects=("Nəqliyyat", "Bakı", "metro"),
                genres=("Aktual",),
                picture=Picture(
                    url=f"{CDN}/newsml/1602-high.jpg",
                    caption="Stansiyanın açılış mərasimi, 3 dekabr 2026",
                    credit="Elvin Quliyev / Abşeron Xəbər",
                    alt="Platformada dayanan qatar",
                    mime_type="image/jpeg",
                ),
                language="az",
            ),
            Item(
                guid="urn:newsml:absheron-xeber.example:20261202:ferry-1590",
                headline="Паром в Туркменбаши отменён",
                published_at=datetime(2026, 12, 2, 21, 0, tzinfo=MOSCOW),
                updated_at=datetime(2026, 12, 3, 9, 20, tzinfo=MOSCOW),
                version="2",
                language="ru",
                status=CANCELED,
            ),
        ],
    ),
    "newsml-item.xml": (
        "newsml",
        [
            Item(
                guid="urn:newsml:absheron-xeber.example:20261203:weather-1610",
                headline="Strong north wind expected on the Absheron peninsula",
                published_at=datetime(2026, 12, 3, 5, 0, tzinfo=UTC),
                lead="Gusts of up to 25 m/s are forecast for Thursday evening.",
                body_html="<p>Ferries may be delayed.</p>"
                "<p>Drivers are asked to take care on the coastal road.</p>",
                version="1",
                bylines=("Nigar Hüseynova", "Tural Həsənov"),
                picture=Picture(
                    url=f"{CDN}/newsml/wind.png",
                    alt="Wind map of the Absheron peninsula",
                    mime_type="image/png",
                ),
                language="en",
                status=WITHHELD,
            )
        ],
    ),
}


def _offsets(items) -> list:
    """Aware datetimes compare as instants: their offsets are checked apart."""
    return [
        (item.published_at.utcoffset(), item.updated_at and item.updated_at.utcoffset())
        for item in items
    ]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_is_mapped_field_by_field(name):
    code, expected = EXPECTED[name]
    items = list(sources.parser(code).parse((SAMPLES / name).read_bytes()))
    assert items == expected
    assert _offsets(items) == _offsets(expected)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_detect_tells_the_format_of_each_sample(name):
    assert sources.detect((SAMPLES / name).read_bytes()) == EXPECTED[name][0]


def test_ninjs_items_say_the_version_they_were_read_as_and_newsml_its_slugline():
    read = {
        name: [item.extra for item in _read((SAMPLES / name).read_bytes())]
        for name in ("ninjs-1.0.json", "ninjs-1.6.json", "ninjs-3.1.json", "newsml-message.xml")
    }
    # 1.0 cannot say its version: it is read as the newest 1.x it is valid against.
    assert read["ninjs-1.0.json"] == [{"ninjs": "1.6"}]
    assert read["ninjs-1.6.json"] == [{"ninjs": "1.6"}]
    assert read["ninjs-3.1.json"] == [{"ninjs": "3.1"}]
    assert read["newsml-message.xml"][0] == {"slugline": "metro-gunesli"}


NINJS_SAMPLES = {
    "ninjs-1.0.json": "1.0",
    "ninjs-1.6.json": "1.6",
    "ninjs-2.2.json": "2.2",
    "ninjs-3.1.json": "3.1",
}


@pytest.mark.parametrize(("name", "version"), NINJS_SAMPLES.items())
def test_ninjs_sample_is_valid_against_its_own_schema(name, version):
    document = json.loads((SAMPLES / name).read_bytes())
    validator = ninjs_schema.validator(version)
    for item in document if isinstance(document, list) else [document]:
        assert [error.message for error in validator.iter_errors(item)] == []


# SHA-256 of IPTC's published schemas (as in shared/schemas/ninjs/).
OFFICIAL_SCHEMAS = {
    "1.0": "f2ea48cd839217b665a7433f5b8e31ae5c5ec81bcdfe6f3b5590c5559a99cb92",
    "1.1": "c2f48f625475d4567df52515db6bfde095a1db165f65eba656db170c9495fac0",
    "1.2": "f55ff6df71b8da43f74daf422a8b459ca71d1a9fc9c968672953f066649cd432",
    "1.3": "2a0930f093e541ec68529ea5ac5c8f1b5a2fb1339365725704bcb27dc97d2cb6",
    "1.4": "1585fd676cf74da54d9d39a590d0130b16fb4fd04cceb78349d7ee8fae9d997e",
    "1.5": "9ba23fdb368c61253faf97bbdce92b3979f6f4209c54b649437be42ef63f9fda",
    "1.6": "ae8deb3991f10368593ace8696888a3fd47189893dd327ab89eb344e6b966f49",
    "2.0": "2489b1ebf7de595f1632e5d08e5e44a88be8e22fdda501c753060e53d2809a00",
    "2.1": "4587358623bfa6c3d83a19b8719180983db02a40a355f5825fc604604a3936f8",
    "2.2": "88c84fa87382c5a7a314fd44ab1041921c7cbac47ab9550bc4964b1fa30897e2",
    "3.0": "9c1158d5165e92dfdfb9c4dac64a78e59241dea1c8a32b57fbc7bb6795a0eb07",
    "3.1": "404f578a299bf34e76e98f2de26ad9989882ebd7abf3a4d3cf3aa689b70a8744",
}


def test_vendored_ninjs_schemas_are_iptcs_unchanged():
    found = {
        version: hashlib.sha256(ninjs_schema.schema_path(version).read_bytes()).hexdigest()
        for version in ninjs_schema.VERSIONS
    }
    assert found == OFFICIAL_SCHEMAS


def _ninjs(**fields) -> bytes:
    return json.dumps({"uri": "urn:absheron-xeber:v", **fields}).encode()


HEADLINES = [{"value": "Xəbər"}]
AT = "2026-12-03T09:30:00+04:00"


@pytest.mark.parametrize(
    ("document", "version"),
    [
        (_ninjs(standard={"version": "2.0"}, headlines=HEADLINES, versioncreated=AT), "2.0"),
        (_ninjs(standard={"version": "3.0.1"}, headlines=HEADLINES, versionCreated=AT), "3.0"),
        (_ninjs(**{"$standard": {"version": "1.3"}}, headline="Xəbər", versioncreated=AT), "1.3"),
        (
            _ninjs(
                standard={"schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json"},
                headlines=HEADLINES,
                versioncreated=AT,
            ),
            "2.1",
        ),
        (_ninjs(headlines=HEADLINES, versionCreated=AT), "3.1"),
        (_ninjs(headlines=HEADLINES, versioncreated=AT), "2.2"),
        (_ninjs(headline="Xəbər", versioncreated=AT), "1.6"),
    ],
    ids=["2.0", "3.0.1", "$standard 1.3", "schema address", "camelCase", "plural", "1.x names"],
)
def test_ninjs_version_is_told_from_the_document(document, version):
    [item] = _read(document)
    assert (item.headline, item.extra) == ("Xəbər", {"ninjs": version})


@pytest.mark.parametrize(
    "document",
    [
        _ninjs(headlines=HEADLINES, versioncreated=AT, embargoed="2026-12-05T12:00:00+04:00"),
        _ninjs(headlines=HEADLINES, versionCreated=AT, embargoedUntil="2026-12-05T12:00:00+04:00"),
    ],
    ids=["2.x embargoed", "3.x embargoedUntil"],
)
def test_a_ninjs_embargo_is_read(document):
    [item] = _read(document)
    assert item.embargoed_until == datetime(2026, 12, 5, 8, 0, tzinfo=UTC)


def test_a_newsml_embargo_is_read():
    message = (SAMPLES / "newsml-item.xml").read_text()
    embargoed = message.replace(
        "</versionCreated>", "</versionCreated><embargoed>2026-12-05T12:00:00+04:00</embargoed>", 1
    )
    [item] = [found for found in _read(embargoed.encode()) if isinstance(found, Item)]
    assert item.embargoed_until == datetime(2026, 12, 5, 8, 0, tzinfo=UTC)


def test_newslines_own_ninjs_list_is_read():
    item = json.loads(_ninjs(headlines=HEADLINES, versioncreated=AT))
    items = _read(json.dumps({"items": [item, {**item, "uri": "urn:absheron-xeber:w"}]}).encode())
    assert [item.guid for item in items] == ["urn:absheron-xeber:v", "urn:absheron-xeber:w"]


def test_a_utf_16_feed_is_read_like_its_utf_8_twin():
    text = (SAMPLES / "rss-media.xml").read_text(encoding="utf-8")
    wide = text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    assert _read(wide) == EXPECTED["rss-media.xml"][1]


def test_a_feed_in_the_encoding_it_declares_is_read():
    data = (
        '<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>x'
        "</title><item><title>Интервью с министром</title><guid>urn:cp1251</guid>"
        "<pubDate>Thu, 03 Dec 2026 09:30:00 +0300</pubDate></item></channel></rss>"
    ).encode("cp1251")
    assert [item.headline for item in _read(data)] == ["Интервью с министром"]


# The hostile corpus: documents refused as a whole.


def _hostile(name: str):
    return lambda: (HOSTILE / name).read_bytes()


def _lying_cp1251() -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>'
        "<item><title>Интервью с министром</title><guid>urn:lie</guid></item></channel></rss>"
    ).encode("cp1251")


def _wide_doctype(encoding: str):
    laughs = (HOSTILE / "billion-laughs.xml").read_text(encoding="utf-8")
    return lambda: laughs.replace("utf-8", "utf-16" if "16" in encoding else "utf-32").encode(
        encoding
    )


def _over_the_cap(head: bytes, tail: bytes):
    return lambda: head + b" " * xml.MAX_DOCUMENT_BYTES + tail


REFUSED = [
    ("billion laughs", _hostile("billion-laughs.xml"), "feed", "declares a DTD"),
    ("external entity", _hostile("external-entity-file.xml"), "feed", "declares a DTD"),
    ("parameter entities", _hostile("parameter-entities.xml"), "newsml", "declares a DTD"),
    ("DTD after a comment", _hostile("doctype-after-comment.xml"), "feed", "declares a DTD"),
    ("DTD in UTF-16", _wide_doctype("utf-16"), "feed", "declares a DTD"),
    ("DTD in UTF-16 without BOM", _wide_doctype("utf-16-le"), "newsml", "declares a DTD"),
    ("DTD in UTF-32", _wide_doctype("utf-32"), "feed", "declares a DTD"),
    ("truncated XML", _hostile("truncated.xml"), "feed", "not well-formed XML: Premature end"),
    ("unknown encoding", _hostile("unknown-encoding.xml"), "feed", "encoding: klingon-8"),
    (
        "UTF-16 declared, UTF-8 written",
        _hostile("declared-utf-16-is-utf-8.xml"),
        "feed",
        "declares the encoding UTF-16 but is not written in it",
    ),
    ("UTF-8 declared, cp1251 written", _lying_cp1251, "feed", "Invalid bytes in character"),
    ("not XML", _hostile("not-xml.txt"), "feed", "not XML"),
    ("empty XML", lambda: b" \n", "newsml", "empty"),
    (
        "HTML for a feed",
        _hostile("wrong-root.xml"),
        "feed",
        "not an RSS or Atom 1.0 feed: .*<html> in http://www.w3.org/1999/xhtml",
    ),
    ("RSS for NewsML", _hostile("rss-broken-items.xml"), "newsml", "not NewsML-G2: .*<rss>"),
    ("invalid JSON", _hostile("invalid.json"), "ninjs", "not valid JSON"),
    ("JSON 100k deep", lambda: b"[" * 100_000 + b"]" * 100_000, "ninjs", "nested too deeply"),
    ("JSON 50 deep", lambda: b"[" * 50 + b"]" * 50, "ninjs", "nested more than 40 levels"),
    ("JSON string", lambda: b'"Interview"', "ninjs", "object or a list of objects, not str"),
    ("lone surrogate", lambda: _ninjs(headlines=[{"value": "\ud800"}]), "ninjs", "surrogate"),
    ("huge feed", _over_the_cap(b"<rss>", b"</rss>"), "feed", "the limit is 33,554,432 bytes"),
    ("huge NewsML", _over_the_cap(b"<newsItem>", b"</newsItem>"), "newsml", "the limit is"),
    ("huge ninjs", _over_the_cap(b"[", b"]"), "ninjs", "the limit is 33,554,432 bytes"),
]


@pytest.mark.parametrize(
    ("make", "parser", "reason"),
    [pytest.param(make, parser, reason, id=name) for name, make, parser, reason in REFUSED],
)
def test_hostile_document_is_refused_with_its_reason(make, parser, reason):
    with pytest.raises(DocumentError, match=reason):
        list(PARSERS[parser].parse(make()))


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda: b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (_hostile("invalid.json"), "not valid JSON"),
        (_hostile("not-xml.txt"), "neither XML nor JSON"),
        (_hostile("wrong-root.xml"), "neither RSS, Atom nor NewsML-G2"),
    ],
    ids=["deep JSON", "invalid JSON", "neither", "other XML"],
)
def test_detect_refuses_what_it_cannot_tell_with_a_reason(make, reason):
    with pytest.raises(DocumentError, match=reason):
        sources.detect(make())


# The hostile corpus: items rejected one by one, the rest read.

REJECTED = {
    "rss-broken-items.xml": [
        Rejected("item 1", "it has neither a guid nor a link"),
        Rejected("urn:broken:no-title", "it has no title"),
        Rejected("urn:broken:empty-title", "it has no title"),
        Rejected("urn:broken:no-date", "it has no date (pubDate, published or updated)"),
        Rejected(
            "urn:broken:year",
            "its date 'Thu, 03 Dec 99999 09:30:00 +0400' cannot be read (or is out of range)",
        ),
        Rejected(
            "urn:broken:zone",
            "its date 'Thu, 03 Dec 2026 09:30:00 AZT' has no UTC offset, so the time is unknown",
        ),
        Rejected(
            "urn:broken:garbage",
            "its date 'yesterday, around noon' cannot be read (or is out of range)",
        ),
    ],
    "atom-broken-entries.xml": [
        Rejected(
            "urn:broken:year",
            "its date '99999-12-03T09:30:00+04:00' cannot be read (or is out of range)",
        ),
        Rejected(
            "urn:broken:naive",
            "its date '2026-12-03T09:30:00' has no UTC offset, so the time is unknown",
        ),
        Rejected(
            "urn:broken:last-moment",
            "its date '9999-12-31T23:59:59-05:00' cannot be read (or is out of range)",
        ),
    ],
    "ninjs-invalid.json": [
        Rejected("item 1", "invalid against ninjs 2.1: 'uri' is a required property (at /)"),
        Rejected(
            "urn:broken:offset",
            "invalid against ninjs 2.2: '2026-12-03T09:30:00' is not a 'date-time' "
            "(at /versioncreated)",
        ),
        Rejected(
            "urn:broken:year",
            "invalid against ninjs 2.2: '99999-12-03T09:30:00+04:00' is not a 'date-time' "
            "(at /versioncreated)",
        ),
        Rejected(
            "urn:broken:iri",
            "invalid against ninjs 3.0: 'https://absheron-xeber.example/az/xəbər' is not a "
            "'uri' (at /renditions/0/href)",
        ),
        Rejected(
            "urn:broken:v1-in-v2",
            "invalid against ninjs 2.2: Unevaluated properties are not allowed ('headline' "
            "was unexpected) (at /)",
        ),
        Rejected("urn:broken:future", "it says it is ninjs 4.0; Newsline reads ninjs 1.0 to 3.1"),
        Rejected("urn:broken:no-headline", "it has no headline"),
        Rejected("urn:broken:no-time", "it has no time: neither firstcreated nor versioncreated"),
        Rejected(
            "urn:broken:undeclared",
            "invalid against ninjs 1.6 (it does not say its version): 'very' is not of type "
            "'number' (at /urgency)",
        ),
        Rejected("urn:broken:photo", "a picture on its own: pictures come in with their story"),
        Rejected("item 11", "not a ninjs item: a JSON int, not an object"),
    ],
    "newsml-broken.xml": [
        Rejected(
            "urn:broken:status",
            "its publishing status 'stat:maybe' is unknown "
            "(stat:usable, stat:withheld, stat:canceled)",
        ),
        Rejected("item 2", "it has no guid"),
        Rejected("urn:broken:headline", "it has no headline"),
        Rejected(
            "urn:broken:offset",
            "its date '2026-12-03T09:30:00' has no UTC offset, so the time is unknown",
        ),
        Rejected(
            "urn:broken:year",
            "its date '99999-12-03T09:30:00+04:00' cannot be read (or is out of range)",
        ),
        Rejected(
            "urn:broken:no-time", "it has no time (firstCreated, contentCreated or versionCreated)"
        ),
        Rejected(
            "urn:broken:lonely-photo",
            "a picture that no text item links to: pictures come with their story",
        ),
        Rejected("urn:broken:package", "a <packageItem> is not a news item: not read"),
    ],
}


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_broken_items_are_rejected_with_their_reason_and_the_rest_is_read(name):
    *rejected, last = _read((HOSTILE / name).read_bytes())
    assert rejected == REJECTED[name]
    assert isinstance(last, Item) and last.guid == "urn:broken:fine"


def _every_hostile_input():
    named = [(path.name, _hostile(path.name)) for path in sorted(HOSTILE.iterdir())]
    small = [(name, make) for name, make, _, _ in REFUSED if not name.startswith("huge")]
    return [pytest.param(make, id=name) for name, make in named + small]


@pytest.mark.parametrize("make", _every_hostile_input())
def test_no_hostile_input_escapes_as_an_exception_from_any_parser(make):
    data = make()
    for module in (*PARSERS.values(), sources):
        try:
            outcome = sources.detect(data) if module is sources else list(module.parse(data))
        except DocumentError as error:
            assert str(error)
        else:
            assert module is sources or all(isinstance(o, Item | Rejected) for o in outcome)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_sample_cut_anywhere_is_refused_or_read_never_an_exception(name):
    data = (SAMPLES / name).read_bytes()
    for cut in range(0, len(data), max(1, len(data) // 25)):
        for module in PARSERS.values():
            try:
                outcome = list(module.parse(data[:cut]))
            except DocumentError:
                continue
            assert all(isinstance(o, Item | Rejected) for o in outcome)


def test_ninjs_2_0_associations_of_any_shape_are_read_without_an_exception():
    # 2.0's schema checks an association's name and nothing else in it.
    junk = [
        {"name": "a", "type": "picture", "renditions": "none"},
        {"name": "b", "type": "picture", "renditions": [5, {"href": ["x"]}], "descriptions": 7},
        {"name": "c", "type": "picture", "descriptions": [5, {"value": 3}], "by": ["x"]},
        {"name": "d", "type": "picture", "renditions": [{"href": "urn:p", "width": [1]}]},
    ]
    [item] = _read(
        _ninjs(
            standard={"version": "2.0"}, headlines=HEADLINES, versioncreated=AT, associations=junk
        )
    )
    assert item.picture == Picture(url="urn:p")


@pytest.fixture
def listener():
    """A loopback port that notes whether anything connected to it."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.setblocking(False)
        yield server
        assert select.select([server], [], [], 0.2)[0] == [], "a parser opened a connection"


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"a parser tried the network: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_external_entities_read_no_file_and_open_no_connection(
    listener, no_network, tmp_path, encoding
):
    secret = tmp_path / "secret.txt"
    secret.write_text("MARKER-7f3c never to be read")
    port = listener.getsockname()[1]
    entities = (
        f'<!ENTITY passwd SYSTEM "file:///etc/passwd">'
        f'<!ENTITY secret SYSTEM "{secret.as_uri()}">'
        f'<!ENTITY remote SYSTEM "http://127.0.0.1:{port}/entity">'
        f'<!ENTITY % dtd SYSTEM "http://127.0.0.1:{port}/evil.dtd"> %dtd;'
    )
    bodies = {
        feed: '<rss version="2.0"><channel><item><title>&passwd;&secret;&remote;</title>'
        "<guid>urn:xxe</guid><pubDate>Thu, 03 Dec 2026 09:30:00 +0400</pubDate></item>"
        "</channel></rss>",
        newsml: '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:xxe">'
        "<itemMeta><versionCreated>2026-12-03T09:30:00+04:00</versionCreated></itemMeta>"
        "<contentMeta><headline>&passwd;&secret;&remote;</headline></contentMeta></newsItem>",
    }
    for module, body in bodies.items():
        declared = f'<?xml version="1.0" encoding="{encoding}"?>'
        data = f"{declared}<!DOCTYPE r [{entities}]>{body}".encode(encoding)
        try:
            outcome = repr(list(module.parse(data)))
        except DocumentError as error:
            outcome = str(error)
        assert "declares a DTD" in outcome
        assert "root:" not in outcome and "MARKER-7f3c" not in outcome


def test_without_a_dtd_an_undeclared_entity_is_an_error_not_a_lookup():
    data = (
        b'<rss version="2.0"><channel><item><title>&passwd;</title><guid>urn:xxe</guid>'
        b"</item></channel></rss>"
    )
    with pytest.raises(DocumentError, match="Entity 'passwd' not defined"):
        list(feed.parse(data))


def test_a_hostile_author_name_costs_no_quadratic_time():
    # feedparser's own e-mail match takes minutes on this (kurtmckee/feedparser#562).
    author = "a@" + "a." * 100_000 + "!"
    data = (
        '<rss version="2.0"><channel><item><title>Xəbər</title><guid>urn:slow</guid>'
        f"<pubDate>Thu, 03 Dec 2026 09:30:00 +0400</pubDate><author>{author}</author>"
        "</item></channel></rss>"
    ).encode()
    started = time.monotonic()
    [item] = feed.parse(data)
    assert item.bylines == () and time.monotonic() - started < 10
