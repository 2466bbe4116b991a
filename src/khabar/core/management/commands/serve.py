"""``khabar serve``: the development server, or ``--prod``: gunicorn with the
production settings, static files collected and served by WhiteNoise."""

import os
import shutil
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

PROD_SETTINGS = "khabar.settings.prod"


THREADS = "4"


def default_workers() -> int:
    """Return the worker count: ``KHABAR_WORKERS``, else two per core.

    Each worker runs ``KHABAR_THREADS`` (4) threads and keeps connections
    alive, so a reader's page, script and font share one connection.
    """
    configured = os.environ.get("KHABAR_WORKERS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return 2 * (os.cpu_count() or 1)


class Command(BaseCommand):
    help = (
        "Serve Khabar on 127.0.0.1:8000: Django's development server, or with "
        "--prod gunicorn with the production settings."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--noreload", action="store_true", help="do not watch for code changes"
        )
        parser.add_argument(
            "--prod",
            action="store_true",
            help="gunicorn, khabar.settings.prod, collected static files",
        )
        parser.add_argument(
            "--workers", type=int, default=0, help="gunicorn workers (--prod)"
        )

    def handle(self, *args, addrport, noreload, prod, workers, **options):
        if not prod:
            call_command("runserver", addrport, use_reloader=not noreload)
            return
        self._serve_prod(addrport, workers or default_workers())

    def _serve_prod(self, addrport: str, workers: int) -> None:
        gunicorn = shutil.which("gunicorn") or os.path.join(
            os.path.dirname(sys.executable), "gunicorn"
        )
        if not os.path.exists(gunicorn):
            raise CommandError("gunicorn is not installed: pip install 'khabar[prod]'")
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": PROD_SETTINGS}
        # This process already loaded the development settings; collect with
        # the production ones (hashed names, compressed copies).
        collect = [sys.executable, "-m", "khabar.cli", "collectstatic", "--noinput"]
        done = subprocess.run([*collect, "-v0"], env=env, check=False)  # noqa: S603
        if done.returncode:
            raise CommandError("collectstatic failed with the production settings")
        command = [
            gunicorn,
            "khabar.wsgi:application",
            "--bind",
            addrport,
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            os.environ.get("KHABAR_THREADS", THREADS),
            "--keep-alive",
            "5",
            "--access-logfile",
            "-",
            "--graceful-timeout",
            "20",
        ]
        self.stdout.write(f"gunicorn {workers} workers on http://{addrport}/")
        os.execve(gunicorn, command, env)  # noqa: S606 - fixed argument list
