"""The story trash: «حذف» takes a story offline and keeps it, restorable.

Each test drives the admin as a newsroom role and checks the effect on the
database, on the public site and in Wagtail's audit log.
"""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from khabar.comments.models import Comment
from khabar.comments.services import comment_moderate
from khabar.comments.trash import comment_trash
from khabar.moderation.models import LogEntry
from khabar.newsroom.models import ArticlePage, ServicePage
from khabar.newsroom.services import service_get_or_create
from khabar.newsroom.trash import (
    TrashError,
    article_purge,
    article_trash,
    articles_trash_expire,
)
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def _delete(client, page):
    return client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)))


def _actions(page) -> list[tuple[str, str | None]]:
    entries = PageLogEntry.objects.filter(page_id=page.pk).order_by("timestamp", "pk")
    return [
        (entry.action, entry.user.username if entry.user else None) for entry in entries
    ]


def test_asking_to_delete_a_story_offers_the_trash(login, services):
    article = ArticleFactory()
    response = login("chief").get(
        reverse("wagtailadmin_pages:delete", args=(article.pk,))
    )
    assert response.status_code == 200
    assert "سطل بازیافت" in response.content.decode()
    article.refresh_from_db()
    assert article.live and article.trashed_at is None


def test_deleting_a_live_story_moves_it_to_the_trash(client, login, people, services):
    article = ArticleFactory()
    code, url = article.news_code, article.url
    admin = login("editor")
    response = _delete(admin, article)
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.live
    assert article.trashed_at is not None
    assert article.trashed_by == people["editor"]
    assert article.news_code == code
    client.logout()
    assert client.get(url).status_code == 410
    assert client.get(reverse("site:short_link", args=(code,))).status_code == 410
    assert ("khabar.trash", "editor") in _actions(article)
    assert ("wagtail.unpublish", "editor") in _actions(article)


def test_a_trashed_story_leaves_the_explorer_and_cannot_be_edited(login, services):
    kept, trashed = (
        ArticleFactory(title="خبر ماندگار"),
        ArticleFactory(title="خبر حذفی"),
    )
    article_trash(article=trashed, user=None)
    admin = login("chief")
    listing = admin.get(
        reverse("wagtailadmin_explore", args=(services["politics"].pk,))
    )
    page = listing.content.decode()
    assert kept.title in page and trashed.title not in page
    edit = admin.get(reverse("wagtailadmin_pages:edit", args=(trashed.pk,)))
    assert edit.status_code == 302
    assert edit.url == reverse("newsroom_trash")


def test_restoring_republishes_what_readers_saw(client, login, people, services):
    article = ArticleFactory(title="تیتر منتشرشده")
    draft = ArticlePage.objects.get(pk=article.pk)
    draft.title = "تیتر پیش\u200cنویس تازه"
    draft.save_revision(user=people["chief"])
    admin = login("chief")
    _delete(admin, article)
    response = admin.post(reverse("newsroom_trash_restore", args=(article.pk,)))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live and article.trashed_at is None
    assert article.title == "تیتر منتشرشده"
    assert article.get_latest_revision().content["title"] == "تیتر پیش\u200cنویس تازه"
    client.logout()
    assert client.get(article.url).status_code == 200
    assert ("khabar.restore", "chief") in _actions(article)


def test_a_trashed_draft_comes_back_a_draft(login, services):
    article = ArticleFactory(publish=False)
    article.save_revision()
    admin = login("chief")
    _delete(admin, article)
    admin.post(reverse("newsroom_trash_restore", args=(article.pk,)))
    article.refresh_from_db()
    assert article.trashed_at is None and not article.live
    assert article.news_code is None


def test_trashing_cancels_a_scheduled_publication(login, services):
    article = ArticleFactory(publish=False)
    article.go_live_at = timezone.now() + timedelta(hours=1)
    article.save_revision().publish()
    assert article.revisions.filter(approved_go_live_at__isnull=False).exists()
    article_trash(article=article, user=None)
    assert not article.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_a_service_with_stories_is_not_deleted(login, services):
    politics = services["politics"]
    ArticleFactory()
    response = _delete(login("admin"), politics)
    assert response.status_code == 302
    assert ServicePage.objects.filter(pk=politics.pk).exists()
    assert ArticlePage.objects.child_of(politics).count() == 1


