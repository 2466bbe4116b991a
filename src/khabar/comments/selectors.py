"""Reads of comments for the article page, the moderator and the spam rule."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection, models
from django.utils import timezone

from .models import Comment

SORTS = {
    "oldest": ("created_at",),
    "newest": ("-created_at",),
    "top": ("-likes", "dislikes", "-created_at"),
}


DEFAULT_PER_PAGE = 100


@dataclass(frozen=True)
class CommentPage:
    """One page of an article's comments: the forest shown and where it stands."""

    roots: list[Comment]
    number: int
    num_pages: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages


def comment_page_for_article(
    *, article, sort: str = "oldest", page: object = 1
) -> CommentPage:
    """Return one page of ``article``'s approved comments, in ``sort`` order.

    A page holds ``KHABAR_COMMENTS_PER_PAGE`` comments (100), so a story with
    fifteen thousand renders as fast as one with fifteen. Two queries (count
    and page) whatever the size; an unreadable or out-of-range page number
    gives the nearest page.
    """
    per_page = getattr(settings, "KHABAR_COMMENTS_PER_PAGE", DEFAULT_PER_PAGE)
    approved = Comment.objects.approved().filter(article=article)
    num_pages = max(1, -(-approved.count() // per_page))
    try:
        number = min(max(int(str(page)), 1), num_pages)
    except ValueError:
        number = 1
    order = SORTS.get(sort, SORTS["oldest"])
    start = (number - 1) * per_page
    comments = list(approved.order_by(*order)[start : start + per_page])
    return CommentPage(_forest(comments), number, num_pages)


def _forest(comments: list[Comment]) -> list[Comment]:
    """Link ``comments`` into threads, keeping their order.

    Each comment gets a ``children`` list; a reply whose parent is not shown
    (on another page, rejected, in the trash) becomes a root so it is never
    silently hidden.
    """
    by_id = {comment.pk: comment for comment in comments}
    roots = []
    for comment in comments:
        comment.children = []
    for comment in comments:
        parent = by_id.get(comment.parent_id)
        (parent.children if parent else roots).append(comment)
    return roots


def comment_count_for_article(*, article) -> int:
    """Return how many approved comments ``article`` has."""
    return Comment.objects.approved().filter(article=article).count()


def comment_reply_target(*, article, comment_id: object) -> Comment | None:
    """Return the approved comment of ``article`` with id ``comment_id``, if any."""
    try:
        pk = int(str(comment_id))
    except ValueError:
        return None
    return Comment.objects.approved().filter(article=article, pk=pk).first()


# The spam rule is sure from 10 comments of one sender and 3 of one text
# (``moderation.engine.spam.SpamLimits``); counting stops well past that.
SUBMISSION_COUNT_CAP = 100


def comment_submission_checks(
    *, text_key: str, ip_address: str | None, dedupe_keys: tuple[str, ...] = ()
) -> tuple[int | None, dict[str, int]]:
    """Return the id of a comment stored under ``dedupe_keys`` and the spam counts.

    The counts are recent comments with the same text and recent ones from
    the same IP: the moderation engine scores repetition and floods from
    them. Every comment submission asks both, so they are one query, each
    part on its own index. Each count stops at ``SUBMISSION_COUNT_CAP``: a
    flood of thousands from one address would otherwise be read again on
    every one of its submissions (1.8 ms of the database's time each, with
    bench/http's posts all from 127.0.0.1).
    """
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    table = connection.ops.quote_name(Comment._meta.db_table)
    keys = list(dedupe_keys) or [None]
    cap = int(SUBMISSION_COUNT_CAP)

    def capped(condition: str) -> str:
        return (
            f"(SELECT count(*) FROM (SELECT 1 FROM {table} "  # noqa: S608
            f"WHERE {condition} AND created_at >= %s LIMIT {cap}) capped)"
        )

    sql = (
        f"SELECT (SELECT max(id) FROM {table} "  # noqa: S608
        f"WHERE dedupe_key IN ({', '.join(['%s'] * len(keys))})), "
        f"{capped('text_key = %s')}, {capped('ip_address = %s')}"
    )
    params = [
        *keys,
        text_key,
        adapt(now - timedelta(days=1)),
        ip_address,
        adapt(now - timedelta(minutes=10)),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        duplicate, same_text, from_source = cursor.fetchone()
    return duplicate, {"same_text_recent": same_text, "recent_from_source": from_source}


def comment_history_for_commenter(
    *, comment: Comment, limit: int = 50
) -> list[Comment]:
    """Return other comments by the same email or IP, newest first."""
    query = models.Q(pk__in=[])
    if comment.email:
        query |= models.Q(email__iexact=comment.email)
    if comment.ip_address:
        query |= models.Q(ip_address=comment.ip_address)
    others = Comment.objects.filter(query).exclude(pk=comment.pk)
    return list(others.select_related("article").order_by("-created_at")[:limit])
