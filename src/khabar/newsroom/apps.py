from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _roles_after_migrate(sender, using="default", **kwargs) -> None:
    """Create the newsroom roles once the tables they need exist."""
    from .models import HomePage
    from .roles import roles_ensure

    home = HomePage.objects.using(using).first()
    if home is not None:
        roles_ensure(home=home)


class NewsroomConfig(AppConfig):
    """The content model (home, services, articles), news codes, roles and importers."""

    name = "khabar.newsroom"
    label = "newsroom"
    verbose_name = _("تحریریه")

    def ready(self) -> None:
        post_migrate.connect(
            _roles_after_migrate, sender=self, dispatch_uid="newsroom-roles"
        )
