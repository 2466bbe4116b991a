"""``khabar serve``: serve the site on http://127.0.0.1:8000 for one machine."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Khabar (development server with static files) on 127.0.0.1:8000."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--noreload", action="store_true", help="do not watch for code changes"
        )

    def handle(self, *args, addrport, noreload, **options):
        call_command("runserver", addrport, use_reloader=not noreload)
