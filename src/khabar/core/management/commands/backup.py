"""``khabar backup``: one archive of the database and the media folder."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from khabar.core.backup import BackupError, backup_create, size_human


class Command(BaseCommand):
    help = (
        "Write one archive (.tar.gz) holding a consistent copy of the database "
        "and the media folder; safe while the site runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out",
            type=Path,
            default=None,
            metavar="DIR",
            help="folder for the archive (default: KHABAR_VAR_DIR/backups)",
        )

    def handle(self, *args, out: Path | None, **options):
        try:
            archive = backup_create(out_dir=out)
        except BackupError as error:
            raise CommandError(f"Backup failed: {error}") from error
        size = size_human(archive.stat().st_size)
        self.stdout.write(self.style.SUCCESS(f"Backup written: {archive} ({size})"))
