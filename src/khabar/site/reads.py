"""Count reads with a beacon the page sends, so cached pages still count.

The article page's script posts to ``/hit/<code>`` once per load; one reader
(IP) counts once per article per day. The most-read list reads the counts.
"""

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from khabar.newsroom.models import ArticlePage

from .models import DailyReads

SECONDS_PER_DAY = 24 * 3600


def read_record(*, article: ArticlePage, reader: str) -> bool:
    """Count one read of ``article`` today; a reader counts once a day."""
    today = timezone.localdate()
    if not cache.add(f"khabar:read:{article.pk}:{today}:{reader}", 1, SECONDS_PER_DAY):
        return False
    updated = DailyReads.objects.filter(article=article, day=today).update(
        count=F("count") + 1
    )
    if not updated:
        try:
            with transaction.atomic():
                DailyReads.objects.create(article=article, day=today, count=1)
        except IntegrityError:
            DailyReads.objects.filter(article=article, day=today).update(
                count=F("count") + 1
            )
    return True


def most_read(*, service=None, limit: int = 5) -> list[ArticlePage]:
    """Return today's most-read live articles, of one service or of the site."""
    rows = DailyReads.objects.filter(day=timezone.localdate(), article__live=True)
    if service is not None:
        rows = rows.filter(article__in=ArticlePage.objects.child_of(service))
    ids = list(
        rows.order_by("-count", "article_id").values_list("article_id", flat=True)[
            :limit
        ]
    )
    found = {a.pk: a for a in ArticlePage.objects.filter(pk__in=ids).cards()}
    return [found[pk] for pk in ids if pk in found]
