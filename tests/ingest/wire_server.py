"""A wire agency on loopback for the tests: serves documents with ETags, answers
conditional GETs with 304, redirects, fails, or sends a body of no announced size."""

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class WireServer:
    def __init__(self):
        self.documents: dict[str, tuple[bytes, str]] = {}
        self.requests: list[tuple[str, dict]] = []
        self.failing = False
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server name
                server.requests.append((self.path, dict(self.headers)))
                server.answer(self)

            def log_message(self, *args):
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._httpd.shutdown()
        self._httpd.server_close()

    def serve(self, path: str, body: bytes, content_type: str = "application/rss+xml") -> str:
        self.documents[path] = (body, content_type)
        return self.base + path

    def answer(self, handler) -> None:
        path = handler.path
        if self.failing:
            handler.send_error(503, "The wire is down")
            return
        if path.startswith("/redirect-away"):
            self._redirect(handler, "http://example.invalid/feed")
        elif path.startswith("/redirect-here"):
            self._redirect(handler, "/feed.xml")
        elif path == "/unannounced":
            # No Content-Length: the body ends when the connection closes.
            handler.send_response(200)
            handler.send_header("Connection", "close")
            handler.end_headers()
            handler.wfile.write(b"x" * 200_000)
            handler.close_connection = True
        elif path in self.documents:
            self._document(handler, *self.documents[path])
        else:
            handler.send_error(404)

    @staticmethod
    def _redirect(handler, location: str) -> None:
        handler.send_response(302)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    @staticmethod
    def _document(handler, body: bytes, content_type: str) -> None:
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.end_headers()
            return
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.send_header("ETag", etag)
        handler.end_headers()
        handler.wfile.write(body)
