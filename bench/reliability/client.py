"""The load client: many readers posting distinct Persian comments, with retries.

Standard library only (``http.client``, threads). Each client thread takes a
block of ``ip_block`` sequence numbers and posts them one after the other over
one keep-alive connection bound to that block's own loopback address
(127.x.y.z): the moderation engine holds a source's 6th comment in ten minutes
and rejects its 10th (``spam_flood``), and every post from 127.0.0.1 would be
a flood. A post is retried, with the same name and text from the same address
and a fresh captcha, after a connection error, a timeout, a 5xx or a 429; the
server's ``Comment.dedupe_key`` must turn a retry of a stored comment into the
stored comment. 302 to ``?comment=approved|pending`` is an acknowledgement.
"""

from __future__ import annotations

import http.client
import json
import queue
import random
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
LATIN = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
ACKED = {"approved", "pending"}
CONNECTION_ERRORS = (
    ConnectionError,  # refused, reset, aborted, broken pipe
    http.client.HTTPException,  # RemoteDisconnected, BadStatusLine, …
    OSError,
)


def fa(value: object) -> str:
    """Return ``value`` with Persian digits."""
    return str(value).translate(PERSIAN)


def comment_text(run: str, seq: int) -> str:
    """Return the unique Persian text of comment ``seq`` of run ``run``."""
    return (
        f"نظر خواننده شماره {fa(seq)} در اجرای {fa(run)}: "
        "این گزارش درباره دیدار وزیران دفاع روشن و دقیق بود."
    )


def run_marker(run: str) -> str:
    """Return the part of every text of run ``run`` that no other run shares."""
    return f" در اجرای {fa(run)}: "


def source_address(block: int) -> str:
    """Return the loopback address all posts of ``block`` come from."""
    return f"127.{1 + block // 62500}.{(block // 250) % 250 + 1}.{block % 250 + 1}"


class Captchas:
    """Pre-signed captchas from prepare.py, then fresh ones from /comments/state/."""

    def __init__(self, path: Path, host: str, port: int, max_age: int = 15 * 60):
        self.lock = threading.Lock()
        self.pool = [
            tuple(line.split("\t"))
            for line in path.read_text().splitlines()
            if line.strip()
        ]
        self.host, self.port, self.fetched = host, port, 0
        # Signed captchas expire after KHABAR_CAPTCHA_MAX_AGE (15 minutes).
        self.fresh_until = path.stat().st_mtime + max_age - 60

    def take(self) -> tuple[str, str]:
        with self.lock:
            if self.pool and time.time() < self.fresh_until:
                return self.pool.pop()
        return self._fetch()

    def _fetch(self) -> tuple[str, str]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request("GET", "/comments/state/")
            data = json.loads(conn.getresponse().read())
        finally:
            conn.close()
        numbers = re.findall(r"\d+", data["captcha"]["question"].translate(LATIN))
        with self.lock:
            self.fetched += 1
        return data["captcha"]["token"], str(sum(map(int, numbers)))


