"""A database outage answers 503 with Retry-After, never a 500 or a traceback page."""

from unittest import mock

import pytest
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.test import Client, RequestFactory, override_settings

from khabar.core.dbfaults import (
    RETRY_AFTER_SECONDS,
    DatabaseUnavailableMiddleware,
    is_database_unavailable,
)

DBFAULTS = "khabar.core.dbfaults.DatabaseUnavailableMiddleware"
WITH_DBFAULTS = override_settings(MIDDLEWARE=[DBFAULTS, *settings.MIDDLEWARE])


class BrokenMiddleware:
    """A middleware whose database lookup fails, as sessions or axes can."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise OperationalError("the database system is shutting down")


class FailingMiddleware(BrokenMiddleware):
    def __call__(self, request):
        raise ValueError("a bug, not an outage")


def _middleware():
    return DatabaseUnavailableMiddleware(lambda request: None)


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("connection failed: Connection refused"),
        OperationalError("database is locked"),
        InterfaceError("connection already closed"),
    ],
)
def test_database_errors_are_outages(error):
    assert is_database_unavailable(error)


@pytest.mark.parametrize("error", [ValueError("x"), KeyError("y"), None])
def test_other_errors_are_not(error):
    assert not is_database_unavailable(error)


def test_a_views_database_error_becomes_a_persian_503():
    request = RequestFactory().post("/comments/post/1224974/")
    response = _middleware().process_exception(
        request, OperationalError("server closed the connection unexpectedly")
    )
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    assert "دوباره تلاش کنید" in response.content.decode()


def test_the_api_gets_json():
    request = RequestFactory().get("/api/articles")
    response = _middleware().process_exception(request, InterfaceError("closed"))
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"


def test_other_exceptions_are_left_to_django():
    request = RequestFactory().get("/")
    assert _middleware().process_exception(request, ValueError("bug")) is None


@pytest.mark.django_db
@WITH_DBFAULTS
def test_a_comment_post_during_an_outage_answers_503():
    with mock.patch(
        "khabar.comments.views.article_get_for_comment",
        side_effect=OperationalError("the database system is shutting down"),
    ):
        response = Client().post("/comments/post/1224974/", {"text": "سلام"})
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)


@pytest.mark.django_db
@override_settings(MIDDLEWARE=[DBFAULTS, "tests.core.test_dbfaults.BrokenMiddleware"])
def test_a_middlewares_database_error_answers_503_too():
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)


@pytest.mark.django_db
@override_settings(MIDDLEWARE=[DBFAULTS, "tests.core.test_dbfaults.FailingMiddleware"])
def test_a_bug_still_answers_500():
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500


@pytest.mark.django_db
@WITH_DBFAULTS
def test_pages_are_untouched_when_the_database_answers(home):
    response = Client().get("/")
    assert response.status_code == 200
    assert "Retry-After" not in response
