"""``khabar import [--format scraped|wxr|html] SOURCE...``: bring stories in.

``scraped`` (the default) reads article pages scraped to text, ``wxr`` a
WordPress export, ``html`` saved article pages or URLs given explicitly. The
work is done by the importers in ``newsroom.importing``; this command only
prints their report and fails (exit status 1) when any item failed.
``--style`` says how plurals and comparatives are written (default: the
agency's import text style, ``keep``).
"""

from pathlib import Path
from urllib.parse import unquote

from django.core.management.base import BaseCommand, CommandError

from khabar.newsroom.importing.html import html_import
from khabar.newsroom.importing.report import (
    FAILED,
    SKIPPED,
    UNCHANGED,
    ImportReport,
    ItemOutcome,
)
from khabar.newsroom.importing.service import scraped_file_import
from khabar.newsroom.importing.wxr_service import wxr_file_import
from khabar.newsroom.selectors import home_page_get
from khabar.text.style import STYLES

SCRAPED_STATUS = {"unchanged": SKIPPED, "refused": FAILED}


class Command(BaseCommand):
    help = (
        "Import stories: scraped text pages (default), a WordPress export "
        "(--format wxr) or saved article pages and URLs (--format html). "
        "Idempotent: a re-run updates changed stories and skips the rest."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "sources", nargs="+", help="files to import (html also takes URLs)"
        )
        parser.add_argument(
            "--format",
            choices=["scraped", "wxr", "html"],
            default="scraped",
            dest="source_format",
            help="what the sources are (default: scraped)",
        )
        parser.add_argument(
            "--news-code",
            choices=["draw", "post-id"],
            default="draw",
            help="wxr: keep each post's ID as its news code (default: draw codes)",
        )
        parser.add_argument(
            "--media-root",
            type=Path,
            help="wxr: folder holding the uploads (default: the export's folder)",
        )
        parser.add_argument(
            "--style",
            choices=STYLES,
            help=(
                "plurals and comparatives: modern (کتاب\u200cها) or keep the "
                "source's joined style (کتابها); default: the agency's setting"
            ),
        )

    def handle(
        self, *args, sources, source_format, news_code, media_root, style, **options
    ):
        home = home_page_get()
        if home is None:
            raise CommandError("There is no home page yet: run `khabar migrate` first.")
        if source_format != "wxr" and (news_code != "draw" or media_root):
            raise CommandError("--news-code and --media-root apply to --format wxr.")
        if media_root is not None and not media_root.is_dir():
            raise CommandError(f"--media-root {media_root} is not a folder.")
        verbose = options["verbosity"] >= 2
        if source_format == "scraped":
            self._scraped(sources, home, style)
            return
        reports = []
        for source in sources:
            if source_format == "wxr":
                report = wxr_file_import(
                    path=Path(source),
                    home=home,
                    post_id_codes=news_code == "post-id",
                    media_root=media_root,
                    style=style,
                )
            else:
                report = ImportReport(source=source)
                report.add(html_import(source=source, home=home, style=style))
            self._print(report, verbose=verbose)
            reports.append(report)
        failed = sum(len(report.failed) for report in reports)
        total = sum(len(report.items) for report in reports)
        if failed:
            raise CommandError(f"{failed} of {total} items failed; see the report.")

    def _scraped(self, sources: list[str], home, style: str | None) -> None:
        """Import scraped pages; each refused file is named with its reason."""
        report = ImportReport(source="scraped pages")
        for source in sources:
            result = scraped_file_import(path=Path(source), home=home, style=style)
            status = SCRAPED_STATUS.get(result.status, result.status)
            report.add(
                ItemOutcome(
                    key=result.source,
                    status=status,
                    reason=result.error or (UNCHANGED if status == SKIPPED else ""),
                    news_code=result.news_code,
                    url=result.url,
                    warnings=result.warnings,
                )
            )
            if result.status == "refused":
                self.stderr.write(f"refused  {result.source}: {result.error}")
                continue
            self.stdout.write(
                f"{result.status:9}{result.source} → {result.news_code} {result.url}"
            )
            for warning in result.warnings:
                self.stdout.write(f"  warning: {warning}")
        self.stdout.write(report.summary())
        if report.failed:
            raise CommandError(
                f"{len(report.failed)} of {len(sources)} files refused; "
                "nothing was written for them."
            )

    def _print(self, report: ImportReport, *, verbose: bool) -> None:
        """Print each item (unchanged and skipped ones with -v 2), then the counts."""
        self.stdout.write(f"== {report.source}")
        for item in report.items:
            if item.status == FAILED:
                title = f" «{item.title}»" if item.title else ""
                self.stderr.write(f"failed   {item.key}{title}: {item.reason}")
                continue
            if item.status == SKIPPED and not verbose:
                continue
            line = f"{item.status:9}{item.key}"
            if item.news_code is not None:
                line += f" → {item.news_code} {unquote(item.url)}"
            if item.reason:
                line += f" ({item.reason})"
            if item.detail:
                line += f"; {item.detail}"
            self.stdout.write(line)
            for warning in item.warnings:
                self.stdout.write(f"  warning: {warning}")
        for note in report.notes:
            self.stdout.write(note)
        self.stdout.write(report.summary())
