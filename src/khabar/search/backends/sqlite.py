"""SQLite FTS5: a virtual table of the folded terms, ranked by weighted BM25."""

from django.db import connection

from . import page_of_ids

TABLE = "search_fts"
# BM25 column weights: title, tags, lead, body.
WEIGHTS = "10.0, 6.0, 3.0, 1.0"
# Without filters, only the best CANDIDATES by BM25 are re-ranked with recency:
# recency multiplies by at most 1.5, so little can be missed, and a common word
# matching most of the archive no longer costs a join and a product per match.
CANDIDATES = 500
# Newer stories rank higher: up to 1.5× today, fading over weeks.
RECENCY = "(1.0 + 0.5 / (1.0 + (julianday('now') - julianday(d.published_at)) / 7.0))"


def _quote(term: str) -> str:
    return '"' + term.replace('"', "") + '"'


def match_expression(
    groups: list[list[str]], match_all: bool, headline_only: bool = False
) -> str:
    """Return an FTS5 query: every group (or, failing that, any term) must match.

    ``headline_only`` looks in title, tags and lead, not in the body.
    """
    if not match_all:
        expression = " OR ".join(_quote(term) for group in groups for term in group)
    else:
        expression = " AND ".join(
            "(" + " OR ".join(_quote(term) for term in group) + ")" for group in groups
        )
    return f"{{title tags lead}} : ({expression})" if headline_only else expression


def upsert(document) -> None:
    """Write ``document``'s terms into the FTS table (replacing what was there)."""
    upsert_many([document])


def upsert_many(documents) -> None:
    """Write many documents' terms into the FTS table at once (replacing theirs)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE rowid IN "  # noqa: S608
            f"({', '.join(['%s'] * len(documents))})",
            [document.pk for document in documents],
        )
        cursor.executemany(
            f"INSERT INTO {TABLE} (rowid, title, tags, lead, body) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s)",
            [(doc.pk, doc.title, doc.tags, doc.lead, doc.body) for doc in documents],
        )


def delete(article_id: int) -> None:
    """Remove an article from the FTS table."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [article_id])  # noqa: S608


def drop_orphans() -> None:
    """Remove FTS rows whose document is gone (after a flush or a raw delete)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE rowid NOT IN "  # noqa: S608
            "(SELECT article_id FROM search_searchdocument)"
        )


def clear() -> None:
    """Empty the FTS table."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608


def search(
    groups,
    *,
    match_all: bool,
    filters,
    limit: int,
    offset: int,
    headline_only: bool = False,
) -> tuple[list[int], int]:
    """Return one page of matching article ids, best first, and the total."""
    where, params = filters.sql()
    match = match_expression(groups, match_all, headline_only)
    if not where:
        return _unfiltered(match, limit, offset)
    base = (
        f"FROM {TABLE} JOIN search_searchdocument d ON d.article_id = {TABLE}.rowid "
        f"WHERE {TABLE} MATCH %s{where}"
    )
    order = f"bm25({TABLE}, {WEIGHTS}) * {RECENCY}"
    return page_of_ids(base, [match, *params], order, limit, offset)


def _unfiltered(match: str, limit: int, offset: int) -> tuple[list[int], int]:
    """Count on the FTS table alone; re-rank only the best candidates by recency."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE {TABLE} MATCH %s", [match])  # noqa: S608
        total = cursor.fetchone()[0]
        cursor.execute(
            f"WITH hits AS (SELECT rowid AS id, bm25({TABLE}, {WEIGHTS}) AS score "  # noqa: S608
            f"FROM {TABLE} WHERE {TABLE} MATCH %s ORDER BY score LIMIT %s) "
            "SELECT d.article_id FROM hits "
            "JOIN search_searchdocument d ON d.article_id = hits.id "
            f"ORDER BY hits.score * {RECENCY} LIMIT %s OFFSET %s",
            [match, max(CANDIDATES, offset + limit), limit, offset],
        )
        return [row[0] for row in cursor.fetchall()], total
