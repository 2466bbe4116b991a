"""Keep the search index in step with what is published.

Every change of the index bumps ``SEARCH``, the dependency of cached search
pages: indexing runs in a task after the publication's own bump of
``site``, so a search page rendered in between is dropped again here.
"""

from django.db import connection, transaction

from khabar.core.pagecache import page_cache_bump
from khabar.newsroom.models import ArticlePage
from khabar.newsroom.selectors import article_plain_parts
from khabar.text.search import KEY_VERSION

from .backends import backend
from .documents import document_terms
from .models import SearchDocument

SEARCH = "search"


@transaction.atomic
def article_index(*, article: ArticlePage) -> SearchDocument | None:
    """Index ``article`` if it is live with a news code, else remove it."""
    if not (article.live and article.news_code):
        article_unindex(article_id=article.pk)
        return None
    parts = article_plain_parts(article=article)
    document, _ = SearchDocument.objects.update_or_create(
        article_id=article.pk,
        defaults={
            "title": document_terms(f"{parts['overline']} {parts['title']}"),
            "tags": document_terms(parts["tags"]),
            "lead": document_terms(parts["lead"]),
            "body": document_terms(parts["body"]),
            "service_id": article.get_parent().pk,
            "published_at": article.first_published_at,
            "key_version": KEY_VERSION,
        },
    )
    backend().upsert(document)
    page_cache_bump(SEARCH)
    return document


@transaction.atomic
def article_unindex(*, article_id: int) -> None:
    """Remove an article from the index."""
    SearchDocument.objects.filter(article_id=article_id).delete()
    backend().delete(article_id)
    page_cache_bump(SEARCH)


def index_rebuild() -> int:
    """Rebuild the whole index from the published articles; return how many."""
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        backend().clear()
        page_cache_bump(SEARCH)
    count = 0
    for article in ArticlePage.objects.published().iterator(chunk_size=500):
        article_index(article=article)
        count += 1
    if connection.vendor == "postgresql":
        # Fresh statistics, or the planner scans every vector (see docs/search.md).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument")
    return count
