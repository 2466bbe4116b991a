"""Fixtures shared by the whole suite."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
REFERENCE_PAGE = SEEDS / "000_74ed4e50eb75564b.txt"


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
