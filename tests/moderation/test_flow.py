"""Comments through the moderation pipeline: decisions, reader messages, limits, votes."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.core import mail

from khabar.comments.models import Comment
from khabar.comments.services import comment_moderate, comment_submit, comment_vote
from khabar.moderation.models import LogEntry, ServicePolicy
from tests.comments.helpers import reader_captcha
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

CLEAN = (
    "گزارش دقیقی از جلسه شورای شهر بود؛ امیدوارم بودجه حمل\u200cونقل واقعاً تصویب شود."
)
INSULT = "نویسنده این خبر یک احمق بی\u200cشعور و بیشرف است"
ENGLISH = "This is a completely English comment about something else entirely."


@pytest.fixture
def article():
    return ArticleFactory(
        title="شورای شهر بودجه حمل\u200cونقل عمومی را بررسی کرد",
        lead="اعضای شورای شهر درباره بودجه حمل\u200cونقل عمومی و خط تازه اتوبوس گفت\u200cوگو کردند.",
    )


def post(client, article, **fields):
    token, answer = reader_captcha(client)
    data = {
        "name": "مریم",
        "text": CLEAN,
        "captcha_token": token,
        "captcha_answer": answer,
    }
    return client.post(f"/comments/post/{article.news_code}/", {**data, **fields})


def outcome(response) -> dict:
    assert response.status_code == 302, response.content.decode()[:500]
    return {k: v[0] for k, v in parse_qs(urlparse(response["Location"]).query).items()}


def test_clean_comment_is_published_at_once_under_auto(client, article):
    assert outcome(post(client, article)) == {"comment": "approved"}
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.APPROVED
    assert LogEntry.objects.get().action == LogEntry.Action.AUTO_PUBLISH
    page = client.get(f"{article.url}?comment=approved").content.decode()
    assert "نظر شما منتشر شد." in page and "گزارش دقیقی از جلسه" in page


def test_insult_is_not_published_and_the_reader_is_told_why(client, article):
    result = outcome(post(client, article, text=INSULT))
    assert result["comment"] in {"rejected", "pending"}
    comment = Comment.objects.get()
    assert comment.text == INSULT
    assert comment.primary_rule == "insult"
    assert any(
        reason["spans"] for reason in comment.reasons if reason["rule"] == "insult"
    )
    why = outcome(post(client, article, text=INSULT + " دوباره")).get("why", "")
    assert why.startswith("insult")
    page = client.get(f"{article.url}?comment=rejected&why={why}").content.decode()
    assert "نظر شما منتشر نشد." in page
    assert "توهین‌آمیز" in page
    assert INSULT not in page
    assert "0." not in page.split('id="comments"')[1].split("</form>")[0]


def test_english_comment_is_not_published(client, article):
    result = outcome(post(client, article, text=ENGLISH))
    assert result["comment"] in {"rejected", "pending"}
    assert Comment.objects.get().primary_rule == "not_persian"


def test_premoderate_holds_even_a_clean_comment(client, article, premoderate):
    assert outcome(post(client, article))["comment"] == "pending"
    entry = LogEntry.objects.get()
    assert (entry.action, entry.policy) == (LogEntry.Action.AUTO_HOLD, "premoderate")


def test_service_policy_overrides_the_site(client, article):
    ServicePolicy.objects.create(
        service=article.get_parent().specific, policy="premoderate"
    )
    assert outcome(post(client, article))["comment"] == "pending"


def test_banned_email_is_rejected(client, article, site_policy):
    site_policy("auto", banned_emails="spammer@example.com")
    result = outcome(post(client, article, email="Spammer@example.com"))
    assert result == {"comment": "rejected", "why": "banned"}


def test_custom_word_is_matched_through_spelling_variants(client, article, site_policy):
    site_policy("auto", custom_words="پیشنهاددهنده")
    text = "این نظر درباره بودجه شورای شهر است و پيشنهاد‌دهنده را نام می\u200cبرد"
    result = outcome(post(client, article, text=text))
    assert result["comment"] in {"rejected", "pending"}


def test_double_submission_is_stored_once(article):
    first = comment_submit(
        article=article, name="علی", text=CLEAN, ip_address="10.0.0.1"
    )
    second = comment_submit(
        article=article, name="علی", text=CLEAN, ip_address="10.0.0.1"
    )
    assert first.pk == second.pk
    assert Comment.objects.count() == 1


def test_honeypot_refuses_without_storing(client, article):
    response = post(client, article, website="http://spam.example")
    assert response.status_code == 400
    assert "ارسال نامعتبر" in response.content.decode()
    assert not Comment.objects.exists()


def test_rate_limit_answers_429_and_keeps_the_text(client, article, settings):
    settings.KHABAR_COMMENT_RATE_LIMITS = {"ip": (2, 60)}
    for n in range(2):
        assert post(client, article, text=f"{CLEAN} {n}").status_code == 302
    response = post(client, article, text="متن سوم که نباید گم شود")
    assert response.status_code == 429
    html = response.content.decode()
    assert "متن سوم که نباید گم شود" in html and "چند دقیقه بعد" in html
    assert Comment.objects.count() == 2


def test_votes_count_once_per_reader_and_can_change(article):
    comment = CommentFactory(article=article, status=Comment.Status.APPROVED)
    comment_vote(comment=comment, voter="reader-1", value=1)
    comment_vote(comment=comment, voter="reader-1", value=1)
    comment_vote(comment=comment, voter="reader-2", value=1)
    assert (comment.likes, comment.dislikes) == (2, 0)
    comment = comment_vote(comment=comment, voter="reader-1", value=-1)
    assert (comment.likes, comment.dislikes) == (1, 1)


def test_vote_view_and_top_sort(client, article):
    quiet = CommentFactory(
        article=article, text="نظر کم\u200cطرفدار", status=Comment.Status.APPROVED
    )
    liked = CommentFactory(
        article=article, text="نظر پرطرفدار", status=Comment.Status.APPROVED
    )
    assert (
        client.post(f"/comments/{liked.pk}/vote/", {"vote": "like"}).status_code == 302
    )
    assert (
        client.post(f"/comments/{liked.pk}/vote/", {"vote": "bogus"}).status_code == 400
    )
    assert (
        client.post(f"/comments/{quiet.pk + 999}/vote/", {"vote": "like"}).status_code
        == 404
    )
    html = client.get(f"{article.url}?sort=top").content.decode()
    assert html.index("نظر پرطرفدار") < html.index("نظر کم\u200cطرفدار")
    html = client.get(f"{article.url}?sort=oldest").content.decode()
    assert html.index("نظر کم\u200cطرفدار") < html.index("نظر پرطرفدار")


def test_reply_notification_is_sent_when_the_reply_is_approved(
    article, premoderate, django_capture_on_commit_callbacks
):
    parent = CommentFactory(
        article=article,
        email="reader@example.com",
        notify_replies=True,
        status=Comment.Status.APPROVED,
    )
    reply = comment_submit(article=article, name="سارا", text=CLEAN, parent=parent)
    assert reply.status == Comment.Status.PENDING and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        comment_moderate(comment=reply, status=Comment.Status.APPROVED, user=None)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["reader@example.com"]
    assert "سارا" in mail.outbox[0].body


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "ب" * 100_000,
        "\u202eمتن وارونه\u202c",
        "\x00\x01\x02",
        "😀😀😀",
        "https://example.com",
    ],
)
def test_odd_input_gets_a_clear_answer_and_is_never_lost(client, article, text):
    response = post(client, article, text=text)
    assert response.status_code in {302, 400}
    if response.status_code == 302:
        assert Comment.objects.count() == 1
        assert outcome(response)["comment"] in {"approved", "pending", "rejected"}
    else:
        assert "نظر شما ثبت نشد" in response.content.decode()
        assert not Comment.objects.exists()