def test_a_page_without_stories_is_still_deleted(home, login, services):
    empty = service_get_or_create(home=home, name="علمی")
    _delete(login("admin"), empty)
    assert not ServicePage.objects.filter(pk=empty.pk).exists()


def test_bulk_delete_moves_stories_to_the_trash(login, services):
    articles = [ArticleFactory(), ArticleFactory()]
    url = (
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
        + "?"
        + "&".join(f"id={article.pk}" for article in articles)
    )
    admin = login("chief")
    assert admin.get(url).status_code == 200
    assert admin.post(url).status_code == 302
    for article in articles:
        article.refresh_from_db()
        assert article.trashed_at is not None and not article.live


def test_the_trash_lists_only_stories_the_user_may_restore(login, services):
    mine = ArticleFactory(title="خبر سیاسی حذفی")
    theirs = ArticleFactory(title="خبر ورزشی حذفی", service_name="ورزشی")
    for article in (mine, theirs):
        article_trash(article=article, user=None)
    page = login("editor").get(reverse("newsroom_trash")).content.decode()
    assert mine.title in page and theirs.title not in page
    refused = login("editor").post(reverse("newsroom_trash_restore", args=(theirs.pk,)))
    assert refused.status_code in (302, 403)  # Wagtail turns a 403 into a redirect
    theirs.refresh_from_db()
    assert theirs.trashed_at is not None


def test_only_a_site_admin_purges_and_the_log_outlives_the_story(
    login, people, services
):
    article = ArticleFactory()
    comment = comment_moderate(
        comment=CommentFactory(article=article),
        status=Comment.Status.APPROVED,
        user=people["moderator"],
    )
    pk, comment_pk = article.pk, comment.pk
    _delete(login("chief"), article)
    login("chief").post(reverse("newsroom_trash_purge", args=(pk,)))
    assert ArticlePage.objects.filter(pk=pk).exists()
    login("admin").post(reverse("newsroom_trash_purge", args=(pk,)))
    assert not ArticlePage.objects.filter(pk=pk).exists()
    assert not Comment.objects.filter(pk=comment_pk).exists()
    actions = [action for action, _user in _actions(article)]
    assert actions[-3:] == ["wagtail.unpublish", "khabar.trash", "wagtail.delete"]
    deleted = PageLogEntry.objects.get(page_id=pk, action="wagtail.delete")
    assert deleted.user == people["admin"] and deleted.label == article.title
    assert LogEntry.objects.filter(comment_ref=comment_pk).exists()


def test_a_story_outside_the_trash_is_never_purged(services):
    article = ArticleFactory()
    with pytest.raises(TrashError):
        article_purge(article=article, user=None)
    assert ArticlePage.objects.filter(pk=article.pk).exists()


def test_the_trash_empties_itself_after_the_kept_days(services):
    old, recent = ArticleFactory(), ArticleFactory()
    with time_machine.travel(timezone.now() - timedelta(days=40)):
        article_trash(article=old, user=None)
    article_trash(article=recent, user=None)
    assert articles_trash_expire(days=30) == 1
    assert not ArticlePage.objects.filter(pk=old.pk).exists()
    assert ArticlePage.objects.filter(pk=recent.pk).exists()


def test_the_trash_command_expires_stories_and_comments(services, settings):
    settings.KHABAR_TRASH_DAYS = 7
    story, comment = ArticleFactory(), CommentFactory()
    with time_machine.travel(timezone.now() - timedelta(days=10)):
        article_trash(article=story, user=None)
        comment_trash(comments=[comment], user=None)
    out = StringIO()
    call_command("trash", "expire", stdout=out)
    assert "1 stories, 1 comments" in out.getvalue()
    assert not ArticlePage.objects.filter(pk=story.pk).exists()
    assert not Comment.objects.filter(pk=comment.pk).exists()
    with pytest.raises(CommandError):
        call_command("trash", "expire", "--days", "0")


def test_the_admin_api_refuses_to_delete_a_service_with_stories(login, services):
    politics = services["politics"]
    ArticleFactory()
    url = f"/admin/api/main/pages/{politics.pk}/action/delete/"
    response = login("admin").post(url, "{}", content_type="application/json")
    assert response.status_code == 400
    assert ServicePage.objects.filter(pk=politics.pk).exists()
    assert ArticlePage.objects.child_of(politics).count() == 1
