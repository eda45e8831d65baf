"""Test servers for the privacy and failure tests: the built site with faults put in, and a second origin.

The built site is served as a static host does (no security headers at all, like GitHub Pages), but any path can
be made to answer 404, a truncated body, a changed body or nothing at all. Every answer says `no-store`, so a
fault never outlives its test in the browser's cache. Every request path is recorded, so a test can see what
arrived at an origin that must never be contacted.
"""

from __future__ import annotations

import functools
import threading
import time
from pathlib import Path

from support.site import QuietHandler, QuietServer


class Fault:
    """What a path answers instead of its file."""

    def __init__(self, status: int = 200, body: bytes | None = None, hang: threading.Event | None = None):
        self.status, self.body, self.hang = status, body, hang


class Slow:
    """A path that answers with its own file, but slowly, as over a slow line; with `announce_length=False` the
    answer has no Content-Length (as a server that compresses on the fly sends it). With `until`, the line is slow
    only until the test sets that event, and the rest arrives at once: a test that looks at the loading state need
    not wait out the whole download."""

    def __init__(self, bytes_per_second: int, announce_length: bool = True, until: threading.Event | None = None):
        self.bytes_per_second, self.announce_length, self.until = bytes_per_second, announce_length, until


class RecordingHandler(QuietHandler):
    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        server = self.server
        path = self.path.split("?", 1)[0]
        server.requests.append(self.path)
        fault = server.faults.get(path.lstrip("/"))
        if fault is None:
            return super().do_GET()
        if isinstance(fault, Slow):
            return self.send_slowly(path, fault)
        if fault.hang is not None:
            fault.hang.wait(120)  # the test releases it; the browser sees a server that never answers
            return
        body = fault.body or b""
        self.send_response(fault.status)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_slowly(self, path: str, slow: Slow):
        file = Path(self.translate_path(path))
        file = file / "index.html" if file.is_dir() else file  # a page's address is its folder
        body = file.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(file)))
        if slow.announce_length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        chunk = max(1, slow.bytes_per_second // 10)
        for start in range(0, len(body), chunk):
            if slow.until is not None and slow.until.is_set():
                self.wfile.write(body[start:])
                return
            self.wfile.write(body[start : start + chunk])
            self.wfile.flush()
            time.sleep(0.1)


class Server:
    """A static server of `directory` on `host`, with faults by path (relative to the site root)."""

    def __init__(self, directory: Path, host: str = "127.0.0.1"):
        self.directory = directory
        self.httpd = QuietServer((host, 0), functools.partial(RecordingHandler, directory=str(directory)))
        self.httpd.faults = {}
        self.httpd.requests = []
        self.url = f"http://{host}:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def faults(self) -> dict[str, Fault]:
        return self.httpd.faults

    @property
    def requests(self) -> list[str]:
        return self.httpd.requests

    def file(self, path: str) -> bytes:
        return (self.directory / path).read_bytes()

    def close(self):
        for fault in self.faults.values():
            for event in (getattr(fault, "hang", None), getattr(fault, "until", None)):
                if event is not None:
                    event.set()
        self.httpd.shutdown()
        self.httpd.server_close()
