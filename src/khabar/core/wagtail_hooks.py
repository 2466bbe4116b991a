"""The core app's admin pages: two-factor login (``core/twofactor/``)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .twofactor import views as two_factor


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/", two_factor.manage, name="khabar_two_factor"),
        path("two-factor/verify/", two_factor.verify, name="khabar_two_factor_verify"),
        path(
            "two-factor/recovery-codes/",
            two_factor.recovery_renew,
            name="khabar_two_factor_recovery",
        ),
        path(
            "two-factor/disable/", two_factor.disable, name="khabar_two_factor_disable"
        ),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("khabar_two_factor"),
        "label": _("ورود دومرحله‌ای"),
        "help_text": _(
            "افزودن برنامه احراز هویت به حساب، کدهای بازیابی، یا خاموش کردن آن."
        ),
    }
