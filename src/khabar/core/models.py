"""Site-wide settings that editors change in the Wagtail admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DEFAULT_COMMENT_RULES = (
    "نظرات حاوی توهین و هرگونه نسبت ناروا به اشخاص حقیقی و حقوقی منتشر نمی\u200cشود.\n"
    "نظراتی که غیر از زبان فارسی یا غیر مرتبط با خبر باشد منتشر نمی\u200cشود."
)


@register_setting(icon="site")
class AgencySettings(BaseSiteSetting):
    """The agency's name, the end-of-story marker and the published comment rules."""

    agency_name = models.CharField(_("نام خبرگزاری"), max_length=100, default="خبر")
    end_marker = models.CharField(
        _("نشان پایان خبر"), max_length=50, default="انتهای پیام/"
    )
    comment_rules = models.TextField(
        _("قوانین نظرات"),
        default=DEFAULT_COMMENT_RULES,
        help_text=_("هر قانون در یک سطر."),
    )

    panels = [
        FieldPanel("agency_name"),
        FieldPanel("end_marker"),
        FieldPanel("comment_rules"),
    ]

    class Meta:
        verbose_name = _("تنظیمات خبرگزاری")

    def __str__(self) -> str:
        return self.agency_name

    @property
    def comment_rule_list(self) -> list[str]:
        """Return the comment rules, one per non-empty line."""
        return [
            line.strip() for line in self.comment_rules.splitlines() if line.strip()
        ]
