"""The staff's workspace: queue, one-click and bulk actions, history, report."""

import pytest
from django.urls import reverse

from khabar.comments.models import Comment
from khabar.moderation.models import LogEntry
from khabar.moderation.services import moderation_settings
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def test_queue_orders_by_risk_and_highlights_matched_words(client, staff):
    CommentFactory(text="نظری بی\u200cخطر", risk=0.1)
    CommentFactory(
        text="این یک احمق است",
        risk=0.9,
        primary_rule="insult",
        reasons=[
            {
                "rule": "insult",
                "score": 0.9,
                "code": "insult_lexicon",
                "spans": [[7, 11]],
            }
        ],
    )
    html = client.get(reverse("wagtailsnippets_comments_comment:list")).content.decode()
    assert "<mark>احمق</mark>" in html
    assert html.index("احمق") < html.index("نظری بی\u200cخطر")
    assert "توهین ۰٫۹۰: واژه\u200cای از فهرست توهین" in html


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"status": "approved"}, "نظر منتشرشده", "نظر منتظر"),
        ({"primary_rule": "spam"}, "نظر منتظر", "نظر منتشرشده"),
    ],
)
def test_queue_filters(client, staff, params, shown, hidden):
    CommentFactory(text="نظر منتشرشده", status=Comment.Status.APPROVED)
    CommentFactory(text="نظر منتظر", primary_rule="spam")
    html = client.get(
        reverse("wagtailsnippets_comments_comment:list"), params
    ).content.decode()
    assert shown in html and hidden not in html


def test_filter_by_service_and_story(client, staff):
    sports = CommentFactory(
        article=ArticleFactory(service_name="ورزشی"), text="نظر ورزشی"
    )
    CommentFactory(text="نظر سیاسی")
    url = reverse("wagtailsnippets_comments_comment:list")
    html = client.get(url, {"service": sports.article.get_parent().pk}).content.decode()
    assert "نظر ورزشی" in html and "نظر سیاسی" not in html
    html = client.get(url, {"news_code": sports.article.news_code}).content.decode()
    assert "نظر ورزشی" in html and "نظر سیاسی" not in html


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", "approved"), ("reject", "rejected"), ("ban", "rejected")],
)
def test_one_click_actions(client, staff, action, status):
    comment = CommentFactory(email="sender@example.com")
    url = reverse("moderation_comment_action", args=(comment.pk,))
    assert client.post(url, {"action": action}).status_code == 302
    comment.refresh_from_db()
    assert comment.status == status and comment.moderated_by == staff
    banned = "sender@example.com" in moderation_settings().banned_emails
    assert banned is (action == "ban")
    assert LogEntry.objects.filter(comment=comment, actor=staff).exists()


def test_one_click_action_needs_post_and_a_known_action(client, staff):
    comment = CommentFactory()
    url = reverse("moderation_comment_action", args=(comment.pk,))
    assert client.get(url).status_code == 405
    assert client.post(url, {"action": "explode"}).status_code == 400


def test_bulk_ban(client, staff):
    comments = [CommentFactory(email=f"s{n}@example.com") for n in range(2)]
    url = reverse("wagtail_bulk_action", args=("comments", "comment", "ban"))
    url += "?" + "&".join(f"id={c.pk}" for c in comments)
    assert client.post(url).status_code == 302
    banned = moderation_settings().banned_emails
    assert "s0@example.com" in banned and "s1@example.com" in banned


def test_commenter_history_shows_other_comments_and_decisions(client, staff):
    first = CommentFactory(email="same@example.com", text="نظر نخست فرستنده")
    second = CommentFactory(email="same@example.com", text="نظر دوم فرستنده")
    client.post(
        reverse("moderation_comment_action", args=(first.pk,)), {"action": "reject"}
    )
    html = client.get(
        reverse("moderation_commenter_history", args=(second.pk,))
    ).content.decode()
    assert "نظر نخست فرستنده" in html
    html = client.get(
        reverse("moderation_commenter_history", args=(first.pk,))
    ).content.decode()
    assert "رد به دست ناظر" in html


def test_report_counts_decisions_per_day_and_survives_deletion(client, staff):
    comment = CommentFactory()
    pk = comment.pk
    client.post(reverse("moderation_comment_action", args=(pk,)), {"action": "approve"})
    comment.delete()
    html = client.get(reverse("moderation_report")).content.decode()
    assert "انتشار به دست ناظر" in html
    entry = LogEntry.objects.get(comment_ref=pk, action=LogEntry.Action.APPROVE)
    assert entry.comment is None and entry.actor == staff


def test_report_shows_the_hold_band_and_the_learned_models(client, staff):
    from wagtail.models import Site

    from khabar.moderation.models import HoldBand, SiteModel

    site = Site.objects.get(is_default_site=True)
    HoldBand.objects.create(
        site=site, hold=0.4625, floor=0.3, traffic=1800, expected_share=0.149
    )
    figures = {"decisions": 400, "window": 100, "f1_before": 0.7}
    SiteModel.objects.create(
        delta=b"", ap_before=0.71, ap_after=0.78, f1_after=0.75,
        active=True, **figures,
    )  # fmt: skip
    SiteModel.objects.create(
        delta=b"", ap_before=0.78, ap_after=0.74, f1_after=0.7,
        **figures,
    )  # fmt: skip
    html = client.get(reverse("moderation_report")).content.decode()
    assert "از ۰.۴۶۳ تا ۰.۹۵" in html or "از ۰٫۴۶۳ تا ۰٫۹۵" in html
    assert "۱۴٫۹٪" in html and "۱۵٫۰٪" in html
    assert "در حال استفاده" in html and "کنار گذاشته" in html


def test_moderator_role_without_permission_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(user)
    comment = CommentFactory()
    response = client.post(
        reverse("moderation_comment_action", args=(comment.pk,)), {"action": "approve"}
    )
    assert response.status_code in {302, 403}
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


@pytest.fixture
def moderator_user(client, django_user_model):
    """A user in the «ناظر نظرات» group the migrations create, and nothing more."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("nazer2", password="pw")
    user.groups.add(Group.objects.get(name="ناظر نظرات"))
    client.force_login(user)
    return user


def test_moderator_group_can_work_the_queue(client, moderator_user):
    comment = CommentFactory(text="نظر برای ناظر")
    html = client.get(reverse("wagtailsnippets_comments_comment:list")).content.decode()
    assert "نظر برای ناظر" in html
    url = reverse("moderation_comment_action", args=(comment.pk,))
    assert client.post(url, {"action": "approve"}).status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert client.get(reverse("moderation_report")).status_code == 200


def test_moderator_group_cannot_edit_articles_or_settings(client, moderator_user):
    article = ArticleFactory()
    assert client.get(
        reverse("wagtailadmin_pages:edit", args=(article.pk,))
    ).status_code in {302, 403}
    assert client.get(
        reverse("wagtailsettings:edit", args=("moderation", "moderationsettings"))
    ).status_code in {302, 403}
