"""The comment trash: deleting hides a comment from readers and keeps it.

Checked through the admin (single and bulk delete, restore, purge) by the
effect on the article page, the moderation queue and the moderation log.
"""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from khabar.comments.models import Comment
from khabar.comments.selectors import comment_count_for_article
from khabar.comments.trash import comment_trash, comments_trash_expire
from khabar.moderation.models import LogEntry
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

APPROVED = Comment.Status.APPROVED


def _log(comment_pk: int) -> list[tuple[str, str | None]]:
    entries = LogEntry.objects.filter(comment_ref=comment_pk).order_by(
        "created_at", "pk"
    )
    return [
        (entry.action, entry.actor.username if entry.actor else None)
        for entry in entries
    ]


def test_asking_to_delete_a_comment_offers_the_trash(client, staff):
    comment = CommentFactory(status=APPROVED)
    url = reverse("wagtailsnippets_comments_comment:delete", args=(comment.pk,))
    response = client.get(url)
    assert response.status_code == 200
    assert "سطل بازیافت" in response.content.decode()
    comment.refresh_from_db()
    assert comment.deleted_at is None


def test_a_deleted_comment_leaves_the_page_and_the_queue(client, staff):
    article = ArticleFactory()
    comment = CommentFactory(article=article, status=APPROVED, text="نظری که حذف می‌شود")
    url = reverse("wagtailsnippets_comments_comment:delete", args=(comment.pk,))
    assert client.post(url).status_code == 302
    comment.refresh_from_db()
    assert comment.deleted_at is not None and comment.deleted_by == staff
    assert comment.status == APPROVED
    assert comment_count_for_article(article=article) == 0
    queue = client.get(
        reverse("wagtailsnippets_comments_comment:list")
    ).content.decode()
    assert "نظری که حذف می‌شود" not in queue
    trash = client.get(reverse("moderation_trash")).content.decode()
    assert "نظری که حذف می‌شود" in trash
    client.logout()
    assert "نظری که حذف می‌شود" not in client.get(article.url).content.decode()
    assert _log(comment.pk) == [("trash", staff.username)]


def test_bulk_delete_moves_comments_to_the_trash(client, staff):
    comments = [CommentFactory(), CommentFactory(status=APPROVED)]
    url = (
        reverse("wagtail_bulk_action", args=("comments", "comment", "delete"))
        + "?"
        + "&".join(f"id={comment.pk}" for comment in comments)
    )
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert Comment.objects.trashed().count() == 2
    assert Comment.objects.count() == 2


def test_restoring_brings_a_comment_back_as_it_was(client, staff):
    article = ArticleFactory()
    parent = CommentFactory(article=article, status=APPROVED)
    reply = CommentFactory(article=article, parent=parent, status=APPROVED)
    comment_trash(comments=[parent], user=staff)
    url = reverse("moderation_trash_action", args=(parent.pk, "restore"))
    assert client.post(url).status_code == 302
    parent.refresh_from_db()
    assert parent.deleted_at is None and parent.deleted_by is None
    assert parent.status == APPROVED
    assert comment_count_for_article(article=article) == 2
    assert Comment.objects.get(pk=reply.pk).parent_id == parent.pk
    assert [action for action, _user in _log(parent.pk)] == ["trash", "restore"]


def test_only_a_site_admin_purges_and_the_log_stays(client, login, people):
    article = ArticleFactory()
    parent = CommentFactory(article=article, status=APPROVED)
    reply = CommentFactory(article=article, parent=parent, status=APPROVED)
    comment_trash(comments=[parent], user=people["moderator"])
    url = reverse("moderation_trash_action", args=(parent.pk, "purge"))
    assert login("moderator").post(url).status_code == 400
    assert Comment.objects.filter(pk=parent.pk).exists()
    assert login("admin").post(url).status_code == 302
    assert not Comment.objects.filter(pk=parent.pk).exists()
    assert _log(parent.pk) == [("trash", "moderator"), ("purge", "admin")]
    reply.refresh_from_db()
    assert reply.parent is None
    assert comment_count_for_article(article=article) == 1


def test_a_moderator_cannot_purge_a_comment_outside_the_trash(login, people):
    comment = CommentFactory(status=APPROVED)
    url = reverse("moderation_trash_action", args=(comment.pk, "purge"))
    assert login("admin").post(url).status_code == 404
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_the_comment_trash_empties_itself_after_the_kept_days(staff):
    old, recent = CommentFactory(), CommentFactory()
    with time_machine.travel(timezone.now() - timedelta(days=40)):
        comment_trash(comments=[old], user=staff)
    comment_trash(comments=[recent], user=staff)
    assert comments_trash_expire(days=30) == 1
    assert list(Comment.objects.values_list("pk", flat=True)) == [recent.pk]
    assert ("purge", None) in _log(old.pk)
