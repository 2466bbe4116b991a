"""``khabar trash expire [--days N]``: empty the trash of what has been there too long.

Stories and comments deleted in the admin wait in the trash (restorable) for
``KHABAR_TRASH_DAYS`` days (30 by default), like WordPress's EMPTY_TRASH_DAYS;
run this daily from cron or a systemd timer (docs/reliability.md). Their audit
log entries stay.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from khabar.comments.trash import comments_trash_expire
from khabar.newsroom.trash import articles_trash_expire

DEFAULT_DAYS = 30


class Command(BaseCommand):
    help = "Delete for good the stories and comments kept in the trash too long."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["expire"])
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="days to keep (default: KHABAR_TRASH_DAYS, else 30)",
        )

    def handle(self, *args, action: str, days: int | None, **options):
        if days is None:
            days = getattr(settings, "KHABAR_TRASH_DAYS", DEFAULT_DAYS)
        if days < 1:
            raise CommandError("--days must be at least 1")
        stories = articles_trash_expire(days=days)
        comments = comments_trash_expire(days=days)
        self.stdout.write(
            f"deleted after {days} days: {stories} stories, {comments} comments"
        )
