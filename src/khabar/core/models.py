"""Site-wide settings that editors change in the Wagtail admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from khabar.text.style import KEEP, MODERN

DEFAULT_COMMENT_RULES = (
    "نظرات حاوی توهین و هرگونه نسبت ناروا به اشخاص حقیقی و حقوقی منتشر نمی\u200cشود.\n"
    "نظراتی که غیر از زبان فارسی یا غیر مرتبط با خبر باشد منتشر نمی\u200cشود."
)


class TextStyle(models.TextChoices):
    """How the plural «ها» and «تر/ترین» are written (see ``khabar.text.style``)."""

    MODERN = MODERN, _("با نیم\u200cفاصله (کتاب\u200cها، بزرگ\u200cتر)")
    KEEP = KEEP, _("به شیوهٔ نویسنده (کتابها، بزرگتر اگر متن پیوسته می\u200cنویسد)")


@register_setting(icon="site")
class AgencySettings(BaseSiteSetting):
    """The agency's name, end-of-story marker, comment rules and text styles.

    The text styles say how the half-space restorer writes plurals and
    comparatives in the newsroom editor (``modern`` by default) and in
    imported stories (``keep``: a source that joins them stays joined).
    """

    agency_name = models.CharField(_("نام خبرگزاری"), max_length=100, default="خبر")
    end_marker = models.CharField(
        _("نشان پایان خبر"), max_length=50, default="انتهای پیام/"
    )
    comment_rules = models.TextField(
        _("قوانین نظرات"),
        default=DEFAULT_COMMENT_RULES,
        help_text=_("هر قانون در یک سطر."),
    )
    editor_text_style = models.CharField(
        _("جمع و صفت برتر در متن دبیران"),
        max_length=10,
        choices=TextStyle.choices,
        default=TextStyle.MODERN,
    )
    import_text_style = models.CharField(
        _("جمع و صفت برتر در خبرهای درون\u200cریزی\u200cشده"),
        max_length=10,
        choices=TextStyle.choices,
        default=TextStyle.KEEP,
    )

    panels = [
        FieldPanel("agency_name"),
        FieldPanel("end_marker"),
        FieldPanel("comment_rules"),
        FieldPanel("editor_text_style"),
        FieldPanel("import_text_style"),
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
