"""``khabar moderation train|export``: learn from the site's own moderation history."""

import csv
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from khabar.moderation.learning import site_model_learn
from khabar.moderation.selectors import labelled_history
from khabar.moderation.workload import hold_band_refresh


class Command(BaseCommand):
    help = (
        "export: write moderators' decisions as text,label CSV (1 = rejected). "
        "train: retrain the insult classifier from such a CSV (or any text,label CSV). "
        "learn: learn from new moderator decisions and review the site model now. "
        "refresh: choose the insult hold band from recent traffic now."
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

        commands.add_parser("learn", help="learn and review the site model now")
        commands.add_parser("refresh", help="choose the insult hold band now")

    def handle(self, *args, action, **options):
        if action == "export":
            return self._export(options["out"])
        if action == "learn":
            return self._learn()
        if action == "refresh":
            return self._refresh()
        return self._train(options["data"], options["out"])

    def _learn(self) -> None:
        attempt = site_model_learn(review_now=True)
        if attempt is None:
            self.stdout.write("too few decisions of both kinds to judge a site model")
            return
        state = "switched to" if attempt.active else "refused (worse)"
        self.stdout.write(
            f"site model {state}: average precision {attempt.ap_before:.3f} -> "
            f"{attempt.ap_after:.3f} on the newest {attempt.window} decisions"
        )

    def _refresh(self) -> None:
        band = hold_band_refresh()
        if band is None:
            raise CommandError("no default site: run khabar migrate")
        self.stdout.write(
            f"insult hold band from {band.hold:.3f} (floor {band.floor:.3f}): "
            f"{band.expected_share:.1%} of {band.traffic} recent comments held"
        )

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
