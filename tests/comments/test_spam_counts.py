"""What a submission checks first: a stored duplicate, the same text in a day and
the same sender in ten minutes (the spam rule's counts), in one query."""

from datetime import timedelta

import pytest
from django.utils import timezone

from khabar.comments import selectors
from khabar.comments.selectors import comment_submission_checks
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

TEXT_KEY = "a" * 64


@pytest.fixture
def recent(home):
    """Comments on one story at several ages, from two addresses."""
    article = ArticleFactory()
    now = timezone.now()
    rows = [
        (TEXT_KEY, "10.0.0.1", timedelta(minutes=1)),
        (TEXT_KEY, "10.0.0.2", timedelta(hours=5)),
        (TEXT_KEY, "10.0.0.1", timedelta(days=2)),  # too old for both counts
        ("b" * 64, "10.0.0.1", timedelta(minutes=3)),
        ("c" * 64, "10.0.0.1", timedelta(minutes=30)),  # too old for the flood
    ]
    for text_key, ip, age in rows:
        CommentFactory(
            article=article,
            text=f"نظری برای شمارش {age}",
            text_key=text_key,
            ip_address=ip,
            created_at=now - age,
        )


@pytest.mark.parametrize(
    ("text_key", "ip", "same_text", "from_source"),
    [
        (TEXT_KEY, "10.0.0.1", 2, 2),
        (TEXT_KEY, "10.0.0.2", 2, 0),
        (TEXT_KEY, None, 2, 0),
        ("d" * 64, "10.0.0.1", 0, 2),
        ("d" * 64, None, 0, 0),
    ],
)
def test_counts_follow_the_windows(recent, text_key, ip, same_text, from_source):
    duplicate, counts = comment_submission_checks(text_key=text_key, ip_address=ip)
    assert counts == {"same_text_recent": same_text, "recent_from_source": from_source}
    assert duplicate is None


def test_a_stored_duplicate_is_found_with_the_counts(home):
    article = ArticleFactory()
    stored = CommentFactory(
        article=article, text_key=TEXT_KEY, ip_address="10.0.0.9", dedupe_key="k-now"
    )
    CommentFactory(article=article, dedupe_key="k-other")
    duplicate, counts = comment_submission_checks(
        text_key=TEXT_KEY, ip_address="10.0.0.9", dedupe_keys=("k-now", "k-before")
    )
    assert duplicate == stored.pk
    assert counts == {"same_text_recent": 1, "recent_from_source": 1}


def test_counts_stop_at_the_cap(recent, monkeypatch):
    """A flood is counted only as far as the spam rule needs, not read in full."""
    monkeypatch.setattr(selectors, "SUBMISSION_COUNT_CAP", 1)
    _duplicate, counts = comment_submission_checks(
        text_key=TEXT_KEY, ip_address="10.0.0.1"
    )
    assert counts == {"same_text_recent": 1, "recent_from_source": 1}


def test_no_dedupe_keys_finds_no_duplicate(home):
    CommentFactory(article=ArticleFactory(), dedupe_key="")
    duplicate, _counts = comment_submission_checks(text_key=TEXT_KEY, ip_address=None)
    assert duplicate is None
