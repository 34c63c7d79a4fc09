"""Fragments: parts of a page that change more often than the page around them.

The News line and the breaking banner are on every page, but a page is cached
without them: the page holds a *slot* naming the fragment's own address, and
the fragment is put in on the way out, from its own cache entry. So a
publication or a withdrawal re-renders one small fragment per language, and
the pages around it stay cached.

``publishing`` puts the fragments in as it answers (the shipped nginx gets
whole pages). A proxy that assembles pages itself can have SSI directives
(``<!--# include virtual=... -->``) in their place instead, where the operator
allows it (``NEWSLINE_SSI_FRAGMENTS``), with the same bytes once filled. This
module is the one home of the slot's spelling, so the templates that write
slots and the assemblers that fill them cannot drift apart.

A slot carries a token derived from the secret key, so text an editor or a wire
wrote can never pass for one; and any SSI directive in our own output other
than the ones we write is defused (``defuse``), so nothing from outside can make
nginx fetch an address of its choosing.
"""

import hashlib
import hmac
import re
from functools import cache

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

# Where NEWSLINE_SSI_FRAGMENTS allows it, a request carrying this header (set
# by the proxy that assembles) gets SSI directives in place of slots; any other
# gets the fragments themselves.
SSI_HEADER = "HTTP_X_NEWSLINE_FRAGMENTS"
SSI_VALUE = "ssi"
SSI_OPENING = b"<!--#"
# Each fragment's answer says how often open pages should ask again, so the
# breaking day's faster pace reaches pages already open.
REFRESH_HEADER = "X-Newsline-Refresh"
# An HTML comment nginx does not read as a directive (it wants "<!--#" exactly).
DEFUSED_OPENING = b"<!-- #"


@cache
def _token() -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"newsline-fragment-slot", hashlib.sha256).hexdigest()[:24]


@cache
def _pattern() -> re.Pattern:
    return re.compile(rb"<!--newsline-slot " + _token().encode() + rb" (/[A-Za-z0-9/_.\-]*)-->")


def slot(path: str) -> SafeString:
    """The mark a template writes where the fragment at ``path`` goes."""
    if not re.fullmatch(r"/[A-Za-z0-9/_.\-]*", path):
        raise ValueError(f"A fragment address must be a plain path: {path!r}")
    return mark_safe(f"<!--newsline-slot {_token()} {path}-->")  # noqa: S308 - a fixed shape


def slots(content: bytes) -> list[str]:
    """The fragment addresses a page's body names, in order."""
    return [match.decode() for match in _pattern().findall(content)]


def directive(path: str) -> bytes:
    """What nginx's SSI reads as "put the response for ``path`` here"."""
    return f'<!--# include virtual="{path}" -->'.encode()


def fill(content: bytes, fragments: dict[str, bytes]) -> bytes:
    """``content`` with each slot replaced by its fragment (absent: nothing)."""
    return _pattern().sub(lambda match: fragments.get(match.group(1).decode(), b""), content)


def as_directives(content: bytes) -> bytes:
    """``content`` with each slot replaced by an SSI include of its address."""
    return _pattern().sub(lambda match: directive(match.group(1).decode()), content)


def defuse(content: bytes) -> bytes:
    """Our HTML with every SSI directive made an inert comment. Run over every
    response before slots become directives, so only ours are ever read."""
    if SSI_OPENING not in content:
        return content
    return content.replace(SSI_OPENING, DEFUSED_OPENING)


def wants_directives(environ) -> bool:
    return settings.NEWSLINE_SSI_FRAGMENTS and environ.get(SSI_HEADER, "") == SSI_VALUE
