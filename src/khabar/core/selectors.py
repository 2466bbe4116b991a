"""Reads of the site-wide settings that every app may need."""

from wagtail.models import Site

from .models import AgencySettings


def agency_settings_get(*, site: Site | None = None) -> AgencySettings:
    """Return the agency settings of ``site``, else of the default site.

    Before any site exists (a database being set up) the defaults are
    returned, unsaved.
    """
    site = site or Site.objects.filter(is_default_site=True).first()
    return AgencySettings.for_site(site) if site is not None else AgencySettings()
