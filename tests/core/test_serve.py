"""``khabar serve --prod``: the server command line, and a real production start."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.core.management.base import CommandError

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


def test_the_production_profile_serves_cached_pages_from_the_fast_path(tmp_path):
    """granian + khabar.settings.prod on SQLite: the second read is a hit."""
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
        url = f"http://127.0.0.1:{port}/"
        for _ in range(150):
            try:
                first = _get(url)
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                time.sleep(0.2)
        else:
            pytest.fail("the production server did not answer within 30 s")
        second = _get(url)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    assert first[0] == second[0] == 200
    assert second[1]["server"] == "granian"
    assert second[1]["x-khabar-cache"] == "hit"
    assert second[1]["content-encoding"] == "gzip"
    assert "script-src 'self'" in second[1]["content-security-policy"]
