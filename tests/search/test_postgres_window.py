"""PostgreSQL ranks only the newest matches of a very common word.

With the limits shrunk (COUNT_CAP 3, DENSE 5, WINDOW 4), a handful of stories
plays a million-story archive: past the cap the newest RANKED matches are
ranked, found among the newest WINDOW stories (walking the date index or
intersecting it with the full-text index), else through the date index
(dense words) or the full-text index (rarer ones), and every way gives the
same answer.
"""

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from khabar.search.backends import Filters
from khabar.search.backends import postgres as backend
from khabar.search.models import SearchDocument
from khabar.search.selectors import search_articles
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the PostgreSQL backend's plan"
    ),
]


@pytest.fixture
def archive(monkeypatch, home):
    """Eight stories about the council, published a day apart, newest last.

    The five older ones name the council three times, so ranking every match
    would put them first; ranking only the newest three cannot.
    """
    monkeypatch.setattr(backend, "COUNT_CAP", 3)
    monkeypatch.setattr(backend, "RANKED", 3)
    # No window by default: the archive is shorter than it.
    monkeypatch.setattr(backend, "WINDOW", 1000)
    titles = [f"شورای شهر، شورای استان و شورای روستا {n}" for n in range(5)]
    titles += [f"جلسه شورای شهر شماره {n}" for n in range(5, 8)]
    stories = [ArticleFactory(title=title) for title in titles]
    start = timezone.now() - timedelta(days=10)
    for day, story in enumerate(stories):
        SearchDocument.objects.filter(article_id=story.pk).update(
            published_at=start + timedelta(days=day)
        )
    return stories


@pytest.mark.parametrize("dense", [2, 50], ids=["date-index", "text-index"])
def test_past_the_cap_the_newest_matches_are_ranked(archive, monkeypatch, dense):
    monkeypatch.setattr(backend, "DENSE", dense)
    results = search_articles(query="شورای", filters=Filters())
    assert results.total == 3
    assert {a.pk for a in results.articles} == {s.pk for s in archive[-3:]}


def test_under_the_cap_every_match_is_ranked(archive):
    results = search_articles(query="روستا 2", filters=Filters())
    assert [a.pk for a in results.articles][:1] == [archive[2].pk]


@pytest.mark.parametrize("share", [1, 0], ids=["date-index", "text-index"])
def test_headline_matches_past_the_cap_rank_the_newest(archive, monkeypatch, share):
    monkeypatch.setattr(backend, "PROBE", 4)
    monkeypatch.setattr(backend, "DENSE_SHARE", share)
    ids, total = backend.search(
        [["شورای"]],
        match_all=False,
        filters=Filters(exclude_id=archive[0].pk),
        limit=10,
        offset=0,
        headline_only=True,
    )
    assert total == 3
    assert set(ids) == {story.pk for story in archive[-3:]}


@pytest.mark.parametrize("walk_share", [1, 0], ids=["date-walk", "intersection"])
def test_the_newest_window_ranks_without_counting(archive, monkeypatch, walk_share):
    monkeypatch.setattr(backend, "WINDOW", 4)
    monkeypatch.setattr(backend, "PROBE", 4)
    monkeypatch.setattr(backend, "WALK_SHARE", walk_share)
    with CaptureQueriesContext(connection) as captured:
        ids, total = backend.search(
            [["شورای"]], match_all=True, filters=Filters(), limit=10, offset=0
        )
    assert total == 3
    assert set(ids) == {story.pk for story in archive[-3:]}
    sqls = [query["sql"] for query in captured.captured_queries]
    assert not [sql for sql in sqls if "count(*) FROM (SELECT 1" in sql]
    assert ("SET enable_indexscan = off" in sqls) == (walk_share == 0)
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_indexscan")
        assert cursor.fetchone()[0] == "on"


def test_the_window_start_is_kept_until_the_next_publication(archive, monkeypatch):
    monkeypatch.setattr(backend, "WINDOW", 4)

    def window_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            search_articles(query="شورای", filters=Filters())
        return sum("DESC OFFSET" in query["sql"] for query in captured.captured_queries)

    assert window_queries() == 1
    assert window_queries() == 0
    ArticleFactory(title="شورای شهر امروز")
    assert window_queries() == 1


def test_a_window_too_short_for_the_word_falls_back_to_counting(archive, monkeypatch):
    monkeypatch.setattr(backend, "WINDOW", 2)  # two matches in it, three wanted
    results = search_articles(query="شورای", filters=Filters())
    assert results.total == 3
    assert {a.pk for a in results.articles} == {s.pk for s in archive[-3:]}


@pytest.mark.parametrize("in_transaction", [False, True], ids=["autocommit", "atomic"])
def test_a_failed_ranking_leaves_the_index_walks_on(
    archive, monkeypatch, in_transaction
):
    """The setting that forbids walks never outlives the query that needed it."""
    monkeypatch.setattr(backend, "WINDOW", 4)
    monkeypatch.setattr(backend, "PROBE", 4)
    monkeypatch.setattr(backend, "WALK_SHARE", 0)
    monkeypatch.setattr(backend, "_rank_order", lambda vector: "no_such_column")

    def search() -> None:
        backend.search(
            [["شورای"]], match_all=True, filters=Filters(), limit=10, offset=0
        )

    if in_transaction:
        with pytest.raises(DatabaseError), transaction.atomic():
            search()
    else:
        with pytest.raises(DatabaseError):
            search()
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_indexscan")
        assert cursor.fetchone()[0] == "on"


def test_one_index_holds_the_vector_and_the_date(db):
    """The vector's GIN index also holds the date (search migration 0003).

    It returns only the matches inside the window, where a GIN index of the
    vector alone lists every match of a common word in the archive. The plan
    is measured on a million stories by bench/scale, not here.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename = 'search_searchdocument' AND indexdef LIKE '%%gin%%'"
        )
        indexes = dict(cursor.fetchall())
    assert "search_document_gin" not in indexes
    assert indexes["search_document_date_gin"].endswith(
        "USING gin (document, published_at)"
    )
