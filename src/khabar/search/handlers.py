"""Index articles when they are published and drop them when they are not.

The work is a task (``search.tasks``), enqueued once the transaction commits.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_migrate
from wagtail.signals import page_published, page_unpublished

from khabar.newsroom.models import ArticlePage


def _on_changed(sender, instance, **kwargs):
    from .tasks import article_index_task

    article_id = instance.pk
    transaction.on_commit(lambda: article_index_task.enqueue(article_id))


def _after_migrate_or_flush(sender, **kwargs):
    """Keep the SQLite FTS table in step with the documents after a flush."""
    from django.db import connection

    if connection.vendor == "sqlite" and sender.label == "search":
        from .backends.sqlite import drop_orphans

        drop_orphans()


def connect() -> None:
    """Connect the handlers (called from ``SearchConfig.ready``)."""
    page_published.connect(_on_changed, sender=ArticlePage, dispatch_uid="search-pub")
    page_unpublished.connect(
        _on_changed, sender=ArticlePage, dispatch_uid="search-unpub"
    )
    post_delete.connect(_on_changed, sender=ArticlePage, dispatch_uid="search-del")
    post_migrate.connect(_after_migrate_or_flush, dispatch_uid="search-orphans")
