"""PostgreSQL: a weighted ``tsvector`` (``simple`` configuration) with a GIN index.

PostgreSQL has no Persian text-search configuration; the terms are already
folded by ``khabar.text``, so ``simple`` (no stemming, no stop words) is right.
"""

from django.db import connection

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
# every match against the whole ~17 KB vector (0.5 s for a common word with
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
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE search_searchdocument SET document = {VECTOR} "  # noqa: S608
            "WHERE article_id = %s",
            [document.pk],
        )


def delete(article_id: int) -> None:
    """Nothing to do: the vector goes with its document row."""


def clear() -> None:
    """Nothing to do: the vectors go with their document rows."""


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
    expression = query_expression(groups, match_all)
    vector = HEADLINE if headline_only else "d.document"
    # ``where`` is the backend's own SQL; the reader's words travel as params.
    matches = (
        "FROM search_searchdocument d, to_tsquery('simple', %s) q "
        f"WHERE {vector} @@ q{where}"
    )
    args = [expression, *params]
    total = _count(matches, args, COUNT_CAP)
    if total < COUNT_CAP:
        return _ranked_ids(matches, args, vector, limit, offset), total
    # Adding an interval hides the date index from the planner: the newest
    # matches then come from the full-text index, sorted.
    if headline_only:
        dense = _recent_matches(expression, where, params) * DENSE_SHARE >= PROBE
    else:
        dense = _count(matches, args, DENSE) >= DENSE
    date = "d.published_at" if dense else "d.published_at + interval '0 s'"
    newest = (
        "SELECT d.* FROM search_searchdocument d, "  # noqa: S608
        f"to_tsquery('simple', %s) q WHERE {vector} @@ q{where} "
        f"ORDER BY {date} DESC LIMIT {RANKED}"
    )
    base = f"FROM ({newest}) d, to_tsquery('simple', %s) q WHERE TRUE"
    return _ranked_ids(base, [*args, expression], vector, limit, offset), total


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


def _recent_matches(expression: str, where: str, params: list) -> int:
    """Count the headline matches among the newest ``PROBE`` stories."""
    newest = (
        f"SELECT d.* FROM search_searchdocument d WHERE TRUE{where} "  # noqa: S608
        f"ORDER BY d.published_at DESC LIMIT {PROBE}"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM ({newest}) d, to_tsquery('simple', %s) q "  # noqa: S608
            f"WHERE {HEADLINE} @@ q",
            [*params, expression],
        )
        return cursor.fetchone()[0]
