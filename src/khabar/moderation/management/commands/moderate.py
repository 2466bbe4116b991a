"""``khabar moderate``: decide on comments offline, JSON lines in and out."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from khabar.moderation import engine
from khabar.newsroom.selectors import article_get_by_code, article_plain_text


class Command(BaseCommand):
    help = (
        'Read JSON lines {"id": ..., "text": ..., "article": CODE?} and write, in the '
        'same order, {"id": ..., "decision": ..., "reasons": [...]}. Without an '
        "article the off_topic rule is skipped; no database content is needed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", default="-", help="input file, or - for stdin"
        )
        parser.add_argument(
            "--article", type=int, help="news code of the story for every line"
        )
        parser.add_argument("--policy", choices=["auto", "premoderate"], default="auto")

    def handle(self, *args, file, article, policy, **options):
        stream = sys.stdin if file == "-" else self._open(file)
        default_text = self._article_text(article) if article else None
        cache: dict[int, str | None] = {}
        bad = 0
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            result = self._decide(line, number, default_text, policy, cache)
            bad += "error" in result
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        if bad:
            raise CommandError(f"{bad} line(s) could not be read; see the error lines.")

    def _open(self, file: str):
        try:
            return open(file, encoding="utf-8")  # noqa: SIM115 - read to the end
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error

    def _decide(self, line, number, default_text, policy, cache) -> dict:
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError('each line must be an object with a "text" string')
        except ValueError as error:
            message = f"line {number}: {error}"
            self.stderr.write(message)
            return {"id": None, "error": message}
        article_text = default_text
        if item.get("article") is not None:
            article_text = self._cached_article_text(item["article"], cache)
        verdict = engine.moderate(
            item["text"], article_text=article_text, policy=policy
        )
        return {"id": item.get("id"), **verdict.as_dict()}

    def _cached_article_text(self, code, cache) -> str | None:
        try:
            code = int(code)
        except (TypeError, ValueError):
            return None
        if code not in cache:
            cache[code] = self._article_text(code, required=False)
        return cache[code]

    def _article_text(self, code: int, required: bool = True) -> str | None:
        try:
            article = article_get_by_code(code=code)
        except DatabaseError as error:
            if required:
                raise CommandError(f"The database is not ready ({error}).") from error
            return None
        if article is None and required:
            raise CommandError(f"No published article has news code {code}.")
        return article_plain_text(article=article) if article else None
