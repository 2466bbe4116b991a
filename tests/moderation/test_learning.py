"""The site learns from its moderators, and never switches to a worse model."""

import logging
import random

import pytest
from django.test import override_settings

from khabar.comments.models import Comment
from khabar.comments.services import comment_moderate, comment_submit
from khabar.moderation.config import site_config
from khabar.moderation.models import LearnerState, SiteModel
from tests.factories import ArticleFactory, CommentFactory

from .conftest import APRICOT, CLEAN

pytestmark = pytest.mark.django_db
PUMPKIN = "کدوتنبل"  # the site's moderators reject it; no shipped model knows it


def moderate_history(article, count: int, *, word=PUMPKIN, rude_with_word=True):
    """Moderators decide ``count`` comments: those with ``word`` rejected."""
    rng = random.Random(5)
    for index in range(count):
        with_word = index % 2 == 0
        text = f"{rng.choice(CLEAN)} شماره {index}" + (f" {word}" if with_word else "")
        comment = CommentFactory(article=article, text=text)
        rude = with_word == rude_with_word
        status = Comment.Status.REJECTED if rude else Comment.Status.APPROVED
        comment_moderate(comment=comment, status=status, user=None)


def submit(article, text: str) -> Comment:
    return comment_submit(article=article, name="نگار", text=text)


@override_settings(KHABAR_LEARN_EVERY=100)
def test_moderators_decisions_teach_the_site_model(
    django_capture_on_commit_callbacks, caplog
):
    article = ArticleFactory()
    before = submit(article, f"خبر خوبی بود {PUMPKIN}")
    assert before.status == Comment.Status.APPROVED
    caplog.set_level(logging.INFO, logger="khabar.moderation")
    with django_capture_on_commit_callbacks(execute=True):
        moderate_history(article, 240)
    model = SiteModel.objects.get(active=True)
    assert model.ap_after >= model.ap_before
    assert "switched to" in caplog.text
    assert site_config().site_model_id == model.pk
    after = submit(article, f"گزارش دقیقی بود {PUMPKIN}")
    assert after.status in {Comment.Status.PENDING, Comment.Status.REJECTED}
    assert submit(article, "گزارش دقیقی بود، ممنون").status == Comment.Status.APPROVED


def test_a_worse_model_is_refused_and_logged(
    django_capture_on_commit_callbacks, caplog, tiny_model_file, monkeypatch
):
    monkeypatch.setattr("khabar.moderation.engine.learning.WINDOW", 100)
    monkeypatch.setattr("khabar.moderation.engine.learning.RATE", 0.1)  # unlearn fast
    article = ArticleFactory()
    caplog.set_level(logging.INFO, logger="khabar.moderation")
    with (
        override_settings(
            KHABAR_INSULT_MODEL=str(tiny_model_file), KHABAR_LEARN_EVERY=400
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        # older decisions approve «زردآلو»; the newest reject it, as the prior does
        moderate_history(article, 300, word=APRICOT, rude_with_word=False)
        moderate_history(article, 100, word=APRICOT)
    review = SiteModel.objects.get()
    assert not review.active
    assert review.ap_after < review.ap_before
    assert "refused" in caplog.text
    assert site_config().site_model_id is None


@override_settings(KHABAR_LEARN_EVERY=100)
def test_no_new_model_before_enough_new_decisions(django_capture_on_commit_callbacks):
    article = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        moderate_history(article, 99)
    assert not SiteModel.objects.exists()
    assert LearnerState.objects.get().last_decision > 0  # seen, not yet reviewed
