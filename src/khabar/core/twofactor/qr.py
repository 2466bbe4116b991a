"""What the enrollment page shows: the QR code and the secret as text.

The QR code is drawn here as inline SVG (segno), so the secret never leaves
the server and no image is fetched from anywhere.
"""

from base64 import b32encode

import segno
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice


def setup_qr_svg(*, device: TOTPDevice, title: str) -> SafeString:
    """Return the device's ``otpauth://`` address as an inline SVG QR code."""
    code = segno.make(device.config_url, error="m")
    # segno writes only its own elements and escapes the title.
    return mark_safe(  # noqa: S308
        code.svg_inline(scale=5, border=4, dark="#000", light="#fff", title=title)
    )


def setup_secret(*, device: TOTPDevice) -> str:
    """Return the secret in groups of four, for apps that cannot scan."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
