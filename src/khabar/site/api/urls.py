"""The API's URL patterns, with every error in English JSON.

django-ninja answers a wrong method with a plain-text 405 and serves its
schema and docs to any method; an address under /api/ that names no
operation would fall through to the site's HTML 404. Here each view is
wrapped so that a 405 is ``{"detail": …}`` with ``Allow``, the schema and
docs take only GET and HEAD, and anything else under /api/ is a JSON 404.
"""

from functools import wraps

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_safe

from .views import api

SCHEMA_VIEWS = {"openapi-json", "openapi-view"}


def _json_not_allowed(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code != 405 or response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response
        answer = JsonResponse(
            {"detail": f"Method {request.method} not allowed"}, status=405
        )
        answer["Allow"] = response.get("Allow", "GET, HEAD")
        return answer

    return wrapped


def _wrapped(pattern):
    view = pattern.callback
    if pattern.name in SCHEMA_VIEWS:
        view = require_safe(view)
    pattern.callback = _json_not_allowed(view)
    return pattern


def not_found(request, rest: str = ""):
    """Answer an address under /api/ that names no operation."""
    return JsonResponse({"detail": "Not found"}, status=404)


def api_urls():
    """Return the ``include()`` triple for ``path("api/", …)``."""
    patterns, app_name, namespace = api.urls
    patterns = [_wrapped(pattern) for pattern in patterns]
    patterns += [
        path("", not_found, name="root"),
        path("<path:rest>", not_found, name="not_found"),
    ]
    return patterns, app_name, namespace
