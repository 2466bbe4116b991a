"""A resent comment is stored once, even when the resend crosses a time window.

Retries after a dropped connection, a server restart or a double click send
the same comment seconds apart; the dedupe key's window must not split them.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from khabar.comments.models import Comment
from khabar.comments.services import comment_submit
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TEXT = "گزارش روشنی بود؛ ممنون از خبرنگار."
# 10:00:00 UTC is the edge of the default 600-second window.
EDGE = datetime(2026, 11, 29, 10, 0, 0, tzinfo=UTC)


def _send(article, *, at: datetime, text: str = TEXT) -> Comment:
    with time_machine.travel(at, tick=False):
        return comment_submit(
            article=article, name="مریم", text=text, ip_address="10.1.2.3"
        )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(
            EDGE - timedelta(seconds=2),
            EDGE + timedelta(seconds=1),
            id="across-the-edge",
        ),
        pytest.param(
            EDGE + timedelta(seconds=5), EDGE + timedelta(seconds=6), id="same-window"
        ),
        pytest.param(
            EDGE - timedelta(seconds=599),
            EDGE + timedelta(seconds=500),
            id="next-window",
        ),
    ],
)
def test_a_resend_is_stored_once(first, second):
    article = ArticleFactory()
    stored = _send(article, at=first)
    again = _send(article, at=second)
    assert again.pk == stored.pk
    assert Comment.objects.filter(article=article).count() == 1


def test_the_same_words_much_later_are_a_new_comment():
    article = ArticleFactory()
    _send(article, at=EDGE)
    _send(article, at=EDGE + timedelta(minutes=25))
    assert Comment.objects.filter(article=article).count() == 2


def test_another_text_is_another_comment():
    article = ArticleFactory()
    _send(article, at=EDGE)
    _send(article, at=EDGE + timedelta(seconds=1), text="با این گزارش موافق نیستم.")
    assert Comment.objects.filter(article=article).count() == 2
