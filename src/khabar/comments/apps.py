from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    """Reader comments: the form, the captcha, threading and staff review."""

    name = "khabar.comments"
    label = "comments"
    verbose_name = _("نظرات")
