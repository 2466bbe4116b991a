"""Draft → submitted → approved/published, with changes requested, scheduling,
embargo, expiry, revisions, corrections, locks and withdrawal."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from khabar.newsroom.models import ArticlePage
from khabar.newsroom.services import article_publish
from tests.factories import ArticleFactory
from tests.newsroom.admin_forms import article_form

pytestmark = pytest.mark.django_db
FORMAT = "%Y-%m-%d %H:%M"


def _local(moment) -> str:
    """Format ``moment`` as the admin's date widget sends it (site time zone)."""
    return timezone.localtime(moment).strftime(FORMAT)


def _add_url(service):
    return reverse(
        "wagtailadmin_pages:add", args=("newsroom", "articlepage", service.pk)
    )


def _edit_url(article):
    return reverse("wagtailadmin_pages:edit", args=(article.pk,))


def _action_url(article, action):
    state = article.current_workflow_task_state
    return reverse(
        "wagtailadmin_pages:workflow_action", args=(article.pk, action, state.pk)
    )


def test_reporter_submits_editor_asks_for_changes_then_approves(
    login, people, services
):
    reporter = login("reporter")
    reporter.post(
        _add_url(services["politics"]),
        article_form(slug="council", **{"action-submit": "1"}),
    )
    article = ArticlePage.objects.get(slug="council")
    assert not article.live and article.news_code is None
    assert article.workflow_in_progress

    editor = login("editor")
    editor.post(_action_url(article, "reject"), {"comment": "منبع خبر را بنویسید."})
    article.refresh_from_db()
    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    task_state = TaskState.objects.get(workflow_state=state)
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.get_comment() == "منبع خبر را بنویسید."
    assert not article.live

    reporter = login("reporter")
    reporter.post(
        _edit_url(article),
        article_form(slug="council", byline="خبرنگار سیاسی", **{"action-submit": "1"}),
    )
    article.refresh_from_db()
    assert article.workflow_in_progress

    editor = login("editor")
    editor.post(_action_url(article, "approve"), {"comment": ""})
    article.refresh_from_db()
    assert article.live and article.news_code is not None
    assert article.byline == "خبرنگار سیاسی"


def test_scheduled_publication_and_expiry(login, people, services, client):
    editor = login("editor")
    start = timezone.now() + timedelta(hours=3)
    end = start + timedelta(days=1)
    editor.post(
        _add_url(services["politics"]),
        article_form(
            slug="scheduled",
            go_live_at=_local(start),
            expire_at=_local(end),
            **{"action-publish": "1"},
        ),
    )
    article = ArticlePage.objects.get(slug="scheduled")
    assert not article.live and article.news_code is None

    with time_machine.travel(start + timedelta(minutes=1), tick=False):
        call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.live and article.news_code is not None
    code = article.news_code

    with time_machine.travel(end + timedelta(minutes=1), tick=False):
        call_command("publish_scheduled")
    article.refresh_from_db()
    assert not article.live and article.expired
    assert article.news_code == code
    assert client.get(f"/x/{code}").status_code == 410


def test_embargo_holds_publication_until_it_ends(login, people, services):
    editor = login("editor")
    embargo = timezone.now() + timedelta(hours=5)
    editor.post(
        _add_url(services["politics"]),
        article_form(
            slug="embargoed",
            embargo_until=_local(embargo),
            **{"action-publish": "1"},
        ),
    )
    article = ArticlePage.objects.get(slug="embargoed")
    assert not article.live
    assert article.go_live_at == embargo.replace(second=0, microsecond=0)

    with time_machine.travel(embargo - timedelta(minutes=5), tick=False):
        call_command("publish_scheduled")
    article.refresh_from_db()
    assert not article.live

    with time_machine.travel(embargo + timedelta(minutes=1), tick=False):
        call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.live


def test_publishing_an_embargoed_story_schedules_it(services):
    article = ArticleFactory(publish=False)
    article.embargo_until = timezone.now() + timedelta(hours=1)
    article_publish(article=article)
    article.refresh_from_db()
    assert not article.live and article.news_code is None
    assert article.go_live_at == article.embargo_until


