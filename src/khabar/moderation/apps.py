from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    """Automatic comment decisions, policies, bans, the audit log and the queue."""

    name = "khabar.moderation"
    label = "moderation"
    verbose_name = _("مدیریت نظرات")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .config import config_forget
        from .models import LogEntry, ModerationSettings, ServicePolicy
        from .tasks import decision_logged

        _check_insult_model()
        post_save.connect(
            decision_logged, sender=LogEntry, dispatch_uid="moderation-learn"
        )

        for model in (ModerationSettings, ServicePolicy):
            for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
                signal.connect(
                    config_forget,
                    sender=model,
                    dispatch_uid=f"moderation-config-{model.__name__}-{name}",
                )


def _check_insult_model() -> None:
    """Load ``KHABAR_INSULT_MODEL`` now: a bad file stops startup with its reason."""
    from .engine import ModelError, use_model

    path = getattr(settings, "KHABAR_INSULT_MODEL", "")
    if not path:
        return
    try:
        use_model(path)
    except ModelError as error:
        raise ImproperlyConfigured(f"KHABAR_INSULT_MODEL: {error}") from error
