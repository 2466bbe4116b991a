"""Context every public page needs: the navigation bar and the «فوری» ticker."""

from collections.abc import Callable
from functools import cache

from khabar.newsroom.selectors import article_list_breaking, service_list_for_nav


def site_chrome(request) -> dict[str, Callable]:
    """Return callables, so admin pages and templates that skip them never query.

    Each is read at most once a request, however often a template names it.
    """
    return {
        "nav_services": cache(service_list_for_nav),
        "breaking": cache(article_list_breaking),
    }
