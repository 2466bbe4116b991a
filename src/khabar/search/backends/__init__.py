"""Full-text backends: SQLite FTS5 by default, PostgreSQL ``tsvector`` in production.

Both index the same folded terms (``documents.py``) and answer the same
question: which article ids match these term groups, best first.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection


@dataclass(frozen=True)
class Filters:
    """Narrowing of a search: service, tag and a publication-time range."""

    service_id: int | None = None
    tag_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None
    exclude_id: int | None = None

    def sql(self) -> tuple[str, list]:
        """Return SQL conditions on ``d`` (the documents table) and their params."""
        clauses, params = [], []
        if self.service_id is not None:
            clauses.append("d.service_id = %s")
            params.append(self.service_id)
        if self.tag_id is not None:
            clauses.append(
                "d.article_id IN (SELECT content_object_id FROM newsroom_articletag "
                "WHERE tag_id = %s)"
            )
            params.append(self.tag_id)
        if self.since is not None:
            clauses.append("d.published_at >= %s")
            params.append(self.since)
        if self.until is not None:
            clauses.append("d.published_at < %s")
            params.append(self.until)
        if self.exclude_id is not None:
            clauses.append("d.article_id <> %s")
            params.append(self.exclude_id)
        return "".join(f" AND {clause}" for clause in clauses), params


def page_of_ids(
    base: str,
    args: list,
    order: str,
    limit: int,
    offset: int,
    count_cap: int | None = None,
) -> tuple[list[int], int]:
    """Count a search's matches (up to ``count_cap``) and fetch one page of ids.

    ``base`` is the query's ``FROM … WHERE`` with the documents table as ``d``;
    ``order`` its ``ORDER BY`` expression. Both come from the backends, never
    from a reader: the reader's words travel in ``args``.
    """
    counting = (
        f"SELECT count(*) FROM (SELECT 1 {base} LIMIT {int(count_cap)}) capped"  # noqa: S608
        if count_cap
        else f"SELECT count(*) {base}"  # noqa: S608
    )
    with connection.cursor() as cursor:
        cursor.execute(counting, args)
        total = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT d.article_id {base} ORDER BY {order} LIMIT %s OFFSET %s",  # noqa: S608
            [*args, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()], total


def backend():
    """Return the backend module for the default database."""
    if connection.vendor == "postgresql":
        from . import postgres

        return postgres
    from . import sqlite

    return sqlite
