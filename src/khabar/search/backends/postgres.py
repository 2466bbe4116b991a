"""PostgreSQL: a weighted ``tsvector`` (``simple`` configuration) with a GIN index.

PostgreSQL has no Persian text-search configuration; the terms are already
folded by ``khabar.text``, so ``simple`` (no stemming, no stop words) is right.
"""

from django.db import connection

from . import page_of_ids

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


def _quote(term: str, weights: str) -> str:
    return "'" + term.replace("'", "").replace("\\", "") + "'" + weights


def query_expression(
    groups: list[list[str]], match_all: bool, headline_only: bool = False
) -> str:
    """Return a ``to_tsquery`` string: every group (or any term) must match.

    ``headline_only`` looks in title, tags and lead (weights A and B).
    """
    weights = ":AB" if headline_only else ""
    if not match_all:
        return " | ".join(_quote(term, weights) for group in groups for term in group)
    return " & ".join(
        "(" + " | ".join(_quote(term, weights) for term in group) + ")"
        for group in groups
    )


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
    """Return one page of matching article ids, best first, and the total."""
    where, params = filters.sql()
    base = (
        "FROM search_searchdocument d, to_tsquery('simple', %s) q "
        f"WHERE d.document @@ q{where}"
    )
    args = [query_expression(groups, match_all, headline_only), *params]
    return page_of_ids(
        base,
        args,
        f"ts_rank_cd(d.document, q) * {RECENCY} DESC, d.published_at DESC",
        limit,
        offset,
        count_cap=COUNT_CAP,
    )