@dataclass
class Stats:
    """What the clients saw; every counter is also kept per phase."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    # seq -> (status, text, start of the acknowledged attempt if it was a retry)
    acks: dict[int, tuple] = field(default_factory=dict)
    rejected: dict[int, str] = field(default_factory=dict)
    gave_up: dict[int, str] = field(default_factory=dict)
    events: Counter = field(default_factory=Counter)  # (phase, kind) -> count
    statuses: Counter = field(default_factory=Counter)  # HTTP status -> count
    reads: Counter = field(default_factory=Counter)  # (phase, status) of readers
    samples: list = field(default_factory=list)  # first bodies of odd answers
    latencies: list = field(default_factory=list)
    max_latency: Counter = field(default_factory=Counter)  # phase -> seconds
    read_max_latency: Counter = field(default_factory=Counter)  # phase -> seconds
    retried_acks: int = 0
    resent: int = 0  # acknowledged comments posted again (double clicks)
    resent_changed: int = 0  # … whose second answer differed from the first

    def event(self, phase: str, kind: str, latency: float | None = None) -> None:
        with self.lock:
            self.events[(phase, kind)] += 1
            if latency is not None:
                self.max_latency[phase] = max(self.max_latency[phase], latency)


class Phase:
    """The fault the driver is injecting now: normal, kill or pg."""

    def __init__(self):
        self.name = "normal"

    def during(self, started: str) -> str:
        """Return the phase a request belongs to: a fault if it saw one."""
        return started if started != "normal" else self.name


class LoadClient:
    """Post ``n`` comments from ``clients`` threads; read pages with ``readers``."""

    def __init__(
        self,
        *,
        host: str,
        port: int,
        code: int,
        article_path: str,
        csrf_cookie: str,
        csrf_token: str,
        captchas: Captchas,
        n: int,
        clients: int,
        run: str,
        ip_block: int = 8,
        readers: int = 2,
        resend_every: int = 50,
        timeout: float = 30.0,
        give_up_after: float = 300.0,
    ):
        self.host, self.port, self.code = host, port, code
        self.article_path = article_path
        self.cookie, self.csrf = csrf_cookie, csrf_token
        self.captchas, self.n, self.clients, self.run = captchas, n, clients, run
        self.ip_block, self.readers = ip_block, readers
        self.resend_every = resend_every
        self.timeout, self.give_up_after = timeout, give_up_after
        self.stats, self.phase = Stats(), Phase()
        self.blocks: queue.Queue[int] = queue.Queue()
        for block in range((n + ip_block - 1) // ip_block):
            self.blocks.put(block)
        self.done = threading.Event()
        self.threads: list[threading.Thread] = []

    # -- running -----------------------------------------------------------

    def start(self) -> None:
        self.started = time.monotonic()
        for i in range(self.clients):
            self.threads.append(threading.Thread(target=self._poster, name=f"c{i}"))
        self.reader_threads = [
            threading.Thread(target=self._reader, name=f"r{i}")
            for i in range(self.readers)
        ]
        for thread in self.threads + self.reader_threads:
            thread.daemon = True
            thread.start()

    def join(self) -> float:
        for thread in self.threads:
            thread.join()
        self.elapsed = time.monotonic() - self.started
        self.done.set()
        for thread in self.reader_threads:
            thread.join()
        return self.elapsed

    def progress(self) -> int:
        return len(self.stats.acks)

    # -- posting -----------------------------------------------------------

    def _poster(self) -> None:
        while True:
            try:
                block = self.blocks.get_nowait()
            except queue.Empty:
                return
            address = source_address(block)
            conn = None
            first = block * self.ip_block
            for seq in range(first, min(first + self.ip_block, self.n)):
                conn = self._post(seq, address, conn)
                if self.resend_every and seq % self.resend_every == 0:
                    conn = self._resend(seq, address, conn)
            if conn is not None:
                conn.close()

    def _resend(self, seq: int, address: str, conn):
        """Post an acknowledged comment once more, as a double click would.

        The answer must be the stored comment's status, and no second row.
        """
        with self.stats.lock:
            first = self.stats.acks.pop(seq, None)
        if first is None:
            return conn
        conn = self._post(seq, address, conn)
        with self.stats.lock:
            again = self.stats.acks.get(seq)
            self.stats.resent += 1
            self.stats.resent_changed += again is None or again[0] != first[0]
            self.stats.acks[seq] = first  # keep the first answer's record
        return conn

    def _connect(self, address: str) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(
            self.host, self.port, timeout=self.timeout, source_address=(address, 0)
        )

    def _body(self, seq: int) -> str:
        token, answer = self.captchas.take()
        return urlencode(
            {
                "name": f"خواننده {fa(seq)}",
                "email": "",
                "parent": "",
                "website": "",
                "text": comment_text(self.run, seq),
                "captcha_token": token,
                "captcha_answer": answer,
                "csrfmiddlewaretoken": self.csrf,
            }
        )

    def _post(self, seq: int, address: str, conn) -> http.client.HTTPConnection:
        """Post comment ``seq`` until it is acknowledged, refused or given up."""
        stats, text = self.stats, comment_text(self.run, seq)
        headers = {
            "Cookie": f"csrftoken={self.cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        path = f"/comments/post/{self.code}/"
        deadline, attempt = time.monotonic() + self.give_up_after, 0
        while True:
            attempt += 1
            if conn is None:
                conn = self._connect(address)
            phase, began, wall = self.phase.name, time.monotonic(), time.time()
            try:
                conn.request("POST", path, self._body(seq), headers)
                response = conn.getresponse()
                body = response.read()
            except TimeoutError:
                conn.close()
                conn = None
                stats.event(self.phase.during(phase), "timeout")
            except CONNECTION_ERRORS as error:
                conn.close()
                conn = None
                kind = (
                    "refused"
                    if isinstance(error, ConnectionRefusedError)
                    else "conn_error"
                )
                stats.event(self.phase.during(phase), kind, time.monotonic() - began)
            else:
                latency = time.monotonic() - began
                status = response.status
                during = self.phase.during(phase)
                with stats.lock:
                    stats.statuses[status] += 1
                    stats.latencies.append(latency)
                    stats.max_latency[during] = max(stats.max_latency[during], latency)
                if response.will_close:
                    conn.close()
                    conn = None
                if status == 302:
                    query = parse_qs(urlsplit(response.getheader("Location", "")).query)
                    verdict = query.get("comment", [""])[0]
                    with stats.lock:
                        if verdict in ACKED:
                            # A retry's start: a comment stored before it was
                            # stored by an attempt whose answer was lost.
                            stats.acks[seq] = (
                                verdict,
                                text,
                                wall if attempt > 1 else None,
                            )
                            stats.retried_acks += attempt > 1
                        else:
                            stats.rejected[seq] = text
                    return conn
                kind = f"{status // 100}xx"
                stats.event(during, f"http_{status}" if status >= 500 else kind)
                if len(stats.samples) < 5 and status != 429:
                    with stats.lock:
                        stats.samples.append(
                            (status, body[:300].decode(errors="replace"))
                        )
                if 400 <= status < 500 and status != 429:
                    with stats.lock:
                        stats.gave_up[seq] = text
                    return conn
            if time.monotonic() > deadline:
                with stats.lock:
                    stats.gave_up[seq] = text
                return conn
            time.sleep(min(1.0, 0.05 * 2 ** min(attempt, 6)) * random.uniform(0.5, 1))

    # -- reading -----------------------------------------------------------

    def _reader(self) -> None:
        """GET a page that reads the database on every request, until done.

        The short link ``/x/<code>`` looks the article up by its news code
        (one SELECT, never cached) and answers 301. The article page and the
        comment form page are not used: both render every approved comment
        (15,000 by the end of a full run), so they would measure rendering.
        """
        conn, path = None, f"/x/{self.code}"
        while not self.done.is_set():
            if conn is None:
                conn = http.client.HTTPConnection(
                    self.host, self.port, timeout=self.timeout
                )
            phase, began = self.phase.name, time.monotonic()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                status = str(response.status)
                if response.will_close:
                    conn.close()
                    conn = None
            except TimeoutError:
                conn.close()
                conn, status = None, "timeout"
            except CONNECTION_ERRORS:
                conn.close()
                conn, status = None, "conn_error"
            during = self.phase.during(phase)
            latency = time.monotonic() - began
            with self.stats.lock:
                self.stats.reads[(during, status)] += 1
                self.stats.read_max_latency[during] = max(
                    self.stats.read_max_latency[during], latency
                )
            time.sleep(0.2 if status not in ("200", "301") else 0.1)
        if conn is not None:
            conn.close()


def wait_ready(host: str, port: int, timeout: float = 60.0) -> float:
    """Wait until the home page answers 200; return the seconds it took."""
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        try:
            conn = http.client.HTTPConnection(host, port, timeout=5)
            conn.request("GET", "/")
            status = conn.getresponse().status
            conn.close()
            if status == 200:
                return time.monotonic() - began
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"Khabar did not answer on {host}:{port} in {timeout:.0f} s")
