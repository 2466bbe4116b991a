"""``khabar restore ARCHIVE``: put back the database and media from a backup."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from khabar.core.backup import VENDOR_NAMES, BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore the database and the media folder from a `khabar backup` "
        "archive. Stop the site and the workers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="a khabar-backup-….tar.gz file")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="replace a database and media folder that already hold data",
        )

    def handle(self, *args, archive: Path, yes: bool, **options):
        connections.close_all()  # this process must not hold the old database open
        try:
            manifest = backup_restore(archive=archive, force=yes)
        except BackupError as error:
            raise CommandError(f"Restore failed: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {archive}: {VENDOR_NAMES[manifest.vendor]} database and "
                f"{manifest.media_files} media files, backed up {manifest.created_at} "
                f"by Khabar {manifest.khabar_version}."
            )
        )
        self.stdout.write(
            "Next: `khabar migrate` (if this Khabar is newer), then start the site."
        )
