"""Fixtures shared by the whole suite."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
REFERENCE_PAGE = SEEDS / "000_74ed4e50eb75564b.txt"


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with an empty cache, so rate limits never leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reference_page() -> Path:
    """Return the path of the reference article page in ../shared/seeds."""
    if not REFERENCE_PAGE.exists():
        pytest.skip(f"the reference page is not at {REFERENCE_PAGE}")
    return REFERENCE_PAGE


@pytest.fixture
def home(db):
    """Return the home page the migrations create."""
    from khabar.newsroom.selectors import home_page_get

    return home_page_get()


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
