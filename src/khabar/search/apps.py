from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Persian full-text search over published articles."""

    name = "khabar.search"
    label = "search"
    verbose_name = _("جست\u200cوجو")

    def ready(self):
        from . import handlers

        handlers.connect()
