"""Enroll, verify and remove a staff user's second factor.

Codes are always checked by django-otp's own ``verify_token`` on one device
(in a transaction, the device row locked): a TOTP code is refused once its
time step has been used, a recovery code is deleted when spent, and after a
wrong code the device refuses every code for a delay that doubles with each
failure. The failure counts are written even when the code is wrong, so no
verification runs inside a transaction that could roll them back.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from khabar.core.persian import to_latin_digits

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"


def code_clean(code: str) -> str:
    """Return ``code`` as django-otp expects it: Latin digits, no spaces or dashes."""
    return to_latin_digits(code).replace(" ", "").replace("-", "").strip().lower()


def totp_device_pending(*, user: AbstractBaseUser) -> TOTPDevice:
    """Return the user's unconfirmed authenticator device, creating it if needed.

    The same secret is shown until it is confirmed, so reloading the
    enrollment page does not invalidate a QR code already scanned.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=TOTP_DEVICE_NAME, confirmed=False
        )
    return device


def totp_confirm(*, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm a pending device with its first code and return new recovery codes.

    Returns ``None`` when the code is wrong (the device stays unconfirmed).
    Any other authenticator device of the user is removed: one app per user.
    """
    if verify_token(device.user, device.persistent_id, code_clean(code)) is None:
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return recovery_codes_renew(user=device.user)


@transaction.atomic
def recovery_codes_renew(*, user: AbstractBaseUser) -> list[str]:
    """Replace the user's recovery codes with new ones and return them.

    Each code opens one login when the phone is lost; the old ones stop
    working at once.
    """
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    return codes


def recovery_codes_left(*, user: AbstractBaseUser) -> int:
    """Return how many unused recovery codes the user has."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def code_verify(*, user: AbstractBaseUser, code: str) -> Device | None:
    """Return the user's confirmed device that accepts ``code``, or ``None``.

    Six digits go to the authenticator app, anything else to the recovery
    codes, so a wrong guess counts against one device only.
    """
    code = code_clean(code)
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    device = model.objects.devices_for_user(user, confirmed=True).first()
    if device is None:
        return None
    return verify_token(user, device.persistent_id, code)


@transaction.atomic
def two_factor_disable(*, user: AbstractBaseUser) -> int:
    """Remove all of the user's devices and recovery codes; return how many devices.

    The user logs in with the password alone afterwards (or is asked to
    enroll again when ``KHABAR_STAFF_2FA_REQUIRED`` is on).
    """
    return sum(
        model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
        for model in (TOTPDevice, StaticDevice)
    )
