"""Two-factor login for staff: enrollment, the code after the password, recovery.

Codes come from django-otp's own TOTP helper over the device's key, for the
current time step; each test spends a code at most once per device, because
django-otp refuses a used code and, after a wrong one, any code for a while.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import PageViewRestriction

from khabar.core.twofactor.qr import setup_secret
from khabar.core.twofactor.services import recovery_codes_renew
from khabar.newsroom.services import service_get_or_create

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-right-password"
VERIFY = "/admin/two-factor/verify/"
ENROLL = "/admin/two-factor/"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        "editor", "editor@example.ir", PASSWORD
    )


@pytest.fixture
def reporter(db):
    """An admin user who is not a superuser: only ``wagtailadmin.access_admin``."""
    user = get_user_model().objects.create_user(
        "reporter", "reporter@example.ir", PASSWORD
    )
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return user


@pytest.fixture
def enrolled(editor):
    """The editor with a confirmed authenticator app and ten recovery codes."""
    device = TOTPDevice.objects.create(user=editor, name="authenticator")
    return device, recovery_codes_renew(user=editor)


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def _wrong_code(device: TOTPDevice) -> str:
    """Return six digits that no time step near now accepts."""
    near = {
        totp(device.bin_key, step=device.step, digits=device.digits, drift=drift)
        for drift in range(-2, 3)
    }
    return f"{min(set(range(6)) - near):06d}"


def _login(client, username: str = "editor", password: str = PASSWORD):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR="10.0.0.7",
    )


def _admin_urls(home) -> list[str]:
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{home.pk}/edit/",
        "/admin/users/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/account/",
        "/admin/reports/site-history/",
        "/admin/collections/",
        ENROLL,
    ]


def _assert_admin_closed(client, home):
    """Every admin page, read or written, answers with a redirect to the code page."""
    for url in _admin_urls(home):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{VERIFY}?next="), url
    response = client.post(
        "/admin/two-factor/disable/", {"code": "00000000"}, REMOTE_ADDR="10.0.0.7"
    )
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(confirmed=True).exists()


def test_enrollment_shows_the_qr_code_and_confirms_with_the_first_code(client, editor):
    assert _login(client).status_code == 302
    page = client.get(ENROLL)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    html = page.content.decode()
    assert "<svg" in html and "otpauth" not in html  # the address is only in the QR
    assert setup_secret(device=device) in html
    # A reload shows the same secret, so a QR code already scanned stays valid.
    client.get(ENROLL)
    assert TOTPDevice.objects.get(user=editor).key == device.key

    done = client.post(ENROLL, {"code": _code(device)})

    assert done.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    tokens = set(
        StaticToken.objects.filter(device__user=editor).values_list("token", flat=True)
    )
    assert len(tokens) == 10
    assert all(token in done.content.decode() for token in tokens)
    # The session that enrolled is verified: the admin stays open.
    assert client.get("/admin/pages/").status_code == 200
    assert "خاموش کردن" in client.get(ENROLL).content.decode()


def test_enrollment_refuses_a_wrong_first_code(client, editor):
    _login(client)
    client.get(ENROLL)
    device = TOTPDevice.objects.get(user=editor)
    wrong = _wrong_code(device)

    page = client.post(ENROLL, {"code": wrong})

    assert page.status_code == 200
    assert "کد درست نیست" in page.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticDevice.objects.filter(user=editor).exists()


def test_the_account_page_links_to_two_factor_settings(client, editor):
    _login(client)
    assert ENROLL in client.get("/admin/account/").content.decode()


def test_the_password_alone_opens_no_admin_page(client, home, enrolled):
    response = _login(client)
    assert response.status_code == 302
    assert "_auth_user_id" in client.session  # the password was right

    _assert_admin_closed(client, home)
    code_page = client.get(VERIFY, {"next": "/admin/pages/"})
    assert code_page.status_code == 200
    assert 'name="code"' in code_page.content.decode()


def test_a_private_page_stays_closed_to_the_password_alone(client, home, enrolled):
    service = service_get_or_create(home=home, name="سیاسی")
    PageViewRestriction.objects.create(
        page=service, restriction_type=PageViewRestriction.LOGIN
    )
    _login(client)

    assert client.get(service.url).status_code == 302  # to the readers' login

    device, _codes = enrolled
    client.post(VERIFY, {"code": _code(device)})
    assert client.get(service.url).status_code == 200


def test_a_wrong_code_keeps_the_admin_closed(client, home, enrolled):
    device, _codes = enrolled
    _login(client)
    wrong = _wrong_code(device)

    page = client.post(VERIFY, {"code": wrong, "next": "/admin/pages/"})

    assert page.status_code == 200
    assert "کد درست نیست" in page.content.decode()
    _assert_admin_closed(client, home)


def test_the_right_code_opens_the_admin_and_returns_to_the_page_asked_for(
    client, home, enrolled
):
    device, _codes = enrolled
    _login(client)
    key_before = client.session.session_key

    response = client.post(
        VERIFY, {"code": _code(device), "next": f"/admin/pages/{home.pk}/"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{home.pk}/"
    assert client.session.session_key != key_before
    for url in _admin_urls(home):
        assert client.get(url).status_code == 200, url


def test_persian_digits_are_accepted(client, enrolled):
    device, _codes = enrolled
    _login(client)
    persian = _code(device).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))

    assert client.post(VERIFY, {"code": persian}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_used_code_is_refused(client, home, enrolled):
    device, _codes = enrolled
    code = _code(device)
    _login(client)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.post("/admin/logout/")

    _login(client)
    replay = client.post(VERIFY, {"code": code})

    assert replay.status_code == 200
    assert "کد درست نیست" in replay.content.decode()
    _assert_admin_closed(client, home)


def test_a_recovery_code_works_once(client, home, enrolled):
    _device, codes = enrolled
    _login(client)
    assert client.post(VERIFY, {"code": codes[0].upper()}).status_code == 302
    assert client.get("/admin/").status_code == 200
    assert StaticToken.objects.filter(device__user__username="editor").count() == 9
    client.post("/admin/logout/")

    _login(client)
    again = client.post(VERIFY, {"code": codes[0]})

    assert again.status_code == 200
    _assert_admin_closed(client, home)


def test_new_recovery_codes_replace_the_old_ones(client, enrolled):
    device, old = enrolled
    _login(client)
    client.post(VERIFY, {"code": _code(device)})

    page = client.post("/admin/two-factor/recovery-codes/")

    assert page.status_code == 200
    new = set(
        StaticToken.objects.filter(device__user__username="editor").values_list(
            "token", flat=True
        )
    )
    assert len(new) == 10 and not new & set(old)
    assert all(code in page.content.decode() for code in new)


def test_disabling_needs_a_code_then_the_password_is_enough(client, home, enrolled):
    device, codes = enrolled
    _login(client)
    client.post(VERIFY, {"code": _code(device)})

    wrong = _wrong_code(device)
    refused = client.post("/admin/two-factor/disable/", {"code": wrong})
    assert refused.status_code == 400
    assert TOTPDevice.objects.filter(user=device.user).exists()

    done = client.post("/admin/two-factor/disable/", {"code": codes[1]})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=device.user).exists()
    assert not StaticDevice.objects.filter(user=device.user).exists()

    client.post("/admin/logout/")
    _login(client)
    assert client.get("/admin/pages/").status_code == 200


def test_failed_passwords_still_lock_out_a_two_factor_user(client, enrolled):
    for _ in range(4):
        assert _login(client, password="guess").status_code == 200
    assert _login(client, password="guess").status_code == 429
    locked = _login(client)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(KHABAR_STAFF_2FA_REQUIRED=True)
def test_required_mode_sends_an_unenrolled_admin_user_to_enrollment(
    client, home, reporter
):
    assert _login(client, "reporter").status_code == 302
    for url in ["/admin/", "/admin/pages/", f"/admin/pages/{home.pk}/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{ENROLL}?next="), url
    page = client.get(ENROLL)
    assert page.status_code == 200
    assert "نخست ورود دومرحله‌ای را روشن کنید" in page.content.decode()

    device = TOTPDevice.objects.get(user=reporter)
    client.post(ENROLL, {"code": _code(device)})
    assert client.get("/admin/").status_code == 200


def test_optional_mode_leaves_an_unenrolled_admin_user_alone(client, reporter):
    _login(client, "reporter")
    assert client.get("/admin/").status_code == 200
    assert not TOTPDevice.objects.exists()


@override_settings(KHABAR_STAFF_2FA_REQUIRED=True)
def test_required_mode_leaves_users_without_admin_access_alone(client, home):
    reader = get_user_model().objects.create_user("reader", password=PASSWORD)
    client.force_login(reader)

    assert client.get("/").status_code == 200
    admin = client.get("/admin/")
    assert admin.status_code == 302
    assert admin["Location"].startswith("/admin/login/")  # Wagtail's own refusal
    assert client.get(ENROLL)["Location"].startswith("/admin/login/")
    assert not TOTPDevice.objects.exists()


def test_the_reset_command_removes_a_users_devices(client, enrolled):
    call_command("two_factor_reset", "editor")

    assert not TOTPDevice.objects.exists()
    assert not StaticToken.objects.exists()
    _login(client)
    assert client.get("/admin/").status_code == 200
    with pytest.raises(CommandError):
        call_command("two_factor_reset", "nobody")
