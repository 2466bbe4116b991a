"""Staff approve and reject comments in the Wagtail admin."""

import pytest
from django.urls import reverse

from khabar.comments.models import Comment
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_comment_listing_shows_pending_comments(client, staff):
    CommentFactory(text="نظری در انتظار بررسی")
    response = client.get(reverse("wagtailsnippets_comments_comment:list"))
    assert response.status_code == 200
    assert "نظری در انتظار بررسی" in response.content.decode()


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", Comment.Status.APPROVED), ("reject", Comment.Status.REJECTED)],
)
def test_bulk_action_moderates_and_records_the_moderator(client, staff, action, status):
    comments = [CommentFactory(), CommentFactory()]
    url = (
        reverse("wagtail_bulk_action", args=("comments", "comment", action))
        + "?"
        + "&".join(f"id={comment.pk}" for comment in comments)
    )
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    for comment in comments:
        comment.refresh_from_db()
        assert comment.status == status
        assert comment.moderated_by == staff


def test_approving_in_the_edit_form_shows_the_comment_on_the_article(client, staff):
    comment = CommentFactory(text="نظر تأییدشدنی")
    url = reverse("wagtailsnippets_comments_comment:edit", args=(comment.pk,))
    response = client.post(
        url, {"status": "approved", "name": comment.name, "text": comment.text}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED and comment.moderated_by == staff
    client.logout()
    assert "نظر تأییدشدنی" in client.get(comment.article.url).content.decode()


def test_readers_cannot_reach_the_admin(client):
    response = client.get(reverse("wagtailsnippets_comments_comment:list"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
