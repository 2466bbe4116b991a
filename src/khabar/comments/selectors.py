"""Reads of comments for the article page."""

from .models import Comment


def comment_tree_for_article(*, article) -> list[Comment]:
    """Return the approved comments of ``article`` as a forest, oldest first.

    Each comment gets a ``children`` list; a reply whose parent is not shown
    becomes a root so it is never silently hidden. One query whatever the size.
    """
    comments = list(
        Comment.objects.approved().filter(article=article).order_by("created_at")
    )
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
