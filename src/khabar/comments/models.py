"""Reader comments and the record of used captcha answers."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class CommentQuerySet(models.QuerySet):
    """Reads of comments the site and the admin rely on."""

    def alive(self):
        """Return comments that are not in the trash."""
        return self.filter(deleted_at__isnull=True)

    def trashed(self):
        """Return comments in the trash, most recently deleted first."""
        return self.filter(deleted_at__isnull=False).order_by("-deleted_at")

    def approved(self):
        """Return comments readers may see."""
        return self.alive().filter(status=Comment.Status.APPROVED)

    def pending(self):
        """Return comments waiting for a moderator."""
        return self.alive().filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    """A reader's comment on an article, optionally a reply to another comment.

    The text is stored exactly as written, as plain text, and escaped on output.
    Deleting one moves it to the trash (``deleted_at``), where it can be restored.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("در انتظار بررسی")
        APPROVED = "approved", _("منتشرشده")
        REJECTED = "rejected", _("ردشده")

    article = models.ForeignKey(
        "newsroom.ArticlePage",
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("خبر"),
        # The (article, status, created_at) index below serves every lookup
        # by story; a second index would only cost each new comment a write.
        db_index=False,
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replies",
        verbose_name=_("در پاسخ به"),
    )
    name = models.CharField(_("نام"), max_length=80)
    email = models.EmailField(_("ایمیل"), blank=True)
    text = models.TextField(_("متن نظر"))
    status = models.CharField(
        _("وضعیت"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    notify_replies = models.BooleanField(_("خبرم کن وقتی پاسخ آمد"), default=False)
    ip_address = models.GenericIPAddressField(_("نشانی IP"), null=True, blank=True)
    created_at = models.DateTimeField(_("زمان ارسال"), default=timezone.now)
    risk = models.FloatField(_("خطر"), default=0.0)
    reasons = models.JSONField(_("دلیل‌های تصمیم خودکار"), default=list, blank=True)
    primary_rule = models.CharField(_("دلیل اصلی"), max_length=20, blank=True)
    text_key = models.CharField(max_length=64, blank=True, editable=False)
    # Unique through a constraint in Meta: ``unique=True`` on a CharField also
    # makes PostgreSQL keep a second, pattern-matching index of these random
    # keys, which no query uses and every new comment writes to.
    dedupe_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    likes = models.PositiveIntegerField(_("پسند"), default=0)
    dislikes = models.PositiveIntegerField(_("نپسند"), default=0)
    moderated_at = models.DateTimeField(_("زمان بررسی"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("بررسی\u200cکننده"),
    )
    deleted_at = models.DateTimeField(
        _("زمان حذف"), null=True, blank=True, editable=False
    )
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("حذف\u200cکننده"),
    )

    objects = CommentQuerySet.as_manager()

    # A comment refers to nothing an editor would look up in «usage»; skipping
    # Wagtail's reference index saves a task and its queries on every post.
    wagtail_reference_index_ignore = True
    panels = [FieldPanel("status"), FieldPanel("name"), FieldPanel("text")]

    class Meta:
        verbose_name = _("نظر")
        verbose_name_plural = _("نظرات")
        ordering = ["created_at"]
        permissions = [("purge_comment", _("حذف همیشگی نظر از سطل بازیافت"))]
        indexes = [
            models.Index(fields=["article", "status", "created_at"]),
            models.Index(fields=["status", "risk"]),
            models.Index(fields=["text_key", "created_at"]),
            models.Index(fields=["ip_address", "created_at"]),
            models.Index(fields=["email"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["dedupe_key"], name="comment_dedupe_key"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {Truncator(self.text).words(8)}"


class CommentVote(models.Model):
    """One reader's like (+1) or dislike (-1) of a comment; a reader votes once."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="votes")
    voter = models.CharField(max_length=64)
    value = models.SmallIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("رأی به نظر")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "voter"], name="one_vote_per_reader"
            ),
            models.CheckConstraint(
                condition=models.Q(value__in=(1, -1)), name="vote_is_plus_or_minus_one"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.comment_id}: {self.value:+d}"


class CaptchaUse(models.Model):
    """A captcha that has been answered once; a second answer is a replay."""

    nonce = models.CharField(max_length=32, primary_key=True)
    used_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("کپچای استفاده\u200cشده")

    def __str__(self) -> str:
        return self.nonce
