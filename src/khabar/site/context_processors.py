"""Context every public page needs: the navigation bar and the «فوری» ticker."""

from khabar.newsroom.selectors import article_list_breaking, service_list_for_nav


def site_chrome(request) -> dict:
    """Return callables, so admin pages and templates that skip them never query."""
    return {"nav_services": service_list_for_nav, "breaking": article_list_breaking}
