"""SQLite FTS5: a virtual table of the folded terms, ranked by weighted BM25."""

from django.db import connection

from . import page_of_ids

TABLE = "search_fts"
# BM25 column weights: title, tags, lead, body.
WEIGHTS = "10.0, 6.0, 3.0, 1.0"
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
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [document.pk])  # noqa: S608
        cursor.execute(
            f"INSERT INTO {TABLE} (rowid, title, tags, lead, body) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s)",
            [document.pk, document.title, document.tags, document.lead, document.body],
        )


def delete(article_id: int) -> None:
    """Remove an article from the FTS table."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [article_id])  # noqa: S608


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
    base = (
        f"FROM {TABLE} JOIN search_searchdocument d ON d.article_id = {TABLE}.rowid "
        f"WHERE {TABLE} MATCH %s{where}"
    )
    args = [match_expression(groups, match_all, headline_only), *params]
    return page_of_ids(
        base, args, f"bm25({TABLE}, {WEIGHTS}) * {RECENCY}", limit, offset
    )
