"""Background work of comments: tell a commenter that someone replied."""

from django_tasks import task

from .models import Comment


@task()
def reply_notify_task(comment_id: int) -> bool:
    """Email the parent's author about the approved reply ``comment_id``."""
    from .services import reply_notify

    comment = Comment.objects.filter(pk=comment_id).select_related("parent").first()
    return comment is not None and reply_notify(comment=comment)
