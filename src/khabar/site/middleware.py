"""Give Wagtail the request's site and agency settings without a query.

Wagtail looks both up in the database on every request it renders (a site
by host name, then the site's settings row). They change only when an
editor saves them, which bumps ``site`` (``cache_handlers``), so what
Wagtail found is kept under ``site``'s version like the navigation, and
handed back to it on the next request for the same host: an uncached page
then makes two queries fewer. Nothing is looked up here that Wagtail
would not have looked up itself.
"""

import copy

from django.http.request import split_domain_port
from wagtail.models import Site

from khabar.core.models import AgencySettings
from khabar.newsroom.caching import (
    ABSENT,
    site_value_get,
    site_value_keep,
    site_value_key,
)

AGENCY_ATTR = AgencySettings.get_cache_attr_name()


class KnownSiteMiddleware:
    """Set Wagtail's per-request site and ``AgencySettings`` from the cache.

    Placed after ``CommonMiddleware``, so only allowed host names get here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = split_domain_port(request._get_raw_host())[0]
        site_key = site_value_key(f"wagtail-site:{hostname}:{request.get_port()}")
        site = site_value_get(site_key)
        agency_key = agency = ABSENT
        if site is not ABSENT:
            request._wagtail_site = site
            agency_key = site_value_key(f"agency-settings:{site.pk}")
            agency = site_value_get(agency_key)
            if agency is not ABSENT:
                agency = copy.copy(agency)  # the kept one is shared by threads
                agency._request = request  # as ``for_request`` does
                setattr(request, AGENCY_ATTR, agency)
        response = self.get_response(request)
        found = getattr(request, "_wagtail_site", None)
        if site is ABSENT and isinstance(found, Site):
            site_value_keep(site_key, found)
        settings = getattr(request, AGENCY_ATTR, None)
        if agency_key is not ABSENT and agency is ABSENT and settings is not None:
            kept = copy.copy(settings)
            kept.__dict__.pop("_request", None)  # keep no request alive
            site_value_keep(agency_key, kept)
        return response
