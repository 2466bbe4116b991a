"""Moderation policy, per-service overrides and the audit log of every decision."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .engine import DEFAULT_THRESHOLDS


class Policy(models.TextChoices):
    """``premoderate`` holds every comment; ``auto`` publishes what passes."""

    PREMODERATE = "premoderate", _("بررسی همه نظرها پیش از انتشار")
    AUTO = "auto", _("خودکار: انتشار نظرهای سالم، نگه\u200cداشتن موارد مشکوک")


# The engine's defaults are the site's until an editor changes them.
HOLD = {rule: pair[0] for rule, pair in DEFAULT_THRESHOLDS.items()}
REJECT = {rule: pair[1] for rule, pair in DEFAULT_THRESHOLDS.items()}


def _threshold(label, default):
    return models.FloatField(label, default=default)


@register_setting(icon="warning")
class ModerationSettings(BaseSiteSetting):
    """The site's moderation policy, rule thresholds, bans and its own word list.

    A threshold is a score from 0 to 1: at or above «hold» a comment waits for
    a moderator, at or above «reject» it is not published.
    """

    policy = models.CharField(
        _("سیاست"), max_length=12, choices=Policy.choices, default=Policy.AUTO
    )
    insult_hold = _threshold(_("توهین: نگه\u200cداشتن از"), HOLD["insult"])
    insult_reject = _threshold(_("توهین: رد از"), REJECT["insult"])
    not_persian_hold = _threshold(_("غیرفارسی: نگه\u200cداشتن از"), HOLD["not_persian"])
    not_persian_reject = _threshold(_("غیرفارسی: رد از"), REJECT["not_persian"])
    off_topic_hold = _threshold(_("نامرتبط: نگه\u200cداشتن از"), HOLD["off_topic"])
    spam_hold = _threshold(_("هرزنامه: نگه\u200cداشتن از"), HOLD["spam"])
    spam_reject = _threshold(_("هرزنامه: رد از"), REJECT["spam"])
    links_hold = models.PositiveSmallIntegerField(
        _("نگه\u200cداشتن از این تعداد پیوند"), default=2
    )
    held_share = models.FloatField(
        _("سهم نظرهای نگه\u200cداشته برای ناظر"),
        default=0.15,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_(
            "بیشترین سهم نظرهای اخیر که برای بررسی ناظر نگه داشته می\u200cشود "
            "(۰٫۱۵ یعنی ۱۵ درصد). آستانهٔ نگه\u200cداشتن توهین با ترافیک سایت "
            "و تصمیم\u200cهای ناظران جابه\u200cجا می\u200cشود و هرگز از آستانهٔ "
            "بالا پایین\u200cتر نمی\u200cرود."
        ),
    )
    banned_names = models.TextField(_("نام\u200cهای مسدود"), blank=True)
    banned_emails = models.TextField(_("ایمیل\u200cهای مسدود"), blank=True)
    banned_ips = models.TextField(_("نشانی\u200cهای IP مسدود"), blank=True)
    custom_words = models.TextField(
        _("واژه\u200cهای ممنوع این سایت"),
        blank=True,
        help_text=_("هر واژه یا عبارت در یک سطر؛ با هر املایی تطبیق داده می\u200cشود."),
    )

    panels = [
        FieldPanel("policy"),
        MultiFieldPanel(
            [
                FieldPanel("insult_hold"),
                FieldPanel("insult_reject"),
                FieldPanel("not_persian_hold"),
                FieldPanel("not_persian_reject"),
                FieldPanel("off_topic_hold"),
                FieldPanel("spam_hold"),
                FieldPanel("spam_reject"),
                FieldPanel("links_hold"),
                FieldPanel("held_share"),
            ],
            heading=_("آستانه\u200cها"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("banned_names"),
                FieldPanel("banned_emails"),
                FieldPanel("banned_ips"),
                FieldPanel("custom_words"),
            ],
            heading=_("فهرست\u200cها"),
        ),
    ]

    class Meta:
        verbose_name = _("تنظیمات مدیریت نظرات")

    def __str__(self) -> str:
        return str(self.get_policy_display())

    @staticmethod
    def lines(value: str) -> list[str]:
        """Return the non-empty, stripped lines of a list field."""
        return [line.strip() for line in value.splitlines() if line.strip()]


class ServicePolicy(models.Model):
    """A service's own policy, overriding the site's (e.g. premoderate politics)."""

    service = models.OneToOneField(
        "newsroom.ServicePage",
        on_delete=models.CASCADE,
        related_name="moderation_policy",
        verbose_name=_("سرویس"),
    )
    policy = models.CharField(_("سیاست"), max_length=12, choices=Policy.choices)

    panels = [FieldPanel("service"), FieldPanel("policy")]

    class Meta:
        verbose_name = _("سیاست سرویس")
        verbose_name_plural = _("سیاست سرویس\u200cها")

    def __str__(self) -> str:
        return f"{self.service}: {self.get_policy_display()}"


class LogEntry(models.Model):
    """One decision on a comment, automatic or human; kept when the comment is gone."""

    class Action(models.TextChoices):
        AUTO_PUBLISH = "auto_publish", _("انتشار خودکار")
        AUTO_HOLD = "auto_hold", _("نگه\u200cداشتن خودکار")
        AUTO_REJECT = "auto_reject", _("رد خودکار")
        APPROVE = "approve", _("انتشار به دست ناظر")
        REJECT = "reject", _("رد به دست ناظر")
        BAN = "ban", _("مسدودکردن")
        TRASH = "trash", _("انتقال به سطل بازیافت")
        RESTORE = "restore", _("بازگردانی از سطل بازیافت")
        PURGE = "purge", _("حذف همیشگی")

    comment = models.ForeignKey(
        "comments.Comment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_log",
        verbose_name=_("نظر"),
    )
    comment_ref = models.PositiveBigIntegerField(_("شناسه نظر"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("کاربر"),
    )
    action = models.CharField(_("اقدام"), max_length=14, choices=Action.choices)
    reasons = models.JSONField(_("دلیل\u200cها"), default=list, blank=True)
    policy = models.CharField(_("سیاست"), max_length=12, blank=True)
    # The insult score of an automatic decision, also below the hold band:
    # the band follows the scores of the site's recent traffic.
    insult_score = models.FloatField(_("امتیاز توهین"), null=True, blank=True)
    created_at = models.DateTimeField(_("زمان"), default=timezone.now)

    class Meta:
        verbose_name = _("رویداد مدیریت نظر")
        verbose_name_plural = _("گزارش مدیریت نظرات")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_at", "action"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} #{self.comment_ref}"


class HoldBand(models.Model):
    """The insult hold threshold now in force, chosen from the site's recent traffic."""

    site = models.OneToOneField(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+"
    )
    hold = models.FloatField(_("نگه\u200cداشتن توهین از"))
    floor = models.FloatField(_("کف آستانه"))
    traffic = models.PositiveIntegerField(_("نظرهای اخیر سنجیده"), default=0)
    expected_share = models.FloatField(_("سهم نگه\u200cداشته با این آستانه"), default=0)
    updated_at = models.DateTimeField(_("زمان"), default=timezone.now)

    class Meta:
        verbose_name = _("بازهٔ نگه\u200cداشتن")

    def __str__(self) -> str:
        return f"{self.hold:.3f} ({self.expected_share:.1%})"


