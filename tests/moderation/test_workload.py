"""At most the site's share of comments waits for a moderator."""

import random

import pytest

from khabar.comments.models import Comment
from khabar.comments.services import comment_submit
from khabar.moderation.config import site_config
from khabar.moderation.models import LogEntry, Policy
from khabar.moderation.workload import hold_band_refresh
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
RUDE = "نویسنده این خبر احمق است"


def log_traffic(scores, *, policy=Policy.AUTO, action=LogEntry.Action.AUTO_PUBLISH):
    LogEntry.objects.bulk_create(
        LogEntry(comment_ref=i, action=action, policy=policy, insult_score=score)
        for i, score in enumerate(scores)
    )


@pytest.mark.parametrize("share", [0.05, 0.15, 0.3])
def test_the_band_holds_the_sites_share_of_recent_traffic(site_policy, share):
    site_policy("auto", held_share=share)
    rng = random.Random(2)
    scores = [rng.random() for _ in range(1000)]
    log_traffic(scores)
    band = hold_band_refresh()
    held = sum(band.hold <= score < 0.95 for score in scores)
    assert held <= share * 1000 < held + 15
    assert site_config().insult_hold == band.hold


def test_a_rude_site_does_not_drown_its_moderators(
    site_policy, django_capture_on_commit_callbacks
):
    site_policy("auto", held_share=0.15)
    article = ArticleFactory()
    first = comment_submit(article=article, name="الف", text=RUDE)
    assert first.status == Comment.Status.PENDING
    score = LogEntry.objects.get(comment=first).insult_score
    assert 0.3 <= score < 0.95
    log_traffic([score + i / 10_000 for i in range(300)] + [0.01] * 700)
    with django_capture_on_commit_callbacks(execute=True):
        band = hold_band_refresh()  # 30 % look rude: the band rises
    assert band.hold > score and band.expected_share <= 0.15
    again = comment_submit(article=article, name="ب", text=f"{RUDE}!")
    assert again.status == Comment.Status.APPROVED, again.reasons


def test_premoderated_traffic_does_not_move_the_band(site_policy):
    site_policy("auto", held_share=0.15)
    log_traffic([0.9] * 1000, policy=Policy.PREMODERATE)
    assert hold_band_refresh().hold == site_config().settings.insult_hold


def test_the_band_never_goes_below_the_configured_hold(site_policy):
    site_policy("auto", held_share=0.15, insult_hold=0.4)
    log_traffic([0.01] * 1000)
    assert hold_band_refresh().hold == 0.4


def test_every_automatic_decision_keeps_its_insult_score():
    article = ArticleFactory()
    clean = comment_submit(article=article, name="ج", text="گزارش دقیقی بود")
    entry = LogEntry.objects.get(comment=clean)
    assert entry.action == LogEntry.Action.AUTO_PUBLISH
    assert entry.insult_score is not None and entry.insult_score < 0.3
