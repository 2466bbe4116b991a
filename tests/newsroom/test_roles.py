"""The permission matrix: each newsroom role tries each action through the admin.

Every answer is checked by its effect in the database (was the article
created, published, flagged…), not by the page the admin showed.
"""

from datetime import timedelta
from itertools import count

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from khabar.comments.models import Comment
from khabar.newsroom.models import ArticlePage, HomePage
from khabar.newsroom.trash import article_trash
from tests.factories import ArticleFactory, CommentFactory
from tests.newsroom.admin_forms import article_form

pytestmark = pytest.mark.django_db
slugs = count()


def _add(client, service) -> bool:
    slug = f"matrix-{next(slugs)}"
    url = reverse(
        "wagtailadmin_pages:add", args=("newsroom", "articlepage", service.pk)
    )
    client.post(url, article_form(slug=slug))
    return ArticlePage.objects.filter(slug=slug).exists()


def _draft(people, owner="chief") -> ArticlePage:
    article = ArticleFactory(publish=False)
    article.owner = people[owner]
    article.save_revision(user=people[owner])
    article.save()
    return article


def create_in_own_service(client, people, services):
    return _add(client, services["politics"])


def create_in_other_service(client, people, services):
    return _add(client, services["sports"])


def edit_others_article(client, people, services):
    article = _draft(people)
    url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    client.post(url, article_form(title="تیتر ویرایش\u200cشده", slug=article.slug))
    article.refresh_from_db()
    return article.get_latest_revision().content["title"] == "تیتر ویرایش\u200cشده"


def publish(client, people, services):
    article = _draft(people)
    url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    client.post(url, article_form(slug=article.slug, **{"action-publish": "1"}))
    article.refresh_from_db()
    return article.live


def approve_submission(client, people, services):
    article = _draft(people, owner="reporter")
    workflow = article.get_workflow()
    workflow.start(article, people["reporter"])
    state = article.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(article.pk, "approve", state.pk)
    )
    client.post(url, {"comment": ""})
    article.refresh_from_db()
    return article.live


def set_breaking(client, people, services):
    article = _draft(people)
    url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    until = timezone.localtime(timezone.now() + timedelta(hours=2))
    until = until.strftime("%Y-%m-%d %H:%M")
    data = article_form(
        slug=article.slug, breaking_until=until, **{"action-publish": "1"}
    )
    client.post(url, data)
    article.refresh_from_db()
    return article.breaking_until is not None


def fill_front_page_lead(client, people, services):
    home = HomePage.objects.get()
    lead = ArticleFactory()
    data = nested_form_data(
        {
            "title": home.title,
            "slug": home.slug,
            "lead_slots": inline_formset([{"article": lead.pk}]),
            "action-publish": "1",
        }
    )
    client.post(reverse("wagtailadmin_pages:edit", args=(home.pk,)), data)
    return home.lead_slots.filter(article=lead).exists()


def unpublish(client, people, services):
    article = ArticleFactory()
    client.post(reverse("wagtailadmin_pages:unpublish", args=(article.pk,)))
    article.refresh_from_db()
    return not article.live


def moderate_comment(client, people, services):
    comment = CommentFactory(article=ArticleFactory())
    url = reverse("moderation_comment_action", args=(comment.pk,))
    client.post(url, {"action": "approve"})
    comment.refresh_from_db()
    return comment.status == Comment.Status.APPROVED


def trash_article(client, people, services):
    article = ArticleFactory()
    client.post(reverse("wagtailadmin_pages:delete", args=(article.pk,)))
    article.refresh_from_db()
    return article.trashed_at is not None and not article.live


def restore_article(client, people, services):
    article = article_trash(article=ArticleFactory(), user=people["admin"])
    client.post(reverse("newsroom_trash_restore", args=(article.pk,)))
    article.refresh_from_db()
    return article.trashed_at is None and article.live


def purge_article(client, people, services):
    article = article_trash(article=ArticleFactory(), user=people["admin"])
    client.post(reverse("newsroom_trash_purge", args=(article.pk,)))
    return not ArticlePage.objects.filter(pk=article.pk).exists()


def trash_comment(client, people, services):
    comment = CommentFactory(article=ArticleFactory())
    url = reverse("wagtailsnippets_comments_comment:delete", args=(comment.pk,))
    client.post(url)
    comment.refresh_from_db()
    return comment.deleted_at is not None


ACTIONS = [
    create_in_own_service,
    create_in_other_service,
    edit_others_article,
    publish,
    approve_submission,
    set_breaking,
    fill_front_page_lead,
    unpublish,
    moderate_comment,
    trash_article,
    restore_article,
    purge_article,
    trash_comment,
]
# One row per role, one column per action above, in order.
MATRIX = {
    "reporter": (1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    "editor": (1, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0),
    "chief": (1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0),
    "moderator": (0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1),
    "admin": (1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
}
CASES = [
    pytest.param(role, action, bool(allowed), id=f"{role}-{action.__name__}")
    for role, row in MATRIX.items()
    for action, allowed in zip(ACTIONS, row, strict=True)
]


@pytest.mark.parametrize(("role", "action", "allowed"), CASES)
def test_permission_matrix(login, people, services, role, action, allowed):
    client = login(role)
    assert action(client, people, services) is allowed


def test_a_service_created_in_the_admin_gets_its_roles_and_workflow(login, home):
    client = login("admin")
    url = reverse("wagtailadmin_pages:add", args=("newsroom", "servicepage", home.pk))
    data = nested_form_data(
        {
            "title": "علمی",
            "slug": "science",
            "lead_slots": inline_formset([]),
            "action-publish": "1",
        }
    )
    client.post(url, data)
    from django.contrib.auth.models import Group

    from khabar.newsroom.models import ServicePage

    service = ServicePage.objects.get(slug="science")
    assert Group.objects.filter(name="خبرنگار علمی").exists()
    assert Group.objects.filter(name="دبیر سرویس علمی").exists()
    assert service.get_workflow().name == "بررسی علمی"
