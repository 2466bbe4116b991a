"""Daily read counts, for the most-read lists."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyReads(models.Model):
    """How many readers opened an article on one (Tehran) day."""

    article = models.ForeignKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("بازدید روزانه")
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="one_count_per_day")
        ]
        indexes = [models.Index(fields=["day", "-count"])]

    def __str__(self) -> str:
        return f"{self.article_id} {self.day}: {self.count}"
