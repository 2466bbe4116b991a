"""Wagtail's site and the agency settings are looked up once, not on every render."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from khabar.core.models import AgencySettings
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(settings):
    """Every request renders: the page cache would hide the lookups."""
    settings.KHABAR_PAGE_CACHE = False


def _tables(queries) -> str:
    return " ".join(query["sql"] for query in queries)


@pytest.mark.parametrize("address", ["/", "article"])
def test_a_second_render_looks_up_neither_the_site_nor_its_settings(
    client, home, renders, address
):
    url = ArticleFactory().url if address == "article" else address
    # The first render creates the settings row (a save: ``site`` moves on),
    # the second finds the site again, the third keeps its settings.
    for _ in range(3):
        client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert "wagtailcore_site" not in _tables(queries)
    assert "core_agencysettings" not in _tables(queries)


def test_new_agency_settings_show_on_the_next_render(client, home, renders):
    for _ in range(3):
        client.get("/")
    agency = AgencySettings.for_site(Site.objects.get(is_default_site=True))
    agency.agency_name = "خبرگزاری آزمایشی تازه"
    agency.save()
    assert "خبرگزاری آزمایشی تازه" in client.get("/").content.decode()


def test_a_renamed_host_is_found_again(client, home, renders):
    for _ in range(3):
        client.get("/")
    site = Site.objects.get(is_default_site=True)
    site.site_name = "نام تازه سایت"
    site.save()
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert "wagtailcore_site" in _tables(queries)  # looked up again after the save
