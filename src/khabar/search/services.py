"""Keep the search index in step with what is published.

Every change of the index bumps ``SEARCH``, the dependency of cached search
pages: indexing runs in a task after the publication's own bump of
``site``, so a search page rendered in between is dropped again here.
"""

from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connection, transaction

from khabar.core.pagecache import page_cache_bump
from khabar.newsroom.models import ArticlePage
from khabar.newsroom.selectors import article_plain_parts, service_for_article
from khabar.text.search import KEY_VERSION

from .backends import backend
from .documents import document_terms
from .models import SearchDocument

SEARCH = "search"
REBUILD_BATCH = 500  # articles indexed in one transaction by index_rebuild()


@transaction.atomic
def article_index(*, article: ArticlePage) -> SearchDocument | None:
    """Index ``article`` if it is live with a news code, else remove it."""
    if not (article.live and article.news_code):
        article_unindex(article_id=article.pk)
        return None
    document, _ = SearchDocument.objects.update_or_create(
        article_id=article.pk, defaults=_document_fields(article)
    )
    backend().upsert(document)
    page_cache_bump(SEARCH)
    return document


def _document_fields(article: ArticlePage) -> dict:
    """Return the search document's fields for ``article`` (its folded keys)."""
    parts = article_plain_parts(article=article)
    return {
        "title": document_terms(f"{parts['overline']} {parts['title']}"),
        "tags": document_terms(parts["tags"]),
        "lead": document_terms(parts["lead"]),
        "body": document_terms(parts["body"]),
        "service_id": service_for_article(article=article).pk,
        "published_at": article.first_published_at,
        "key_version": KEY_VERSION,
    }


@transaction.atomic
def article_unindex(*, article_id: int) -> None:
    """Remove an article from the index."""
    SearchDocument.objects.filter(article_id=article_id).delete()
    backend().delete(article_id)
    page_cache_bump(SEARCH)


def index_rebuild() -> int:
    """Rebuild the whole index from the published articles; return how many.

    Articles are indexed :data:`REBUILD_BATCH` at a time: their tags come in
    one query, their services from the newsroom's cached list, and the
    documents and the backend's index are written in bulk, one transaction a
    batch. Search keeps answering from the batches already written.
    """
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        backend().clear()
        page_cache_bump(SEARCH)
    articles = (
        ArticlePage.objects.published()
        .filter(news_code__isnull=False)
        .prefetch_related("tags")
        .order_by("pk")
        .iterator(chunk_size=REBUILD_BATCH)
    )
    count = 0
    for batch in _batches(articles, REBUILD_BATCH):
        count += _index_batch(batch)
    page_cache_bump(SEARCH)
    if connection.vendor == "postgresql":
        # Fresh statistics, or the planner scans every vector (see docs/search.md).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument")
    return count


def _batches(items: Iterable, size: int) -> Iterator[tuple]:
    """Yield tuples of ``size`` items (the last may be shorter); Python 3.11 lacks
    ``itertools.batched``."""
    iterator = iter(items)
    while batch := tuple(islice(iterator, size)):
        yield batch


@transaction.atomic
def _index_batch(articles: tuple[ArticlePage, ...]) -> int:
    """Write the search documents of ``articles`` in bulk; return how many."""
    documents = [
        SearchDocument(article_id=article.pk, **_document_fields(article))
        for article in articles
    ]
    SearchDocument.objects.bulk_create(documents)
    backend().upsert_many(documents)
    return len(documents)
