from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The public news site: templates, article addresses, short links and tag pages."""

    name = "khabar.site"
    label = "site"
    verbose_name = _("سایت")

    def ready(self) -> None:
        from . import cache_handlers

        cache_handlers.connect()
