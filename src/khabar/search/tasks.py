"""Background work of search: (re)index one article after it changes.

Runs inline with the default immediate backend (development, tests) and in
``khabar db_worker`` with the production profile's database backend.
"""

from django_tasks import task

from khabar.newsroom.models import ArticlePage


@task()
def article_index_task(article_id: int) -> bool:
    """Index the article as it now stands; drop it when it is gone or offline."""
    from .services import article_index, article_unindex

    article = ArticlePage.objects.filter(pk=article_id).first()
    if article is None:
        article_unindex(article_id=article_id)
        return False
    return article_index(article=article) is not None
