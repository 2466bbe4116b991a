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


class Partner(models.Model):
    """A syndication partner that reads the full-text feed with its own token.

    Only a hash of the token is stored; the token itself is shown once, when
    the partner is created (``khabar partner add``).
    """

    name = models.CharField(_("نام"), max_length=150, unique=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    active = models.BooleanField(_("فعال"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("شریک خبری")
        verbose_name_plural = _("شرکای خبری")

    def __str__(self) -> str:
        return self.name
