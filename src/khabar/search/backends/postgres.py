"""PostgreSQL: a weighted ``tsvector`` (``simple`` configuration) with a GIN index.

PostgreSQL has no Persian text-search configuration; the terms are already
folded by ``khabar.text``, so ``simple`` (no stemming, no stop words) is right.
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.db import DatabaseError, connection

from khabar.newsroom.caching import for_site_version

VECTOR = (
    "setweight(to_tsvector('simple', title), 'A') || "
    "setweight(to_tsvector('simple', tags), 'A') || "
    "setweight(to_tsvector('simple', lead), 'B') || "
    "setweight(to_tsvector('simple', body), 'C')"
)
RECENCY = "(1.0 + 0.5 / (1.0 + extract(epoch FROM now() - d.published_at) / 604800.0))"
# Counting stops here: past it readers see "1,000+", and the count no longer
# reads every matching vector of a common word.
COUNT_CAP = 1000
# Ranking reads the vector of every match: a word in most of a million-story
# archive has hundreds of thousands (0.6 s for search, 19.6 s for related
# stories, docs/scale.md). Past COUNT_CAP matches only the newest RANKED are
# ranked — as many as can be counted or paged through anyway. How to find
# them depends on how dense the matches are: walking the publication-date
# index until RANKED match is fast when they are everywhere and a full scan
# when they are rare, so a second capped count (DENSE) picks the walk only
# for words in more than DENSE stories and the full-text index otherwise.
RANKED = COUNT_CAP
DENSE = 20_000
# Title, tags and lead alone (weights A and B), for related stories, with a
# GIN index of its own (search migration 0002). The stored vector's index
# cannot answer "in the headline only": restricted to weights it rechecks
# every match against the whole ~11 KB vector (0.5 s for a common word with
# a million stories). Positions and weights are those of the stored vector,
# so its ranks are the same. Computing it costs ~30 µs a story, so a
# headline search is not counted up to DENSE (0.6 s): it looks at the
# newest PROBE stories instead, and walks the date index when at least one
# in DENSE_SHARE of them match (then the walk computes at most ~10,000
# vectors, 0.3 s, where the full-text index would visit more matches).
PROBE = 200
DENSE_SHARE = 10
HEADLINE = (
    "(setweight(to_tsvector('simple', d.title), 'A') || "
    "setweight(to_tsvector('simple', d.tags), 'A') || "
    "setweight(to_tsvector('simple', d.lead), 'B'))"
)
# A common word usually has RANKED matches among the newest WINDOW stories:
# then they are the newest RANKED matches of the whole archive, and nothing
# needs counting. They are found by walking the date index when the word is
# in at least one of WALK_SHARE of the newest PROBE stories (a walk then
# reads about RANKED × WALK_SHARE vectors), else through the GIN index of
# the vector and the date together (search migration 0003), which returns
# only the matches inside the window. A rarer word falls through to the
# steps above.
WINDOW = 20 * RANKED
WALK_SHARE = 5


def _quote(term: str) -> str:
    return "'" + term.replace("'", "").replace("\\", "") + "'"


def query_expression(groups: list[list[str]], match_all: bool) -> str:
    """Return a ``to_tsquery`` string: every group (or any term) must match."""
    if not match_all:
        return " | ".join(_quote(term) for group in groups for term in group)
    return " & ".join(
        "(" + " | ".join(_quote(term) for term in group) + ")" for group in groups
    )


def _rank_order(vector: str) -> str:
    return f"ts_rank_cd({vector}, q) * {RECENCY} DESC, d.published_at DESC"


def upsert(document) -> None:
    """Recompute ``document``'s vector from its stored terms."""
    upsert_many([document])


def upsert_many(documents) -> None:
    """Recompute many documents' vectors in one statement."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE search_searchdocument SET document = {VECTOR} "  # noqa: S608
            "WHERE article_id = ANY(%s)",
            [[document.pk for document in documents]],
        )


def delete(article_id: int) -> None:
    """Nothing to do: the vector goes with its document row."""


def clear() -> None:
    """Nothing to do: the vectors go with their document rows."""


@dataclass(frozen=True)
class _Query:
    """One search: the vector searched, the ``to_tsquery`` string, the filters."""

    vector: str
    expression: str
    where: str
    params: list

    @property
    def matches(self) -> str:
        """``FROM … WHERE`` of the matches; the reader's words travel as params."""
        return (
            "FROM search_searchdocument d, to_tsquery('simple', %s) q "
            f"WHERE {self.vector} @@ q{self.where}"
        )

    @property
    def args(self) -> list:
        return [self.expression, *self.params]


