"""Player addresses for the video hosts we support, built without any network call.

oEmbed lookups would make every first render of a video story wait on a third
party; the hosts' embed URLs are stable and derivable from the address itself.
"""

import re
from urllib.parse import parse_qs, urlparse

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^\d{5,12}$")


def _youtube_id(url) -> str | None:
    host = url.hostname or ""
    if host == "youtu.be":
        candidate = url.path.lstrip("/")
    elif host.endswith("youtube.com"):
        if url.path.startswith(("/embed/", "/shorts/", "/live/")):
            candidate = url.path.split("/")[2]
        else:
            candidate = parse_qs(url.query).get("v", [""])[0]
    else:
        return None
    return candidate if _YOUTUBE_ID.match(candidate) else None


def _vimeo_id(url) -> str | None:
    if not (url.hostname or "").endswith("vimeo.com"):
        return None
    candidate = url.path.rstrip("/").split("/")[-1]
    return candidate if _VIMEO_ID.match(candidate) else None


def player_url(address: str) -> str | None:
    """The iframe address for a YouTube or Vimeo video, or None if unsupported."""
    try:
        url = urlparse(address)
    except ValueError:
        return None
    if url.scheme not in ("http", "https"):
        return None
    if video_id := _youtube_id(url):
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    if video_id := _vimeo_id(url):
        return f"https://player.vimeo.com/video/{video_id}"
    return None
