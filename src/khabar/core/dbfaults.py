"""Answer 503 with Retry-After, not 500, while the database cannot be reached.

When PostgreSQL restarts (or fails over), every request that needs the
database raises ``OperationalError`` ("the database system is shutting down",
"connection refused", "server closed the connection unexpectedly") or
``InterfaceError`` ("connection already closed"). Django turns these into a
500 and a traceback, although nothing is wrong with the request and the same
request will succeed seconds later: Django drops the broken connection when
the request ends and ``CONN_HEALTH_CHECKS`` replaces it on the next one.

``DatabaseUnavailableMiddleware`` (first in ``MIDDLEWARE``) answers those
requests with a short Persian 503 and ``Retry-After`` instead, so browsers,
crawlers, partners' feed readers and load balancers know to come back, and
the log gets one warning line instead of a 500's traceback. Errors raised by
views or templates come through ``process_exception``; errors raised in
another middleware (a session or an axes lookup) are recognised through
``got_request_exception``, which marks the request before Django builds its
500. Nothing is retried here: a POST may have reached the database before it
went away, so only the client may resend it (comments are deduplicated by
``Comment.dedupe_key``).
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5
MARK = "_khabar_database_unavailable"
PAGE = (
    '<!DOCTYPE html>\n<html lang="fa" dir="rtl">\n<head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>موقتاً در دسترس نیست</title></head>\n<body>\n"
    "<h1>سایت لحظه\u200cای در دسترس نیست</h1>\n"
    "<p>چند ثانیه بعد دوباره تلاش کنید. اگر نظری فرستاده بودید، "
    "دوباره بفرستید؛ دوبار ثبت نمی\u200cشود.</p>\n"
    '<p><a href="/">صفحهٔ اول</a></p>\n</body>\n</html>\n'
)


def is_database_unavailable(error: BaseException | None) -> bool:
    """Tell whether ``error`` means the database cannot be reached right now."""
    return isinstance(error, DATABASE_ERRORS)


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """Return the 503 for ``request``: JSON under /api/, else a small Persian page.

    The page is a constant string: rendering a template would run context
    processors that read the database that just went away.
    """
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": "The service is temporarily unavailable; retry shortly."},
            status=503,
        )
    else:
        response = HttpResponse(PAGE, status=503, content_type="text/html")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _log(request: HttpRequest, error: BaseException) -> None:
    first_line = next(iter(str(error).splitlines()), "")
    logger.warning(
        "database unavailable, answered 503: %s %s: %s",
        request.method,
        request.path,
        first_line,
    )


def _mark_request(sender, request=None, **kwargs) -> None:
    """Remember on ``request`` that its 500 is a database outage.

    Django sends ``got_request_exception`` from inside its ``except`` block,
    so the exception is still in ``sys.exc_info()``.
    """
    error = sys.exc_info()[1]
    if request is not None and is_database_unavailable(error):
        setattr(request, MARK, True)
        _log(request, error)


got_request_exception.connect(_mark_request, dispatch_uid="khabar.core.dbfaults")


class DatabaseUnavailableMiddleware:
    """Turn a database outage's 500 into a 503 with ``Retry-After``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, MARK, False):
            return unavailable_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not is_database_unavailable(exception):
            return None
        _log(request, exception)
        return unavailable_response(request)
