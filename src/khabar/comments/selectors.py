"""Reads of comments for the article page, the moderator and the spam rule."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import models
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


def comment_submission_checks(
    *, text_key: str, ip_address: str | None, dedupe_keys: tuple[str, ...] = ()
) -> tuple[int | None, dict[str, int]]:
    """Return the id of a comment stored under ``dedupe_keys`` and the spam counts.

    The counts are recent comments with the same text and recent ones from
    the same IP: the moderation engine scores repetition and floods from
    them. Every comment submission asks both, so they are one query (each
    branch of the OR has its own index).
    """
    now = timezone.now()
    same_text = models.Q(text_key=text_key, created_at__gte=now - timedelta(days=1))
    from_source = models.Q(
        ip_address=ip_address, created_at__gte=now - timedelta(minutes=10)
    )
    if not ip_address:
        from_source = models.Q(pk__in=[])
    stored = models.Q(dedupe_key__in=dedupe_keys)
    found = Comment.objects.filter(same_text | from_source | stored).aggregate(
        duplicate=models.Max("pk", filter=stored),
        same_text_recent=models.Count("pk", filter=same_text),
        recent_from_source=models.Count("pk", filter=from_source),
    )
    duplicate = found.pop("duplicate")
    return duplicate, {name: count or 0 for name, count in found.items()}


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
