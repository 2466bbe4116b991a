"""``khabar import PATH...``: import scraped article pages."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from khabar.newsroom.importing.service import scraped_file_import
from khabar.newsroom.selectors import home_page_get


class Command(BaseCommand):
    help = (
        "Import article pages scraped to text (the layout of an agency article page). "
        "Idempotent by news code: a re-import updates, never duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="text files to import")

    def handle(self, *args, paths, **options):
        home = home_page_get()
        if home is None:
            raise CommandError("There is no home page yet: run `khabar migrate` first.")
        failed = 0
        for path in paths:
            result = scraped_file_import(path=path, home=home)
            if result.status == "refused":
                failed += 1
                self.stderr.write(f"refused  {result.source}: {result.error}")
                continue
            self.stdout.write(
                f"{result.status:9}{result.source} → {result.news_code} {result.url}"
            )
            for warning in result.warnings:
                self.stdout.write(f"  warning: {warning}")
        if failed:
            raise CommandError(
                f"{failed} of {len(paths)} files refused; nothing was written for them."
            )