def test_an_embargoed_story_can_never_be_saved_live(services):
    article = ArticleFactory(publish=False)
    article.embargo_until = timezone.now() + timedelta(hours=1)
    article.live = True
    with pytest.raises(ValidationError):
        article.save()
    assert not ArticlePage.objects.get(pk=article.pk).live


def test_revisions_compare_side_by_side_and_revert(login, people, services):
    client = login("editor")
    article = ArticleFactory(title="تیتر نخست")
    first = article.live_revision
    client.post(
        _edit_url(article),
        article_form(title="تیتر دوم", slug=article.slug, **{"action-publish": "1"}),
    )
    article.refresh_from_db()
    assert article.title == "تیتر دوم"
    compare = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=(article.pk, first.pk, article.live_revision.pk),
    )
    html = client.get(compare).content.decode()
    assert "نخست" in html and "دوم" in html

    revert = reverse("wagtailadmin_pages:revisions_revert", args=(article.pk, first.pk))
    assert "تیتر نخست" in client.get(revert).content.decode()
    client.post(
        revert,
        article_form(title="تیتر نخست", slug=article.slug, **{"action-publish": "1"}),
    )
    article.refresh_from_db()
    assert article.title == "تیتر نخست"


def test_a_correction_keeps_the_code_and_is_shown_with_its_time(
    login, people, services, client
):
    editor = login("editor")
    article = ArticleFactory(title="نشست شورا")
    code = article.news_code
    note = "نام سخنگوی شورا درست شد."
    editor.post(
        _edit_url(article),
        article_form(
            title="نشست شورا",
            slug=article.slug,
            correction_note=note,
            **{"action-publish": "1"},
        ),
    )
    article.refresh_from_db()
    assert article.news_code == code
    assert article.corrected_at is not None
    stamped = article.corrected_at

    client.logout()
    html = client.get(article.url).content.decode()
    assert "اصلاح شد" in html and note in html

    login("editor").post(
        _edit_url(article),
        article_form(
            title="نشست شورای شهر",
            slug=article.slug,
            correction_note=note,
            **{"action-publish": "1"},
        ),
    )
    article.refresh_from_db()
    assert article.corrected_at == stamped  # the same correction is not re-dated


def test_an_unpublished_article_answers_410_and_keeps_its_code(
    login, people, services, client
):
    article = ArticleFactory()
    code, url = article.news_code, article.url
    login("editor").post(reverse("wagtailadmin_pages:unpublish", args=(article.pk,)))
    client.logout()
    gone = client.get(url)
    assert gone.status_code == 410
    assert "برداشته شده" in gone.content.decode()
    assert client.get(f"/x/{code}").status_code == 410
    assert client.get("/news/999999999/none/").status_code == 404
    assert ArticleFactory().news_code != code


def test_a_locked_article_cannot_be_saved_by_another_editor(login, people, services):
    article = ArticleFactory(title="خبر قفل\u200cشده")
    chief = login("chief")
    chief.post(reverse("wagtailadmin_pages:lock", args=(article.pk,)))
    article.refresh_from_db()
    assert article.locked and article.locked_by == people["chief"]

    editor = login("editor")
    editor.post(
        _edit_url(article),
        article_form(title="تیتر تازه", slug=article.slug, **{"action-publish": "1"}),
    )
    article.refresh_from_db()
    assert article.title == "خبر قفل\u200cشده"


def test_live_preview_renders_the_article_page(login, people, services):
    client = login("editor")
    article = ArticleFactory()
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,))
    data = article_form(title="پیش\u200cنمایش تیتر تازه", slug=article.slug)
    assert client.post(url, data).json()["is_valid"]
    html = client.get(url).content.decode()
    assert "پیش\u200cنمایش تیتر تازه" in html
    assert "انتهای پیام" in html or "کد خبر" in html
