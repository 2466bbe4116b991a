"""``khabar serve --prod``: the server command line, and a real production start."""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from django.core.management.base import CommandError

from khabar.core import accesslog
from khabar.core.management.commands.serve import server_command


@pytest.mark.parametrize(
    ("addrport", "host", "port"),
    [("127.0.0.1:8000", "127.0.0.1", "8000"), ("[::1]:9000", "::1", "9000")],
)
def test_granian_gets_host_port_workers_and_threads(addrport, host, port, monkeypatch):
    monkeypatch.setenv("KHABAR_THREADS", "6")
    command = server_command(server="granian", addrport=addrport, workers=3)
    assert command[0] == "granian" and command[-1] == "khabar.wsgi:application"
    options = dict(zip(command[1:-1:2], command[2:-1:2], strict=False))
    assert options["--interface"] == "wsgi"
    assert (options["--host"], options["--port"]) == (host, port)
    assert (options["--workers"], options["--blocking-threads"]) == ("3", "6")


def test_gunicorn_stays_available():
    command = server_command(server="gunicorn", addrport="0.0.0.0:80", workers=2)
    assert command[:4] == [
        "gunicorn",
        "khabar.wsgi:application",
        "--bind",
        "0.0.0.0:80",
    ]
    assert "gthread" in command
    assert "--access-logfile" not in command  # Khabar's own log, when asked for


def test_granian_writes_no_access_log_of_its_own():
    command = server_command(server="granian", addrport="127.0.0.1:80", workers=1)
    assert "--access-log" not in command


@pytest.mark.parametrize("addrport", ["8000", "localhost:", ":80x"])
def test_an_address_without_a_port_is_named(addrport):
    with pytest.raises(CommandError, match="HOST:PORT"):
        server_command(server="granian", addrport=addrport, workers=1)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        response.read()
        return response.status, {k.lower(): v for k, v in response.headers.items()}


@contextlib.contextmanager
def _production_server(tmp_path, **extra_env) -> Iterator[str]:
    """Run ``khabar serve --prod`` (granian, SQLite) and yield its base URL."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="khabar.settings.prod",
        KHABAR_VAR_DIR=str(tmp_path),
        SECRET_KEY="serve-test-" + "k" * 40,
        KHABAR_SSL_REDIRECT="0",
        KHABAR_SECURE_COOKIES="0",
        KHABAR_HSTS_SECONDS="0",
        ALLOWED_HOSTS="127.0.0.1",
        KHABAR_TASKS="immediate",
        **extra_env,
    )
    cli = [sys.executable, "-m", "khabar.cli"]
    migrated = subprocess.run(  # noqa: S603
        [*cli, "migrate", "-v0"], env=env, capture_output=True, text=True, timeout=300
    )
    assert migrated.returncode == 0, migrated.stderr
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [*cli, "serve", "--prod", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                _get(url + "/")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                time.sleep(0.2)
        else:
            pytest.fail("the production server did not answer within 30 s")
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_the_production_profile_serves_cached_pages_from_the_fast_path(tmp_path):
    """granian + khabar.settings.prod on SQLite: the second read is a hit."""
    with _production_server(tmp_path) as url:
        first = _get(url + "/")
        second = _get(url + "/")
    assert first[0] == second[0] == 200
    assert second[1]["server"] == "granian"
    assert second[1]["x-khabar-cache"] == "hit"
    assert second[1]["content-encoding"] == "gzip"
    assert "script-src 'self'" in second[1]["content-security-policy"]
    assert not list(tmp_path.glob("*.log")), "no access log unless asked for"


def test_the_access_log_writes_json_lines_with_persian_paths(tmp_path):
    log = tmp_path / "access.log"
    persian = "/tag/" + "سیاست" + "/"
    with _production_server(tmp_path, KHABAR_ACCESS_LOG=str(log)) as url:
        _get(url + "/")
        _get(url + "/")
        with pytest.raises(urllib.error.HTTPError):
            _get(url + urllib.parse.quote(persian) + "?page=x")
        time.sleep(accesslog.FLUSH_SECONDS * 3)  # the writer thread's turn
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    home = [line for line in lines if line["path"] == "/"]
    assert len(home) >= 2 and all(line["status"] == 200 for line in home)
    assert home[-1]["bytes"] > 0 and home[-1]["method"] == "GET"
    tagged = [line for line in lines if line["path"] == persian]
    assert tagged, lines
    assert tagged[0]["query"] == "page=x"
    assert tagged[0]["status"] in (404, 410)
    assert tagged[0]["ip"] == "127.0.0.1" and tagged[0]["time"].endswith("Z")
