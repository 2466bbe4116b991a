from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Site-wide settings, Persian display helpers and the demo and serve commands."""

    name = "khabar.core"
    label = "core"
    verbose_name = _("هسته")
