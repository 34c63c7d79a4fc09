"""WordPress exports (WXR 1.0 to 1.2, Tools → Export), read as plain values.

An export can be hundreds of megabytes, so it is never held whole: ``read``
streams it once for what posts refer to (the site, authors, categories,
attachments: small) and to be sure the whole file is well-formed and honestly
encoded before anything is written; ``Export.posts`` streams it again and hands
on one post at a time, each element dropped once read. Both passes parse with
the options of ``newsline.ingest.xml`` (no DTD, no entities, no network, no
huge text nodes) after its ``check`` of the prolog, and refuse any DOCTYPE the
parser meets (``check`` sees only the first bytes).

Post bodies are read into pieces (``body``): HTML, pictures (``[caption]``,
``[gallery]``, ``<figure>``, ``<img>``) and embeds (``[embed]``, ``[video]``,
iframes, a bare address on its own line); other shortcodes lose their tags and
keep their text; WordPress's paragraphs (blank lines) become ``<p>``. Nothing
here is trusted or cleaned: the writer sanitises HTML and fetches pictures.
"""

import bisect
import codecs
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from .. import xml
from ..items import DocumentError, Rejected
from . import plain

LABEL = "WordPress export (WXR)"
# Streamed, so far larger than the cap on documents held in memory.
MAX_EXPORT_BYTES = 2 * 1024**3
_HEAD_BYTES = 64 * 1024
_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}
_PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}
_ENCODING = re.compile(rb"""\A(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_UNSET_DATE = "0000-00-00 00:00:00"
# The category every post is in when it is in no other: term 1 in every install
# (its name and slug are translated in some).
_DEFAULT_CATEGORY = {"uncategorized", "uncategorised"}


@dataclass(frozen=True)
class Author:
    login: str
    name: str


@dataclass(frozen=True)
class Category:
    slug: str
    name: str
    parent: str = ""
    """The parent's slug; '' for a top-level category."""
    term_id: int = 0


@dataclass(frozen=True)
class Attachment:
    id: int
    url: str
    title: str = ""
    caption: str = ""
    alt: str = ""
    parent: int = 0


@dataclass(frozen=True)
class Term:
    """A post's category, tag, post format or co-author, as the post names it."""

    domain: str
    slug: str
    name: str


@dataclass(frozen=True)
class Post:
    id: int
    post_type: str
    status: str
    title: str
    link: str = ""
    slug: str = ""
    content: str = ""
    excerpt: str = ""
    creator: str = ""
    date_gmt: datetime | None = None
    """Aware (UTC), from ``wp:post_date_gmt``; None when WordPress left it unset."""
    date_local: datetime | None = None
    """Naive, in the WordPress site's own zone (``wp:post_date``)."""
    unreadable_date: str = ""
    """A date given but unreadable (both are None then): only a post that needs
    one is refused for it."""
    password: str = ""
    terms: tuple[Term, ...] = ()
    thumbnail_id: int | None = None

    @property
    def ref(self) -> str:
        return _ref(str(self.id), self.title)

    def named(self, domain: str) -> list[Term]:
        return [term for term in self.terms if term.domain == domain]


@dataclass(frozen=True)
class Figure:
    """A picture in a body: an attachment's (by id) or an address's."""

    url: str
    caption: str = ""
    alt: str = ""
    attachment_id: int | None = None


@dataclass(frozen=True)
class Embed:
    url: str


@dataclass
class Export:
    path: Path
    title: str = ""
    link: str = ""
    language: str = ""
    base_url: str = ""
    """The blog's own address (``wp:base_blog_url``), else the channel's link."""
    authors: dict[str, Author] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    attachments: dict[int, Attachment] = field(default_factory=dict)
    items: int = 0
    """How many items ``posts`` yields."""

    def posts(self) -> Iterator[Post | Rejected]:
        """Every item but attachments, in the file's order (pages and menu entries
        too: the reader decides what to skip)."""
        position = 0
        for key, element in _channel_children(self.path):
            if key != "item" or _values(element).get("wp:post_type") == "attachment":
                continue
            position += 1
            try:
                yield _post(element)
            except ValueError as error:
                yield Rejected(_item_ref(element, position), str(error))

    def top_level(self, slug: str) -> Category | None:
        """The top-level ancestor of a category (itself when it has no parent)."""
        category, seen = self.categories.get(slug), set()
        while category and category.parent in self.categories and category.slug not in seen:
            seen.add(category.slug)
            category = self.categories[category.parent]
        return category

    def is_default_category(self, slug: str) -> bool:
        category = self.categories.get(slug)
        return slug.lower() in _DEFAULT_CATEGORY or bool(category and category.term_id == 1)

    def author_name(self, login: str) -> str:
        author = self.authors.get(login)
        return author.name if author and author.name else login

    def old_paths(self, post: Post) -> list[str]:
        """The addresses the post answered at: its permalink's path and ``?p=ID``."""
        base = urlsplit(self.base_url).path.rstrip("/")
        paths = [f"{base}/?p={post.id}"]
        link = urlsplit(post.link)
        if link.path.strip("/") or link.query:  # never the old home page
            paths.insert(0, link.path + (f"?{link.query}" if link.query else ""))
        return list(dict.fromkeys(paths))


def read(path: Path, *, limit: int | None = None) -> Export:
    """The export's site, authors, categories and attachments, after reading it all
    once; ``DocumentError`` with a reason when it is refused as a whole (larger
    than ``limit``, by default ``MAX_EXPORT_BYTES``)."""
    limit = MAX_EXPORT_BYTES if limit is None else limit
    try:
        size = path.stat().st_size
        with path.open("rb") as opened:
            head = opened.read(_HEAD_BYTES)
    except OSError as error:
        raise DocumentError(f"could not be read ({error.strerror or error})") from error
    if size > limit:
        raise DocumentError(f"the export is {size:,} bytes; the limit is {limit:,} bytes")
    xml.check(head, limit=_HEAD_BYTES)
    _refuse_utf8_declared_otherwise(path, head)
    export = Export(path=path)
    for key, element in _channel_children(path):
        _take(export, key, element)
    export.base_url = export.base_url or export.link
    if not export.base_url:
        raise DocumentError("not a WordPress export: it names no site (wp:base_blog_url)")
    return export


def body(post: Post, attachments: dict[int, Attachment]) -> list[str | Figure | Embed]:
    """The post's content as HTML pieces, pictures and embeds, in order.

    Read in one pass over its tokens (shortcodes, ``<figure>``, ``<iframe>``,
    ``<img>``, lone addresses), each opening paired with its closing by lookup,
    so a body of unclosed openings costs no more than a plain one."""
    content = _without_comments(post.content).replace("[[", "\x01").replace("]]", "\x02")
    tokens = list(_TOKEN.finditer(content))
    closings, images = _closings(tokens)
    pieces: list[str | Figure | Embed] = []
    start, index = 0, 0
    while index < len(tokens):
        token, kind = tokens[index], _kind(tokens[index])
        closing = _closing(kind, index, closings, images)
        last = tokens[closing] if closing is not None else token
        pieces.append(content[start : token.start()])
        if not _is_end(token):  # a stray closing tag is dropped
            inner = content[token.end() : last.start()]
            pieces.extend(_piece(kind, token, inner, post, attachments))
        start, index = last.end(), (closing if closing is not None else index) + 1
    pieces.append(content[start:])
    closed = {name.lower() for name in _CLOSING.findall(content)}
    return [
        _paragraphs(_without_shortcodes(piece, closed)) if isinstance(piece, str) else piece
        for piece in pieces
        if not isinstance(piece, str) or piece.strip()
    ]


def upload_path(url: str) -> str | None:
    """The path of an address under ``/wp-content/uploads/`` inside that folder."""
    path = unquote(urlsplit(url).path)
    _, found, rest = path.partition("/wp-content/uploads/")
    return rest if found and rest else None


# Reading the stream.


def _channel_children(path: Path) -> Iterator[tuple[str, etree._Element]]:
    """Each child of ``rss/channel``, complete, as (name, element); dropped after."""
    depth = 0
    try:
        for event, element in etree.iterparse(
            str(path), events=("start", "end"), **_PARSER_OPTIONS
        ):
            if event == "start":
                depth += 1
                if depth == 1:
                    _check_root(element)
                continue
            depth -= 1
            if depth == 2 and _key(element.getparent().tag) == "channel":
                yield _key(element.tag), element
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
    except etree.XMLSyntaxError as error:
        raise DocumentError(f"not well-formed XML: {error}") from error
    except OSError as error:
        raise DocumentError(f"could not be read ({error})") from error


def _check_root(root) -> None:
    info = root.getroottree().docinfo
    if info.internalDTD is not None or info.externalDTD is not None or info.doctype:
        raise DocumentError("the document declares a DTD (entities), which is refused")
    if _key(root.tag) != "rss":
        raise DocumentError(f"not a WordPress export: its root element is <{_key(root.tag)}>")


def _refuse_utf8_declared_otherwise(path: Path, head: bytes) -> None:
    """A file written in UTF-8 under a one-byte encoding's name would be read as
    mojibake without an error: refused. (Text really in such an encoding is,
    beyond a few bytes, never valid UTF-8.)"""
    declared = _ENCODING.match(head)
    name = declared[1].decode("ascii", "replace").lower() if declared else "utf-8"
    if name.replace("-", "").replace("_", "") in ("utf8", "utf16", "utf32", "ucs2", "ucs4"):
        return
    decoder, wide = codecs.getincrementaldecoder("utf-8")(), False
    with path.open("rb") as opened:
        while chunk := opened.read(1024 * 1024):
            wide = wide or max(chunk) > 0x7F
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return
    if wide:
        raise DocumentError(f"the document declares the encoding {name} but is written in UTF-8")


def _key(tag) -> str:
    """``wp:post_id``, ``content:encoded``, ``title``: the prefix WordPress uses,
    whatever the version in the namespace."""
    if not isinstance(tag, str):
        return ""
    name = etree.QName(tag)
    namespace = name.namespace or ""
    if namespace.startswith("http://wordpress.org/export/"):
        prefix = "excerpt" if namespace.rstrip("/").endswith("excerpt") else "wp"
    else:
        prefix = _PREFIXES.get(namespace, "")
    return f"{prefix}:{name.localname}" if prefix else name.localname


def _values(element) -> dict[str, str]:
    """The text of each child element (the first of a name)."""
    values: dict[str, str] = {}
    for child in element:
        values.setdefault(_key(child.tag), child.text or "")
    return values


def _take(export: Export, key: str, element) -> None:
    if key in ("title", "link", "language") and not getattr(export, key):
        setattr(export, key, (element.text or "").strip())
    elif key == "wp:base_blog_url":
        export.base_url = (element.text or "").strip()
    elif key == "wp:author":
        values = _values(element)
        login = values.get("wp:author_login", "").strip()
        name = (
            plain(values.get("wp:author_display_name", ""))
            or " ".join(
                plain(values.get(part, ""))
                for part in ("wp:author_first_name", "wp:author_last_name")
            ).strip()
        )
        if login:
            export.authors[login] = Author(login=login, name=name or login)
    elif key == "wp:category":
        values = _values(element)
        slug = unquote(values.get("wp:category_nicename", "").strip())
        if slug:
            export.categories[slug] = Category(
                slug=slug,
                name=plain(values.get("wp:cat_name", "")) or slug,
                parent=unquote(values.get("wp:category_parent", "").strip()),
                term_id=_number(values.get("wp:term_id", "")) or 0,
            )
    elif key == "item":
        values = _values(element)
        if values.get("wp:post_type") == "attachment":
            attachment = _attachment(element, values)
            if attachment:
                export.attachments[attachment.id] = attachment
        else:
            export.items += 1


def _attachment(element, values) -> Attachment | None:
    ident, url = _number(values.get("wp:post_id", "")), values.get("wp:attachment_url", "").strip()
    if not ident or not url:
        return None
    return Attachment(
        id=ident,
        url=url,
        title=plain(values.get("title", "")),
        caption=plain(values.get("excerpt:encoded", "")),
        alt=plain(_meta(element).get("_wp_attachment_image_alt", "")),
        parent=_number(values.get("wp:post_parent", "")) or 0,
    )


def _post(element) -> Post:
    values = _values(element)
    ident = _number(values.get("wp:post_id", ""))
    if not ident:
        raise ValueError(f"its wp:post_id {values.get('wp:post_id', '')[:30]!r} is not a number")
    terms = tuple(
        Term(
            domain=category.get("domain", "category"),
            slug=unquote(category.get("nicename", "")),
            name=plain(category.text or ""),
        )
        for category in element
        if _key(category.tag) == "category"
    )
    return Post(
        id=ident,
        post_type=values.get("wp:post_type", "post").strip(),
        status=values.get("wp:status", "").strip(),
        title=values.get("title", ""),
        link=values.get("link", "").strip(),
        slug=unquote(values.get("wp:post_name", "").strip()),
        content=values.get("content:encoded", ""),
        excerpt=values.get("excerpt:encoded", ""),
        creator=values.get("dc:creator", "").strip(),
        **_dates(values),
        password=values.get("wp:post_password", ""),
        terms=terms,
        thumbnail_id=_number(_meta(element).get("_thumbnail_id", "")),
    )


def _meta(element) -> dict[str, str]:
    found = {}
    for child in element:
        if _key(child.tag) == "wp:postmeta":
            values = _values(child)
            found.setdefault(values.get("wp:meta_key", ""), values.get("wp:meta_value", ""))
    return found


def _dates(values: dict) -> dict:
    """``date_gmt`` and ``date_local``, or ``unreadable_date`` with what was given."""
    found = {}
    for name, key, zone in (
        ("date_gmt", "wp:post_date_gmt", UTC),
        ("date_local", "wp:post_date", None),
    ):
        raw = values.get(key, "").strip()
        if not raw or raw == _UNSET_DATE:
            continue
        try:
            found[name] = datetime.strptime(raw, "%Y-%m-%d %H:%M:%S").replace(tzinfo=zone)
        except ValueError:
            return {"unreadable_date": raw[:40]}
    return found


def _number(raw: str) -> int | None:
    raw = (raw or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 19 else None


def _item_ref(element, position: int) -> str:
    values = _values(element)
    ident = values.get("wp:post_id", "").strip()[:20]
    return _ref(ident, values.get("title", "")) if ident else f"item {position}"


def _ref(ident: str, title: str) -> str:
    """How a post is named for people, on one line: ``post 12 “Its title”``."""
    ident, title = " ".join(ident.split()), plain(title)
    return f"post {ident} “{title[:60]}”" if title else f"post {ident}"


# Reading a body. Every pattern here is linear: no span runs past the next opening
# bracket, and quoted values end at their quote or the tag's end.

_TOKEN = re.compile(
    r"\[(?P<end>/)?(?P<code>caption|gallery|embed|video|audio)\b(?P<attrs>[^\[\]]{0,2000})\]"
    r"|<(?P<html_end>/)?(?P<tag>figure|iframe)\b(?P<tag_attrs>[^<>]{0,2000})>"
    r"|(?P<img><img\b[^<>]{0,2000}>)"
    r"|^[ \t]*+(?:<p>[ \t]*+)?(?P<url>https?://[^\s<>\"'\[\]]{1,2000}+)[ \t]*+(?:</p>[ \t]*+)?$",
    re.IGNORECASE | re.MULTILINE,
)
# Paired with a closing token; those that pair only with the very next token.
_PAIRED = {"caption", "embed", "figure", "iframe", "video", "audio"}
_CLOSED_AT_ONCE = {"iframe", "video", "audio"}
_IMG = re.compile(r"<img\b[^<>]{0,2000}>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w-]+)(?:\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s"'>\]]*)))?""")
_ATTACHMENT_ID = re.compile(r"(?:attachment_|wp-image-)(\d+)")
_SHORTCODE = re.compile(r"\[(/?)([A-Za-z][\w-]*)((?:\s[^\[\]]*)?)\]")
_CLOSING = re.compile(r"\[/([A-Za-z][\w-]*)\]")
_BLOCK = re.compile(
    r"\A\s*<(?:p|h[1-6]|ul|ol|li|blockquote|div|figure|table|pre|hr|section|dl)\b", re.I
)


def _kind(token) -> str:
    name = token["code"] or token["tag"]
    return name.lower() if name else ("img" if token["img"] else "url")


def _is_end(token) -> bool:
    return bool(token["end"] or token["html_end"])


def _closings(tokens) -> tuple[dict[str, list[int]], list[int]]:
    """The positions of each kind's closing tokens, and of the images."""
    closings: dict[str, list[int]] = {}
    for index, token in enumerate(tokens):
        if _is_end(token):
            closings.setdefault(_kind(token), []).append(index)
    return closings, [index for index, token in enumerate(tokens) if token["img"]]


def _closing(kind: str, index: int, closings, images) -> int | None:
    """Where the element opened at ``index`` closes; None when it stands alone
    (or is left open, or is a figure without a picture)."""
    if kind not in _PAIRED:
        return None
    later = closings.get(kind, [])
    found = bisect.bisect_right(later, index)
    if found == len(later):
        return None
    closing = later[found]
    if kind in _CLOSED_AT_ONCE and closing != index + 1:
        return None
    if kind == "figure":
        first_image = bisect.bisect_right(images, index)
        if first_image == len(images) or images[first_image] > closing:
            return None
    return closing


def _piece(kind: str, token, inner: str, post: Post, attachments) -> list[str | Figure | Embed]:
    if kind == "caption":
        attrs = _attributes(token["attrs"])
        caption = plain(_IMG.sub("", inner)) or plain(attrs.get("caption", ""))
        return _picture(inner, attachments, caption, attrs.get("id", "")) or [inner]
    if kind == "figure":
        return _picture(inner, attachments, _figcaption(inner)) or [inner]
    if kind == "img":
        return _picture(token[0], attachments, "")
    if kind == "gallery":
        return _gallery(_attributes(token["attrs"]), post, attachments)
    address = {
        "embed": lambda: plain(inner),
        "video": lambda: _media_address(_attributes(token["attrs"])),
        "audio": lambda: _media_address(_attributes(token["attrs"])),
        "iframe": lambda: _attributes(token["tag_attrs"]).get("src", ""),
        "url": lambda: html.unescape(token["url"]),
    }[kind]()
    return [Embed(address)] if address.lower().startswith(("http://", "https://")) else []


def _picture(fragment: str, attachments, caption: str, ident: str = "") -> list[Figure]:
    image = _IMG.search(fragment)
    if image is None:
        return []
    attrs = _attributes(image[0][4:])
    found = _ATTACHMENT_ID.search(f"{ident} {attrs.get('class', '')}")
    attachment = attachments.get(int(found[1])) if found else None
    if attachment is None:
        url = attrs.get("src", "")
        return [Figure(url=url, caption=caption, alt=plain(attrs.get("alt", "")))] if url else []
    return [_figure(attachment, caption=caption, alt=plain(attrs.get("alt", "")))]


def _figcaption(inner: str) -> str:
    lowered = inner.lower()
    start = lowered.find("<figcaption")
    end = lowered.find("</figcaption>", start)
    if start < 0 or end < 0:
        return ""
    return plain(inner[inner.find(">", start) + 1 : end])


def _gallery(attrs: dict, post: Post, attachments) -> list[Figure]:
    wanted = attrs.get("ids") or attrs.get("include") or ""
    idents = [int(part) for part in re.findall(r"\d{1,18}", wanted)[:200]]
    if not idents:
        idents = sorted(a.id for a in attachments.values() if a.parent == post.id)
    return [
        _figure(attachments[ident]) if ident in attachments else Figure("", attachment_id=ident)
        for ident in idents
    ]


def _figure(attachment: Attachment, *, caption: str = "", alt: str = "") -> Figure:
    return Figure(
        url=attachment.url,
        caption=caption or attachment.caption,
        alt=alt or attachment.alt or attachment.title,
        attachment_id=attachment.id,
    )


def _media_address(attrs: dict) -> str:
    for name in ("src", "mp4", "webm", "ogv", "mp3", "m4a", "ogg", "wav"):
        if attrs.get(name):
            return attrs[name]
    return ""


def _attributes(text: str) -> dict[str, str]:
    """``name="value"`` pairs (any quotes, or none); a value left unquoted at the
    end is read to the end rather than searched for again."""
    found = {}
    for name, *values in _ATTRIBUTE.findall(text or ""):
        found.setdefault(name.lower(), html.unescape(next((v for v in values if v), "")))
    return found


def _without_comments(text: str) -> str:
    """HTML comments (Gutenberg's block marks, ``<!--more-->``) removed; one left
    open runs to the end, as in HTML."""
    first, *rest = text.split("<!--")
    return first + "".join(part.partition("-->")[2] for part in rest)


def _without_shortcodes(text: str, closed: set[str]) -> str:
    """Unknown shortcodes lose their tags (an enclosing one keeps its text); a bare
    ``[word]`` with no attributes or closing tag stays, as it may be prose
    (``[sic]``); ``[[word]]`` is WordPress's way to write ``[word]``."""

    def replace(match) -> str:
        closing, name, attrs = match[1], match[2], match[3]
        is_shortcode = (
            closing or name.lower() in closed or "=" in attrs or attrs.rstrip().endswith("/")
        ) or ("_" in name or "-" in name)
        return "" if is_shortcode else match[0]

    return _SHORTCODE.sub(replace, text).replace("\x01", "[").replace("\x02", "]")


def _paragraphs(text: str) -> str:
    """WordPress's automatic paragraphs: a blank line ends one, a newline is a break."""
    parts = re.split(r"\n\s*\n", text)
    return "".join(
        part if _BLOCK.match(part) else "<p>" + part.strip().replace("\n", "<br>\n") + "</p>"
        for part in parts
        if part.strip()
    )
