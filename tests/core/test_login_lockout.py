"""Password guessing on the newsroom's login is stopped after five failures."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-right-password"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        "editor", "editor@example.ir", PASSWORD
    )


def _login(client, password: str, address: str = "10.0.0.7"):
    return client.post(
        "/admin/login/",
        {"username": "editor", "password": password},
        REMOTE_ADDR=address,
    )


def test_five_wrong_passwords_lock_that_user_from_that_address(client, editor):
    for _ in range(4):
        assert _login(client, "guess").status_code == 200  # the form again
    assert _login(client, "guess").status_code == 429  # the fifth failure locks
    locked = _login(client, PASSWORD)
    assert locked.status_code == 429
    assert "ورود موقتاً بسته شد" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_another_address_can_still_log_in(client, editor):
    for _ in range(5):
        _login(client, "guess")
    assert _login(client, PASSWORD, address="10.0.0.99").status_code == 302


def test_a_good_login_resets_the_count(client, editor):
    for _ in range(4):
        _login(client, "guess")
    assert _login(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        _login(client, "guess")
    assert _login(client, PASSWORD).status_code == 302
