from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    """Automatic comment decisions, policies, bans, the audit log and the queue."""

    name = "khabar.moderation"
    label = "moderation"
    verbose_name = _("مدیریت نظرات")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .models import ModerationSettings, ServicePolicy
        from .services import config_forget

        for model in (ModerationSettings, ServicePolicy):
            for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
                signal.connect(
                    config_forget,
                    sender=model,
                    dispatch_uid=f"moderation-config-{model.__name__}-{name}",
                )
