from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    """Automatic comment decisions, policies, bans, the audit log and the queue."""

    name = "khabar.moderation"
    label = "moderation"
    verbose_name = _("مدیریت نظرات")
