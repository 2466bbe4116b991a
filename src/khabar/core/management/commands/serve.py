"""``khabar serve``: the development server, or ``--prod``: granian (or
gunicorn) with the production settings, static files collected and served by
WhiteNoise.

granian is the default production server: its HTTP layer is Rust, so a page
the WSGI fast path answers from the cache (``core.fastpath``) costs a few
microseconds of Python; under gunicorn the same hit spends most of its time
in gunicorn's own request parsing (docs/performance.md). ``--server
gunicorn`` (or ``KHABAR_SERVER=gunicorn``) keeps the classic choice.

Neither server writes its own access log: granian's halved the throughput of
cached pages and wrote Persian paths garbled. ``KHABAR_ACCESS_LOG`` turns on
Khabar's own (``core.accesslog``: JSON lines, buffered, stdout or a rotated
file; docs/deploy.md).
"""

import os
import shutil
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

PROD_SETTINGS = "khabar.settings.prod"
DEV_SETTINGS = "khabar.settings.dev"
SERVERS = ("granian", "gunicorn")
# Threads per worker process: granian's workers answer cache hits without
# Python's request handling, so one process per core with two threads keeps
# the cores busy with the least GIL and SQLite lock contention (bench/http:
# comment POSTs 213/s against 184/s with 2 processes per core × 4 threads).
THREADS = {"granian": "2", "gunicorn": "4"}


def production_settings() -> str:
    """Return the settings module ``--prod`` serves with.

    ``khabar.settings.prod``, unless ``DJANGO_SETTINGS_MODULE`` names a module
    of the site's own (one that starts ``from khabar.settings.prod import *``).
    """
    configured = os.environ.get("DJANGO_SETTINGS_MODULE", "")
    return configured if configured not in ("", DEV_SETTINGS) else PROD_SETTINGS


def default_workers(server: str = "granian") -> int:
    """Return the worker count: ``KHABAR_WORKERS``, else one (granian) or two
    (gunicorn) per core.

    Each worker runs ``KHABAR_THREADS`` threads (2 for granian, 4 for
    gunicorn) and keeps connections alive, so a reader's page, script and
    font share one connection.
    """
    configured = os.environ.get("KHABAR_WORKERS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    per_core = 1 if server == "granian" else 2
    return per_core * (os.cpu_count() or 1)


def server_command(*, server: str, addrport: str, workers: int) -> list[str]:
    """Return the command line that serves ``khabar.wsgi`` on ``addrport``."""
    threads = os.environ.get("KHABAR_THREADS", THREADS[server])
    if server == "gunicorn":
        return [
            *("gunicorn", "khabar.wsgi:application", "--bind", addrport),
            *("--workers", str(workers), "--worker-class", "gthread"),
            *("--threads", threads, "--keep-alive", "5"),
            *("--graceful-timeout", "20"),
        ]
    host, _, port = addrport.rpartition(":")
    if not host or not port.isdigit():
        raise CommandError(f"address must be HOST:PORT, not {addrport!r}")
    return [
        *("granian", "--interface", "wsgi", "--host", host.strip("[]")),
        *("--port", port, "--workers", str(workers)),
        *("--blocking-threads", threads, "--respawn-failed-workers"),
        *("--workers-kill-timeout", "20"),
        "khabar.wsgi:application",
    ]


class Command(BaseCommand):
    help = (
        "Serve Khabar on 127.0.0.1:8000: Django's development server, or with "
        "--prod granian (or gunicorn) with the production settings."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--noreload", action="store_true", help="do not watch for code changes"
        )
        parser.add_argument(
            "--prod",
            action="store_true",
            help="granian, khabar.settings.prod, collected static files",
        )
        parser.add_argument(
            "--workers", type=int, default=0, help="server processes (--prod)"
        )
        parser.add_argument(
            "--server",
            choices=SERVERS,
            default=None,
            help="production server (--prod; default KHABAR_SERVER or granian)",
        )

    def handle(self, *args, addrport, noreload, prod, workers, server, **options):
        if not prod:
            call_command("runserver", addrport, use_reloader=not noreload)
            return
        server = server or os.environ.get("KHABAR_SERVER") or "granian"
        if server not in SERVERS:
            raise CommandError(f"KHABAR_SERVER must be one of {', '.join(SERVERS)}")
        workers = workers or default_workers(server)
        command = server_command(server=server, addrport=addrport, workers=workers)
        self._serve_prod(command, f"{server}, {workers} workers, http://{addrport}/")

    def _serve_prod(self, command: list[str], banner: str) -> None:
        executable = shutil.which(command[0]) or os.path.join(
            os.path.dirname(sys.executable), command[0]
        )
        if not os.path.exists(executable):
            raise CommandError(f"{command[0]} is not installed: pip install khabar")
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": production_settings()}
        # This process already loaded the development settings; collect with
        # the production ones (hashed names, compressed copies).
        collect = [sys.executable, "-m", "khabar.cli", "collectstatic", "--noinput"]
        done = subprocess.run([*collect, "-v0"], env=env, check=False)  # noqa: S603
        if done.returncode:
            raise CommandError("collectstatic failed with the production settings")
        self.stdout.write(banner)
        os.execve(executable, [executable, *command[1:]], env)  # noqa: S606
