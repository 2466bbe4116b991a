"""Fixtures shared by the whole suite."""

from pathlib import Path

import pytest

from tests.browser_fixtures import artifacts, browser, page, site_tree  # noqa: F401
from tests.role_fixtures import login, people, services  # noqa: F401

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
REFERENCE_PAGE = SEEDS / "000_74ed4e50eb75564b.txt"


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with an empty cache, so rate limits never leak between tests."""
    from django.core.cache import cache

    from khabar.core.pagecache import LOCAL
    from khabar.newsroom.caching import KEPT_HERE

    for kept in (cache, LOCAL, KEPT_HERE):
        kept.clear()
    yield
    for kept in (cache, LOCAL, KEPT_HERE):
        kept.clear()


@pytest.fixture
def reference_page() -> Path:
    """Return the path of the reference article page in ../shared/seeds."""
    if not REFERENCE_PAGE.exists():
        pytest.skip(f"the reference page is not at {REFERENCE_PAGE}")
    return REFERENCE_PAGE


@pytest.fixture
def home(request):
    """Return the home page, in plain and in transactional tests alike.

    Transactional tests end with a flush that also removes the pages the
    migrations created; the tree is rebuilt here when it is missing.
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    request.getfixturevalue("transactional_db" if transactional else "db")
    return site_tree_ensure()


def site_tree_ensure():
    """Return the home page, creating root, home and default site if missing."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page, Site

    from khabar.newsroom.models import HomePage
    from khabar.newsroom.selectors import home_page_get

    home = home_page_get()
    if home is None:
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root")
        )
        home = root.add_child(instance=HomePage(title="صفحه اول", slug="home"))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
        )
    return home


@pytest.fixture
def site_policy(db):
    """Set the site's moderation policy: ``site_policy("premoderate")``."""
    from khabar.moderation.services import moderation_settings

    def set_policy(policy: str, **fields):
        config = moderation_settings()
        config.policy = policy
        for name, value in fields.items():
            setattr(config, name, value)
        config.save()
        return config

    return set_policy


@pytest.fixture
def premoderate(site_policy):
    """Hold every comment for a moderator, as the reference site does."""
    return site_policy("premoderate")


@pytest.fixture
def staff(client, admin_user):
    """Log ``client`` in as a superuser and return the user."""
    client.force_login(admin_user)
    return admin_user
