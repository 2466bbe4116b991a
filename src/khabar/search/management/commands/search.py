"""``khabar search rebuild``: rebuild the full-text index from published articles."""

from django.core.management.base import BaseCommand

from khabar.search.services import index_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index (run after rebuilding the text table)."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        commands.add_parser("rebuild", help="index every published article again")

    def handle(self, *args, action, **options):
        count = index_rebuild()
        self.stdout.write(f"indexed {count} articles")
