"""Bookkeeping rows of the newsroom: the news-code counter and import records."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NewsCodeSequence(models.Model):
    """The counter news codes are drawn from; it only ever moves forward."""

    name = models.CharField(max_length=30, primary_key=True)
    next_value = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = _("شمارنده کد خبر")

    def __str__(self) -> str:
        return f"{self.name}: {self.next_value}"


class ImportRecord(models.Model):
    """What an import last wrote for a news code, so a re-import can skip or update."""

    news_code = models.PositiveBigIntegerField(unique=True)
    source = models.CharField(max_length=500)
    checksum = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("سابقه درون\u200cریزی")

    def __str__(self) -> str:
        return f"{self.news_code} ← {self.source}"
