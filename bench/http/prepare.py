"""Prepare the site for bench/http: the reference article with 20 comments, the
demo stories, and signed captchas and a CSRF pair for the comment POSTs.

Run with DJANGO_SETTINGS_MODULE=settings_bench and bench/http on PYTHONPATH.
Writes ``captchas.tsv`` (token, answer) and ``csrf.env`` into OUT_DIR.
"""

import sys
from pathlib import Path

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from postkit import REFERENCE_CODE, write_kit  # noqa: E402  (bench/http)

from khabar.comments.models import Comment  # noqa: E402
from khabar.newsroom.importing.service import scraped_file_import  # noqa: E402
from khabar.newsroom.selectors import article_get_by_code, home_page_get  # noqa: E402

NAMES = ["مریم", "علی", "سارا", "رضا", "نگار", "بهرام", "زهرا", "حسین"]


def seed_comments(article) -> None:
    """Twenty approved comments, eight of them replies (as the WordPress anchor)."""
    if Comment.objects.filter(article=article).exists():
        return
    tops = [
        Comment.objects.create(
            article=article,
            name=NAMES[n % len(NAMES)],
            text=f"نظر شماره {n + 1}: گزارش روشنی بود و نکته\u200cهای تازه داشت.",
            status=Comment.Status.APPROVED,
            dedupe_key=f"bench-top-{n}",
        )
        for n in range(12)
    ]
    for n in range(8):
        Comment.objects.create(
            article=article,
            parent=tops[n % 4],
            name=NAMES[(n + 3) % len(NAMES)],
            text=f"پاسخ {n + 1}: با این نظر موافقم.",
            status=Comment.Status.APPROVED,
            dedupe_key=f"bench-reply-{n}",
        )


def main(out_dir: Path, seed: Path, captchas: int) -> None:
    call_command("migrate", verbosity=0)
    call_command("demo", verbosity=0)
    scraped_file_import(path=seed, home=home_page_get())
    article = article_get_by_code(code=REFERENCE_CODE)
    seed_comments(article)
    write_kit(out_dir, captchas)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
