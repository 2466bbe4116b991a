"""Keep a session that gave only the password out of the admin.

django-otp's ``OTPMiddleware`` (just before this one) tells whether the
session was verified with a device. A user with a confirmed device who has
given only the password is sent to the code page from every admin address,
and is an anonymous visitor everywhere else, so private pages and documents
stay closed too. With ``KHABAR_STAFF_2FA_REQUIRED`` on, an admin user
without a device is sent to enrollment before any other admin page.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.urls import Resolver404, resolve, reverse
from django_otp import user_has_device

# Admin pages a signed-in user may open before giving the second factor.
OPEN_BEFORE_CODE = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
        "khabar_two_factor_verify",
    }
)
# Admin pages an admin user may open before enrolling, when enrollment is required.
OPEN_BEFORE_ENROLLMENT = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
        "khabar_two_factor",
    }
)


def enrollment_required(user) -> bool:
    """Return whether ``user`` must enroll before using the admin."""
    return bool(
        getattr(settings, "KHABAR_STAFF_2FA_REQUIRED", False)
        and user.has_perm("wagtailadmin.access_admin")
    )


def _url_name(request) -> str | None:
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


def _anonymous() -> AnonymousUser:
    user = AnonymousUser()
    user.otp_device = None
    user.is_verified = lambda: False
    return user


class TwoFactorMiddleware:
    """Send unverified users to the code page, or to enrollment when required."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie nobody is signed in; not touching the
        # session keeps readers' pages free of "Vary: Cookie" and cacheable.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return self.get_response(request)
        in_admin = request.path_info.startswith(reverse("wagtailadmin_home"))
        if user_has_device(user):
            if not in_admin:
                request.user = _anonymous()
            elif _url_name(request) not in OPEN_BEFORE_CODE:
                return redirect_to_login(
                    request.get_full_path(), reverse("khabar_two_factor_verify")
                )
        elif (
            in_admin
            and enrollment_required(user)
            and _url_name(request) not in OPEN_BEFORE_ENROLLMENT
        ):
            return redirect_to_login(
                request.get_full_path(), reverse("khabar_two_factor")
            )
        return self.get_response(request)
