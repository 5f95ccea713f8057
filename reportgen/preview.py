"""The live preview: a small local web server showing one input file as its HTML page.

The page asks ``/version`` a few times a second; the server stats the file on each ask
and, when it changed, reads and renders it again, errors or not (a draft: cells in error
are blank, findings drawn in place). A file that cannot be read at all (a syntax error, a
save in progress) keeps its last readable page, marked stale, under the new findings.
The input file is only ever read. Serves on 127.0.0.1 only; stdlib only.

The server is robust to what a browser (or anything else on the machine) may do: a client
that goes away mid-request is forgotten quietly, an idle connection is closed after
:data:`IDLE_SECONDS`, at most :data:`MAX_CONNECTIONS` are served at once (more are closed
at once), and no other page may frame it (clickjacking).
"""

from __future__ import annotations

import os
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from reportgen.errors import OutputError, Problem, ReportgenError
from reportgen.pipeline import Draft, draft
from reportgen.render import html

HOST = "127.0.0.1"
SETTLE_NS = 60_000_000  # a file changed less than 60 ms ago may be half-written
SETTLE_TRIES = 5
IDLE_SECONDS = 10  # a connection that sends nothing for this long is closed
MAX_CONNECTIONS = 32  # served at once (a browser opens at most 6); more are closed at once


class Preview:
    """One input file and its current page, re-rendered when the file changes."""

    def __init__(self, path: Path, display: str) -> None:
        self.path = path
        self.display = display
        self.lock = threading.Lock()
        self.nonce = f"{os.getpid():x}{time.time_ns() & 0xFFFFFF:x}"
        self.count = 0
        self.stamp: tuple[int, int, int] | None = None
        self.data: bytes | None = None
        self.page = ""
        self.good: Draft | None = None  # the last draft that had a report

    @property
    def version(self) -> str:
        return f"{self.nonce}-{self.count}"

    def current(self) -> tuple[str, str]:
        """(version, page), re-rendered first if the file changed since last asked."""
        with self.lock:
            self._refresh()
            return self.version, self.page

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def _refresh(self) -> None:
        stamp = self._stat()
        if stamp is not None and stamp == self.stamp and self.page:
            return
        for _ in range(SETTLE_TRIES):  # an editor may still be writing: wait until the file rests
            if stamp is None or time.time_ns() - stamp[0] > SETTLE_NS:
                break
            time.sleep(SETTLE_NS / 1e9)
            stamp = self._stat()
        self.stamp = stamp
        try:
            data = self.path.read_bytes()
        except OSError:
            data = None
        if data is not None and data == self.data and self.page:
            return  # touched, not changed
        self.data = data
        self.page = self._render()
        self.count += 1

    def _render(self) -> str:
        version = f"{self.nonce}-{self.count + 1}"
        try:
            found = draft(self.path, self.display)
        except ReportgenError as exc:  # missing or unreadable: the last page under a notice
            return self._stale([], version, f"{exc}（保存文件后自动刷新）")
        if found.report is not None:
            self.good = found
            live = html.Live(self.display, version)
            return html.render(found.report, found.values, found.problems, live)
        note = (
            f"{_why(found.problems)}下面是上一次能排版时的内容，改正并保存后自动刷新。" if self.good else ""
        )
        return self._stale(found.problems, version, note)

    def _stale(self, problems: list[Problem], version: str, note: str) -> str:
        good = self.good
        live = html.Live(self.display, version, stale=good is not None, note=note)
        if good is None:
            return html.render(None, None, problems, live)
        return html.render(good.report, good.values, problems, live)


# The errors that leave nothing to lay out, in the clerk's words.
_KINDS = {
    "F-syntax": "TOML 格式错误",
    "F-fullwidth": "该用半角符号的地方用了全角符号",
    "F-encoding": "编码问题（不是 UTF-8）",
}


def _why(problems: list[Problem]) -> str:
    """Why a readable file cannot be laid out: its first error, named and placed."""
    errors = [p for p in problems if p.is_error]
    if not errors:
        return "文件暂时无法排版。"
    first = errors[0]
    kind = _KINDS.get(first.code, f"错误 {first.code}")
    at = f"第 {first.location.line} 行" if first.location.line > 0 else ""
    more = f"（共 {len(errors)} 处错误）" if len(errors) > 1 else ""
    return f"文件{at}：{kind}{more}，见下方说明。"


_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; "
    "frame-ancestors 'none'"
)


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"
    timeout = IDLE_SECONDS  # the socket's timeout: an idle keep-alive connection ends

    def do_GET(self) -> None:
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]")
        if host not in ("127.0.0.1", "localhost", "::1"):
            self._send(HTTPStatus.FORBIDDEN, b"forbidden", "text/plain")  # DNS rebinding
            return
        route = urlsplit(self.path).path
        try:
            version, page = self.server.preview.current()
        except Exception as exc:  # the page says what went wrong; the server keeps serving
            self._send(
                HTTPStatus.INTERNAL_SERVER_ERROR,
                f"内部错误：{type(exc).__name__}: {exc}".encode(),
                "text/plain",
            )
            return
        if route == "/":
            self._send(HTTPStatus.OK, page.encode("utf-8"), "text/html")
        elif route == "/version":
            self._send(HTTPStatus.OK, version.encode("ascii"), "text/plain")
        else:
            self._send(HTTPStatus.NOT_FOUND, "没有这个页面".encode(), "text/plain")

    def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:  # the client went away: nothing to tell anyone
            self.close_connection = True

    def end_headers(self) -> None:
        """Every response, error pages included: not cached, not sniffed, never framed."""
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Content-Security-Policy", _POLICY)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass  # the clerk's terminal shows only what matters


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # Ctrl-C stops at once, not after every open connection has ended
    request_queue_size = 64  # connections waiting to be accepted (5 by default: a burst stalls)

    def __init__(self, preview: Preview, port: int) -> None:
        self.preview = preview
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        try:
            super().__init__((HOST, port), _Handler)
        except OSError as exc:
            raise OutputError(
                f"无法在端口 {port} 上启动预览（{exc.strerror}）：可能已有程序占用，请换一个端口，如 --port {port + 1 if port else 8765}。"
            ) from None
        # serve_forever accepts only when select() says a connection waits; if the client has
        # reset it meanwhile, a blocking accept() would wait for the next one, deaf to Ctrl-C
        self.socket.setblocking(False)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve the connection in a thread of its own, if fewer than MAX_CONNECTIONS are served."""
        if not self.slots.acquire(blocking=False):
            self.shutdown_request(request)  # too many at once: closed, no thread started
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A connection that failed (reset, closed, timed out) is nobody's concern: no traceback
        on the clerk's terminal. (Rendering errors never get here: the page shows them.)"""

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"


def serve(path: Path, port: int, display: str | None = None) -> PreviewServer:
    """A server for ``path`` bound to ``port`` (0: any free port), not yet serving."""
    shown = display or str(path)
    preview = Preview(path, shown)
    preview.current()  # render once now: a broken template fails before the URL is printed
    return PreviewServer(preview, port)
