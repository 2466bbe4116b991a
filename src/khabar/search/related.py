"""Suggest related stories: shared words of headline and tags, shared tags, recency."""

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
    weight and recency; those sharing more tags come first.
    """
    tags = " ".join(tag.name for tag in article.tags.all())
    text = f"{article.title} {article.overline} {tags}"
    terms = list(dict.fromkeys(query_terms(text)))[:MAX_TERMS]
    if not terms:
        return []
    ids, _total = backend().search(
        [[term] for term in terms],
        match_all=False,
        filters=Filters(exclude_id=article.pk),
        limit=CANDIDATES,
        offset=0,
        headline_only=True,
    )
    found = {a.pk: a for a in ArticlePage.objects.published().filter(pk__in=ids)}
    order = {pk: rank for rank, pk in enumerate(ids)}
    candidates = [found[pk] for pk in ids if pk in found]
    shared = shared_tag_counts(article=article, others=order)
    candidates.sort(key=lambda a: (-shared.get(a.pk, 0), order[a.pk]))
    return candidates[:limit]
