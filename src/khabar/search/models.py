"""The search document of a published article: its text as folded search keys.

The full-text index itself lives beside this table and depends on the
database: an FTS5 table on SQLite, a weighted ``tsvector`` column with a GIN
index on PostgreSQL (see ``backends``). Both are filled from these keys.
"""

from django.db import models


class SearchDocument(models.Model):
    """Folded keys of one live article, with what filters and ranking need."""

    article = models.OneToOneField(
        "newsroom.ArticlePage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    title = models.TextField()
    tags = models.TextField(blank=True)
    lead = models.TextField(blank=True)
    body = models.TextField(blank=True)
    service_id = models.PositiveBigIntegerField(db_index=True)
    published_at = models.DateTimeField(db_index=True)
    key_version = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [models.Index(fields=["service_id", "published_at"])]

    def __str__(self) -> str:
        return self.title[:60]