def search(
    groups,
    *,
    match_all: bool,
    filters,
    limit: int,
    offset: int,
    headline_only: bool = False,
) -> tuple[list[int], int]:
    """Return one page of matching article ids, best first, and the total.

    ``headline_only`` looks in title, tags and lead (``HEADLINE``). Past
    ``COUNT_CAP`` matches, ranks the newest ``RANKED`` (see above).
    """
    where, params = filters.sql()
    query = _Query(
        vector=HEADLINE if headline_only else "d.document",
        expression=query_expression(groups, match_all),
        where=where,
        params=params,
    )
    if not headline_only:
        recent = _recent_ranked(query, limit, offset)
        if recent is not None:
            return recent, COUNT_CAP
    total = _count(query.matches, query.args, COUNT_CAP)
    if total < COUNT_CAP:
        ids = _ranked_ids(query.matches, query.args, query.vector, limit, offset)
        return ids, total
    # Adding an interval hides the date index from the planner: the newest
    # matches then come from the full-text index, sorted.
    if headline_only:
        dense = _recent_matches(query) * DENSE_SHARE >= PROBE
    else:
        dense = _count(query.matches, query.args, DENSE) >= DENSE
    date = "d.published_at" if dense else "d.published_at + interval '0 s'"
    newest = f"SELECT d.* {query.matches} ORDER BY {date} DESC LIMIT {RANKED}"
    base = f"FROM ({newest}) d, to_tsquery('simple', %s) q WHERE TRUE"
    args = [*query.args, query.expression]
    return _ranked_ids(base, args, query.vector, limit, offset), total


def _recent_ranked(query: _Query, limit: int, offset: int) -> list[int] | None:
    """Rank the newest RANKED matches if the newest WINDOW stories hold as many.

    Returns None when the archive is shorter than WINDOW stories, the word
    is too rare there, or the page is past the matches found: the caller
    then counts and ranks as usual.
    """
    since = for_site_version(f"search:window:{WINDOW}", _window_start)
    if since is None:
        return None
    newest = (
        f"SELECT d.* {query.matches} AND d.published_at >= %s "  # noqa: S608
        f"ORDER BY d.published_at DESC LIMIT {RANKED}"
    )
    ranked = (
        f"SELECT d.article_id, count(*) OVER () FROM ({newest}) d, "  # noqa: S608
        f"to_tsquery('simple', %s) q ORDER BY {_rank_order(query.vector)} "
        "LIMIT %s OFFSET %s"
    )
    walk = _recent_matches(query) * WALK_SHARE >= PROBE
    with connection.cursor() as cursor, _index_walks(cursor, allowed=walk):
        cursor.execute(ranked, [*query.args, since, query.expression, limit, offset])
        rows = cursor.fetchall()
    if not rows or rows[0][1] < RANKED:
        return None
    return [article_id for article_id, _found in rows]


def _window_start():
    """Return when the WINDOW-th newest story was published, or None if none is.

    Kept until the next publication: an older start only widens the window,
    and the newest RANKED matches found in it are the same.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT published_at FROM search_searchdocument "
            "ORDER BY published_at DESC OFFSET %s LIMIT 1",
            [WINDOW - 1],
        )
        row = cursor.fetchone()
    return row[0] if row else None


@contextmanager
def _index_walks(cursor, *, allowed: bool):
    """Let PostgreSQL walk the date index only when ``allowed``.

    Stories are stored in publication order, so the planner prices a walk
    of the date index as cheap, but every step reads a story's vector
    (~11 KB): 170 ms to find 1,000 matches of a word in one story in 20,
    where the GIN index of vector and date finds them without reading a
    vector (3.5 ms). A failed query inside a transaction undoes the setting
    with the rest of the transaction.
    """
    if allowed:
        yield
        return
    cursor.execute("SET enable_indexscan = off")
    failed = False
    try:
        yield
    except DatabaseError:
        failed = True
        raise
    finally:
        if not (failed and connection.in_atomic_block):
            cursor.execute("RESET enable_indexscan")


def _ranked_ids(
    base: str, args: list, vector: str, limit: int, offset: int
) -> list[int]:
    """Return one page of ``base``'s article ids, best first (counted already)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.article_id {base} ORDER BY {_rank_order(vector)} "  # noqa: S608
            "LIMIT %s OFFSET %s",
            [*args, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()]


def _count(matches: str, args: list, cap: int) -> int:
    """Count the matches of ``matches`` (a ``FROM … WHERE``), stopping at ``cap``."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 {matches} LIMIT {int(cap)}) capped",  # noqa: S608
            args,
        )
        return cursor.fetchone()[0]


def _recent_matches(query: _Query) -> int:
    """Count the matches among the newest ``PROBE`` stories."""
    newest = (
        f"SELECT d.* FROM search_searchdocument d WHERE TRUE{query.where} "  # noqa: S608
        f"ORDER BY d.published_at DESC LIMIT {PROBE}"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM ({newest}) d, to_tsquery('simple', %s) q "  # noqa: S608
            f"WHERE {query.vector} @@ q",
            [*query.params, query.expression],
        )
        return cursor.fetchone()[0]
