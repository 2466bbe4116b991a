"""A cheap access log: JSON lines with readable paths, written off the request path.

``KHABAR_ACCESS_LOG`` turns it on: ``-`` writes to standard output (for
journald or docker), any other value is a file path, rotated when it reaches
``KHABAR_ACCESS_LOG_MAX_BYTES`` (50 MB) and keeping
``KHABAR_ACCESS_LOG_BACKUPS`` (5) old files. Empty, the default, means no
access log: the application is not even wrapped.

A request only appends one tuple to a list; a daemon thread formats the
tuples and writes them every :data:`FLUSH_SECONDS` in one call, and what is
left is written at exit. Small batches keep each formatting run shorter than
the interpreter's thread switch interval, so requests waiting for the GIL
are not held up long. The cost is still Python work per request: about a
tenth of the throughput of a page the fast path answers (docs/performance.md).

One line (UTC time; the path and query decoded as UTF-8, so
Persian addresses read as Persian)::

    {"time": "2026-12-08T00:15:02.123Z", "method": "GET",
     "path": "/news/1224974/دیدار-وزیر", "query": "", "status": 200,
     "bytes": 3912, "ms": 0.4, "ip": "127.0.0.1", "agent": "Mozilla/5.0 …"}

``bytes`` is the response's Content-Length (null when it has none) and
``ms`` the time until the application returned its body.
"""

import atexit
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from logging.handlers import RotatingFileHandler
from typing import TextIO

FLUSH_SECONDS = 0.2
# A JSON string literal, non-ASCII kept as it is (json's C encoder).
_quote = json.encoder.encode_basestring
STDOUT = "-"

# (time, method, raw path, raw query, status line, length, seconds, ip, agent)
Entry = tuple[float, str, str, str, str, str | None, float, str, str]


class LogWriter:
    """Collect entries and write them as JSON lines from a background thread."""

    def __init__(self, write: Callable[[str], None]) -> None:
        """Start the flushing thread; ``write`` takes a block of lines."""
        self._write = write
        self._entries: list[Entry] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        atexit.register(self.flush)

    def add(self, entry: Entry) -> None:
        """Keep one entry for the next flush (list.append is atomic)."""
        self._entries.append(entry)

    def flush(self) -> None:
        """Write every entry collected so far."""
        with self._lock:
            entries, self._entries = self._entries, []
            if entries:
                self._write("".join(map(format_entry, entries)))

    def _run(self) -> None:
        while True:
            time.sleep(FLUSH_SECONDS)
            self.flush()


_LINE = (
    '{"time": "%s.%03dZ", "method": %s, "path": %s, "query": %s, "status": %s, '
    '"bytes": %s, "ms": %.2f, "ip": "%s", "agent": %s}\n'
)


def format_entry(entry: Entry) -> str:
    """Return one entry as a JSON line.

    One %-format of a template, strings escaped by :mod:`json`'s C encoder
    and the time formatted once a second: json.dumps of a dict cost 7 µs an
    entry, this about 2 µs. The address and a three-digit status need no
    escaping.
    """
    when, method, path, query, status, length, seconds, ip, agent = entry
    millis = int(when * 1000)
    return _LINE % (
        _stamp(millis // 1000),
        millis % 1000,
        _quote(method),
        _quote(_utf8(path)),
        _quote(_utf8(query)) if query else '""',
        status[:3] if status[:3].isdigit() else _quote(status),
        length if length and length.isdigit() else "null",
        seconds * 1000,
        ip,
        _quote(agent),
    )


_last_stamp = [-1, ""]


def _stamp(second: int) -> str:
    """Return the UTC time of ``second`` as ISO 8601 without the fraction."""
    last = _last_stamp
    if last[0] != second:
        last[:] = second, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
    return last[1]


def _utf8(raw: str) -> str:
    """Return a WSGI path or query as text.

    PEP 3333 servers (gunicorn) pass the request's bytes as latin-1, which is
    decoded as UTF-8 here; granian passes text already.
    """
    if raw.isascii() or max(raw) > "\xff":
        return raw
    return raw.encode("latin-1").decode("utf-8", "replace")


class AccessLog:
    """WSGI middleware that records every request in a :class:`LogWriter`."""

    def __init__(self, application: Callable, writer: LogWriter) -> None:
        """Wrap ``application``; entries go to ``writer``."""
        self.application = application
        self.writer = writer

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        """Serve the request and note its status, length and time."""
        started = time.perf_counter()
        seen: list = []

        def note(status: str, headers: list, *args):
            seen[:] = (status, _content_length(headers))
            return start_response(status, headers, *args)

        body = self.application(environ, note)
        self.writer.add(
            (
                time.time(),
                environ.get("REQUEST_METHOD", ""),
                environ.get("PATH_INFO", ""),
                environ.get("QUERY_STRING", ""),
                seen[0] if seen else "",
                seen[1] if seen else None,
                time.perf_counter() - started,
                environ.get("REMOTE_ADDR", ""),
                environ.get("HTTP_USER_AGENT", ""),
            )
        )
        return body


def _content_length(headers: list[tuple[str, str]]) -> str | None:
    """Return the Content-Length header's value, if the response has one."""
    for name, value in headers:
        if len(name) == 14 and name.lower() == "content-length":
            return value
    return None


def stream_writer(
    target: str, *, max_bytes: int, backups: int
) -> Callable[[str], None]:
    """Return a function writing blocks of lines to stdout or a rotated file."""
    if target == STDOUT:
        stream: TextIO = sys.stdout

        def write_stdout(block: str) -> None:
            stream.write(block)
            stream.flush()

        return write_stdout
    # Only its renaming of old files is used; the size check is per block.
    # Every worker process writes the same file and any of them may rotate it.
    files = RotatingFileHandler(
        target, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
    )

    def write_file(block: str) -> None:
        if _moved(target, files.stream):
            # Another worker rotated the file: write to the new one.
            files.stream.close()
            files.stream = files._open()
        size = len(block.encode("utf-8"))
        if max_bytes and files.stream.tell() + size > max_bytes:
            files.doRollover()
        files.stream.write(block)
        files.stream.flush()

    return write_file


def _moved(target: str, stream: TextIO) -> bool:
    """Tell whether ``target`` is no longer the file ``stream`` writes."""
    try:
        return os.stat(target).st_ino != os.fstat(stream.fileno()).st_ino
    except FileNotFoundError:
        return True


def wrap(application: Callable, *, target: str, max_bytes: int, backups: int):
    """Return ``application`` with an access log to ``target``, or as is."""
    if not target:
        return application
    writer = LogWriter(stream_writer(target, max_bytes=max_bytes, backups=backups))
    return AccessLog(application, writer)
