"""Suggest related stories: shared words of headline and tags, shared tags, recency."""

import hashlib

from khabar.newsroom.caching import for_site_version
from khabar.newsroom.models import ArticlePage
from khabar.newsroom.selectors import shared_tag_counts

from .backends import Filters, backend
from .documents import query_terms

CANDIDATES = 30
MAX_TERMS = 24


def related_suggest(*, article: ArticlePage, limit: int = 5) -> list[ArticlePage]:
    """Return up to ``limit`` published stories most related to ``article``.

    Candidates come from the full-text index: stories whose headline, tags or
    lead share a word with this one's headline, overline or tags, ranked by
    weight and recency; those sharing more tags come first. The ranking reads
    the index (0.1-0.3 s over a million stories), so it is kept until the
    next publication: a new comment re-renders the page without it.
    """
    tags = " ".join(tag.name for tag in article.tags.all())
    text = f"{article.title} {article.overline} {tags}"
    terms = list(dict.fromkeys(query_terms(text)))[:MAX_TERMS]
    if not terms:
        return []
    digest = hashlib.sha256("\n".join(terms).encode()).hexdigest()[:32]
    ids = for_site_version(
        f"related:{article.pk}:{digest}", lambda: _candidate_ids(article, terms)
    )
    found = {a.pk: a for a in ArticlePage.objects.published().filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found][:limit]


def _candidate_ids(article: ArticlePage, terms: list[str]) -> list[int]:
    """Return the ids of stories sharing ``terms``, most shared tags first."""
    ids, _total = backend().search(
        [[term] for term in terms],
        match_all=False,
        filters=Filters(exclude_id=article.pk),
        limit=CANDIDATES,
        offset=0,
        headline_only=True,
    )
    order = {pk: rank for rank, pk in enumerate(ids)}
    shared = shared_tag_counts(article=article, others=order)
    return sorted(ids, key=lambda pk: (-shared.get(pk, 0), order[pk]))
