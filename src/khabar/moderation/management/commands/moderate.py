"""``khabar moderate``: decide on comments offline, JSON lines in and out.

It decides exactly as the site does: the site's settings, word lists, hold
band and learned model, and the policy of the story's service; ``--model``
scores with a model file instead of the site's model.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from khabar.moderation import engine, pipeline
from khabar.moderation.config import site_config
from khabar.moderation.services import policy_for_article
from khabar.newsroom.selectors import article_get_by_code, article_plain_text


class Command(BaseCommand):
    help = (
        'Read JSON lines {"id": ..., "text": ..., "article": CODE?} and write, in the '
        'same order, {"id": ..., "decision": ..., "reasons": [...]}. Without an '
        "article the off_topic rule is skipped. Decides as the site does: its "
        "settings, hold band, word lists and model (--model: a model file)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", default="-", help="input file, or - for stdin"
        )
        parser.add_argument(
            "--article", type=int, help="news code of the story for every line"
        )
        parser.add_argument(
            "--policy",
            choices=["auto", "premoderate"],
            help="default: the policy of the story's service, else the site's",
        )
        parser.add_argument(
            "--model", type=Path, help="an insult model file instead of the site's"
        )

    def handle(self, *args, file, article, policy, model, **options):
        stream = sys.stdin if file == "-" else self._open(file)
        self.config = self._site_config()
        self.own_model = model is not None
        if model is not None:
            try:
                engine.use_model(model)
            except engine.ModelError as error:
                raise CommandError(str(error)) from error
        default = self._article(article) if article else None
        cache: dict[int, object] = {}
        bad = 0
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            result = self._decide(line, number, default, policy, cache)
            bad += "error" in result
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        if bad:
            raise CommandError(f"{bad} line(s) could not be read; see the error lines.")

    def _open(self, file: str):
        try:
            return open(file, encoding="utf-8")  # noqa: SIM115 - read to the end
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error

    def _site_config(self):
        try:
            return site_config()
        except DatabaseError as error:
            raise CommandError(
                f"The database is not ready ({error}): run khabar migrate."
            ) from error

    def _decide(self, line, number, default, policy, cache) -> dict:
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError('each line must be an object with a "text" string')
        except ValueError as error:
            message = f"line {number}: {error}"
            self.stderr.write(message)
            return {"id": None, "error": message}
        article = default
        if item.get("article") is not None:
            article = self._cached_article(item["article"], cache)
        result = pipeline.run(
            text=item["text"],
            article_text=article_plain_text(article=article) if article else None,
            policy=policy or self._policy(article),
            config=self.config,
            counts=None,
            site_model=not self.own_model,
        )
        reasons = [
            {"rule": reason["rule"], "score": reason["score"]}
            for reason in result.reasons
        ]
        return {"id": item.get("id"), "decision": result.decision, "reasons": reasons}

    def _policy(self, article) -> str:
        settings = self.config.settings
        if article is None:
            return settings.policy
        policies = self.config.policies
        return policy_for_article(article=article, config=settings, policies=policies)

    def _cached_article(self, code, cache):
        try:
            code = int(code)
        except (TypeError, ValueError):
            return None
        if code not in cache:
            cache[code] = self._article(code, required=False)
        return cache[code]

    def _article(self, code: int, required: bool = True):
        try:
            article = article_get_by_code(code=code)
        except DatabaseError as error:
            if required:
                raise CommandError(f"The database is not ready ({error}).") from error
            return None
        if article is None and required:
            raise CommandError(f"No published article has news code {code}.")
        return article
