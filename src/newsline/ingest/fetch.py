"""Fetching what a wire or an import points at, without being turned against us.

Only http and https; the host's addresses are resolved here and every one must
be public (no loopback, private, link-local or reserved address: the cloud's
metadata service, the database, the admin) unless ``NEWSLINE_INGEST_ALLOW_PRIVATE``
is on; the connection goes to the checked address, so a DNS answer cannot change
between the check and the request. Redirects are followed only on the same host,
a few times. Timeouts on connecting and reading, and a size cap counted while
reading (a lying Content-Length changes nothing).
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings

from .items import DocumentError

MAX_REDIRECTS = 3
CONNECT_SECONDS, READ_SECONDS = 5, 20
CHUNK = 64 * 1024
USER_AGENT = "Newsline-ingest/1 (+https://github.com/newsline)"


class FetchError(DocumentError):
    """Why an address could not be had, for people."""


@dataclass(frozen=True)
class Fetched:
    status: int
    body: bytes
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    location: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def fetch(url: str, *, max_bytes: int, etag: str = "", last_modified: str = "") -> Fetched:
    """GET ``url`` safely (see the module); a conditional GET when ``etag`` or
    ``last_modified`` is given. Raises ``FetchError`` naming the problem."""
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    first_host = urlsplit(url).hostname
    for _ in range(MAX_REDIRECTS + 1):
        response = _request(url, headers, max_bytes)
        if response.status not in (301, 302, 303, 307, 308):
            return response
        target = urljoin(url, response.location)
        if urlsplit(target).hostname != first_host:
            raise FetchError(f"{url} redirects to another host ({target}); not followed")
        url = target
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _request(url: str, headers: dict, max_bytes: int) -> Fetched:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url!r}: only http and https addresses are fetched")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = _checked_address(parts.hostname, port)
    pool = _pool(parts.scheme, address, port, parts.hostname)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        response = pool.urlopen(
            "GET",
            path,
            headers={**headers, "Host": parts.netloc.rsplit("@", 1)[-1]},
            redirect=False,
            retries=False,
            preload_content=False,
            timeout=urllib3.Timeout(connect=CONNECT_SECONDS, read=READ_SECONDS),
        )
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(f"{url}: {error.__class__.__name__}: {error}") from error
    try:
        if response.status in (301, 302, 303, 307, 308):
            return Fetched(response.status, b"", location=response.headers.get("Location", ""))
        if response.status == 304:
            return Fetched(304, b"")
        if response.status != 200:
            raise FetchError(f"{url} answered {response.status}")
        body = _read_capped(response, url, max_bytes)
        return Fetched(
            200,
            body,
            response.headers.get("Content-Type", ""),
            response.headers.get("ETag", ""),
            response.headers.get("Last-Modified", ""),
        )
    finally:
        response.release_conn()
        pool.close()


def _read_capped(response, url: str, max_bytes: int) -> bytes:
    chunks, size = [], 0
    try:
        for chunk in response.stream(CHUNK, decode_content=False):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"{url} is larger than {max_bytes:,} bytes; not read further")
            chunks.append(chunk)
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(f"{url}: {error.__class__.__name__}: {error}") from error
    return b"".join(chunks)


def _checked_address(host: str, port: int) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"{host}: the name does not resolve ({error})") from error
    addresses = [info[4][0] for info in infos]
    if not settings.NEWSLINE_INGEST_ALLOW_PRIVATE:
        for address in addresses:
            if not ipaddress.ip_address(address.split("%")[0]).is_global:
                raise FetchError(
                    f"{host} resolves to {address}, a private or reserved address; refused "
                    "(NEWSLINE_INGEST_ALLOW_PRIVATE=1 allows it for intranet wires)"
                )
    return addresses[0]


def _pool(scheme: str, address: str, port: int, hostname: str):
    if scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address, port, server_hostname=hostname, assert_hostname=hostname, maxsize=1
        )
    return urllib3.HTTPConnectionPool(address, port, maxsize=1)
