"""Playwright driving Debian's Chromium against Django's live server.

The fixtures are imported once, by tests/conftest.py, so the browser and
security suites share one Chromium (Playwright's sync API runs one at a time).
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

# Playwright's sync API runs an event loop in this thread; the ORM calls made
# by the test itself (fixtures, assertions) are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(
        locale="fa-IR", viewport={"width": 412, "height": 915}
    )
    page = context.new_page()
    yield page
    # Let the page's own requests (captcha, read beacon) finish before the
    # test database is flushed under the live server's feet.
    try:
        page.wait_for_load_state("networkidle", timeout=5000)
    except Exception:  # noqa: BLE001 - a page that never idles is closed anyway
        pass
    context.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def site_tree(transactional_db):
    """Return the home page, rebuilt after an earlier transactional test's flush."""
    from tests.conftest import site_tree_ensure

    return site_tree_ensure()


def comment_form_ready(page) -> None:
    """Wait until the page's script has filled in this reader's captcha and token.

    Playwright's assertions poll without evaluating strings, which the page's
    Content-Security-Policy (no 'unsafe-eval') would refuse.
    """
    from playwright.sync_api import expect

    expect(page.locator("#comment-form .captcha .question")).not_to_have_text("…")
    expect(page.locator("#comment-form [data-csrf]")).not_to_have_value("")
