"""The admin's two-factor pages: the code after the password, enrollment, disabling.

All of them are admin URLs (``core/wagtail_hooks.py``), so Wagtail requires
a signed-in admin user and sends no-cache headers; the middleware decides
which of them a session without its second factor may open.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device

from .forms import CodeForm, DisableForm
from .middleware import enrollment_required
from .qr import setup_qr_svg, setup_secret
from .services import (
    code_verify,
    recovery_codes_left,
    recovery_codes_renew,
    totp_confirm,
    totp_device_pending,
    two_factor_disable,
)


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _verified(request, device) -> None:
    """Mark the session as verified by ``device``, under a new session key."""
    request.session.cycle_key()
    otp_login(request, device)


def _code_form(request) -> CodeForm:
    return CodeForm(request.POST) if request.method == "POST" else CodeForm()


@sensitive_post_parameters("code")
def verify(request):
    """Ask a session that gave the password for its second factor."""
    target = _next_url(request)
    if request.user.is_verified() or not user_has_device(request.user):
        return redirect(target)
    form = _code_form(request)
    if form.is_valid():
        device = code_verify(user=request.user, code=form.cleaned_data["code"])
        if device is not None:
            _verified(request, device)
            return redirect(target)
        form.reject()
    return render(request, "core/twofactor/verify.html", {"form": form, "next": target})


@sensitive_post_parameters("code")
def manage(request):
    """Show the user's two-factor state, or enroll an app with its first code."""
    user = request.user
    if user_has_device(user):
        return render(
            request,
            "core/twofactor/manage.html",
            {"form": DisableForm(), "codes_left": recovery_codes_left(user=user)},
        )
    device = totp_device_pending(user=user)
    form = _code_form(request)
    if form.is_valid():
        codes = totp_confirm(device=device, code=form.cleaned_data["code"])
        if codes is not None:
            _verified(request, device)
            return render(
                request, "core/twofactor/recovery_codes.html", {"codes": codes}
            )
        form.reject()
    context = {
        "form": form,
        "required": enrollment_required(user),
        "qr_svg": setup_qr_svg(device=device, title=_("کد QR برای برنامه احراز هویت")),
        "secret": setup_secret(device=device),
    }
    return render(request, "core/twofactor/enroll.html", context)


@require_POST
def recovery_renew(request):
    """Replace the user's recovery codes and show the new ones once."""
    if not user_has_device(request.user):
        return redirect("khabar_two_factor")
    codes = recovery_codes_renew(user=request.user)
    return render(request, "core/twofactor/recovery_codes.html", {"codes": codes})


@require_POST
@sensitive_post_parameters("code")
def disable(request):
    """Turn two-factor login off for the user, after one more code."""
    form = DisableForm(request.POST)
    if form.is_valid():
        if code_verify(user=request.user, code=form.cleaned_data["code"]):
            two_factor_disable(user=request.user)
            messages.success(request, _("ورود دومرحله‌ای خاموش شد."))
            return redirect("khabar_two_factor")
        form.reject()
    context = {"form": form, "codes_left": recovery_codes_left(user=request.user)}
    return render(request, "core/twofactor/manage.html", context, status=400)
