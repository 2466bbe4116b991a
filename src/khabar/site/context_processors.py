"""Context every public page needs: the services for the navigation bar."""

from khabar.newsroom.selectors import service_list_for_nav


def site_chrome(request) -> dict:
    """Return the navigation services lazily, so admin pages never query them."""
    return {"nav_services": service_list_for_nav}
