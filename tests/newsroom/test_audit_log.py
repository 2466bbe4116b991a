"""The audit log: every editorial action says who did what to which story, and when.

A story's whole life is driven through the admin by the roles that would do
each step; Wagtail's log (``PageLogEntry``) must hold every step with its
user and time, keep it after the story is deleted for good, and show it in
the admin's site history.
"""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry

from khabar.newsroom.models import ArticlePage
from khabar.site.partners import partner_create, partner_revoke, partner_rotate
from tests.newsroom.admin_forms import article_form

pytestmark = pytest.mark.django_db

TITLE = "افتتاح کتابخانه تازه در مرکز شهر"


def _story_life(login, services, *, purge: bool = True) -> int:
    """Drive one story from draft to the trash (and out for good); return its id."""
    add = reverse(
        "wagtailadmin_pages:add",
        args=("newsroom", "articlepage", services["politics"].pk),
    )
    login("reporter").post(add, article_form(slug="life", **{"action-submit": "1"}))
    article = ArticlePage.objects.get(slug="life")
    state = article.current_workflow_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=(article.pk, "approve", state.pk)
    )
    login("editor").post(approve, {"comment": "تأیید شد"})
    edit = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    chief = login("chief")
    chief.post(reverse("wagtailadmin_pages:lock", args=(article.pk,)))
    chief.post(edit, article_form(slug="life", title=TITLE + " (اصلاح)"))
    chief.post(reverse("wagtailadmin_pages:unlock", args=(article.pk,)))
    login("editor").post(reverse("wagtailadmin_pages:unpublish", args=(article.pk,)))
    chief = login("chief")
    chief.post(reverse("wagtailadmin_pages:delete", args=(article.pk,)))
    chief.post(reverse("newsroom_trash_restore", args=(article.pk,)))
    chief.post(reverse("wagtailadmin_pages:delete", args=(article.pk,)))
    if purge:
        login("admin").post(reverse("newsroom_trash_purge", args=(article.pk,)))
    return article.pk


EXPECTED = [
    ("wagtail.create", "reporter"),
    ("wagtail.workflow.start", "reporter"),
    ("wagtail.workflow.approve", "editor"),
    ("wagtail.publish", "editor"),
    ("wagtail.lock", "chief"),
    ("wagtail.edit", "chief"),
    ("wagtail.unlock", "chief"),
    ("wagtail.unpublish", "editor"),
    ("khabar.trash", "chief"),
    ("khabar.restore", "chief"),
    ("khabar.trash", "chief"),
    ("wagtail.delete", "admin"),
]


def test_every_step_of_a_story_is_logged_with_who_and_when(login, services):
    started = timezone.now()
    pk = _story_life(login, services)
    assert not ArticlePage.objects.filter(pk=pk).exists()
    entries = list(PageLogEntry.objects.filter(page_id=pk).order_by("timestamp", "pk"))
    logged = [
        (entry.action, entry.user.username if entry.user else None) for entry in entries
    ]
    missing = [step for step in EXPECTED if step not in logged]
    assert not missing, f"not in the log: {missing}; logged: {logged}"
    positions = [logged.index(step) for step in EXPECTED[:8]]
    assert positions == sorted(positions)
    assert all(entry.timestamp >= started for entry in entries)
    assert all(entry.label.startswith(TITLE) for entry in entries)


def test_the_site_history_shows_trash_steps_by_name(login, services):
    _story_life(login, services, purge=False)
    page = login("admin").get(reverse("wagtailadmin_reports:site_history"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "به سطل بازیافت رفت" in html and "از سطل بازیافت برگشت" in html


def test_partner_tokens_are_logged(home):
    partner, _token = partner_create(name="خبرگزاری همکار")
    partner_rotate(partner=partner)
    partner_revoke(partner=partner)
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(partner.pk))
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "khabar.partner.create",
        "khabar.partner.rotate",
        "khabar.partner.revoke",
    ]