class SiteModel(models.Model):
    """One review of the model the site learns from its moderators.

    ``delta`` is added to the prior (the shipped model or
    ``KHABAR_INSULT_MODEL``). The figures compare it with the model in force
    on the newest decisions, each scored before either learned from it; the
    delta is switched to (``active``) only when it is not worse.
    """

    delta = models.BinaryField(_("مدل"))
    prior = models.CharField(_("مدل پایه"), max_length=500, blank=True)
    decisions = models.PositiveIntegerField(_("تصمیم\u200cهای آموخته"))
    window = models.PositiveIntegerField(_("تصمیم\u200cهای سنجش"))
    ap_before = models.FloatField(_("دقت میانگین پیش از آن"))
    ap_after = models.FloatField(_("دقت میانگین این مدل"))
    f1_before = models.FloatField(_("F1 پیش از آن"))
    f1_after = models.FloatField(_("F1 این مدل"))
    active = models.BooleanField(_("در حال استفاده"), default=False)
    created_at = models.DateTimeField(_("زمان"), default=timezone.now)

    class Meta:
        verbose_name = _("مدل آموخته از ناظران")
        verbose_name_plural = _("مدل\u200cهای آموخته از ناظران")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["active"],
                condition=models.Q(active=True),
                name="one_active_site_model",
            )
        ]

    def __str__(self) -> str:
        state = "✓" if self.active else "✗"
        return f"{state} {self.ap_before:.3f} → {self.ap_after:.3f}"


class LearnerState(models.Model):
    """The site learner between decisions: its shadow model and newest scores.

    One row; the task that learns locks it, so two workers never learn from
    the same decision twice.
    """

    state = models.BinaryField(_("وضعیت"), blank=True)
    prior = models.CharField(_("مدل پایه"), max_length=500, blank=True)
    last_decision = models.PositiveBigIntegerField(
        _("آخرین تصمیم آموخته"), default=0, help_text=_("شناسهٔ رویداد در گزارش")
    )
    updated_at = models.DateTimeField(_("زمان"), default=timezone.now)

    class Meta:
        verbose_name = _("وضعیت یادگیری از ناظران")

    def __str__(self) -> str:
        return f"#{self.last_decision}"
