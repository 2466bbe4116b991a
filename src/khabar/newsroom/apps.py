from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    """The content model (home, services, articles), news codes and importers."""

    name = "khabar.newsroom"
    label = "newsroom"
    verbose_name = _("تحریریه")
