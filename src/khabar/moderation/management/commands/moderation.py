"""``khabar moderation train|export``: learn from the site's own moderation history."""

import csv
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from khabar.moderation.selectors import labelled_history


class Command(BaseCommand):
    help = (
        "export: write moderators' decisions as text,label CSV (1 = rejected). "
        "train: retrain the insult classifier from such a CSV (or any text,label CSV)."
    )

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        export = commands.add_parser("export", help="write the labelled history as CSV")
        export.add_argument("--out", type=Path, required=True)
        train = commands.add_parser("train", help="retrain the insult classifier")
        train.add_argument(
            "--data", type=Path, required=True, help="CSV with text,label"
        )
        train.add_argument(
            "--out",
            type=Path,
            default=None,
            help="where to write the model (default: KHABAR_INSULT_MODEL or var/)",
        )

    def handle(self, *args, action, **options):
        if action == "export":
            return self._export(options["out"])
        return self._train(options["data"], options["out"])

    def _export(self, out: Path) -> None:
        rows = labelled_history()
        with out.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["text", "label"])
            writer.writerows(rows)
        self.stdout.write(f"wrote {len(rows)} labelled comments to {out}")

    def _train(self, data: Path, out: Path | None) -> None:
        from khabar.moderation.engine.build import retrain

        if not data.is_file():
            raise CommandError(f"{data}: no such file")
        target = out or Path(
            getattr(settings, "KHABAR_INSULT_MODEL", "")
            or Path(settings.VAR_DIR) / "insult-model.json.gz"
        )
        try:
            summary = retrain(data, target)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"wrote {target}: {summary}")
        self.stdout.write("Set KHABAR_INSULT_MODEL to this path to use it.")
