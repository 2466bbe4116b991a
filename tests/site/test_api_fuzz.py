"""Schemathesis generates requests from the OpenAPI schema: none may answer 5xx."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from khabar.wsgi import application
from tests.factories import ArticleFactory

# The schema endpoint touches no table, so it loads at collection time.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def content(home):
    ArticleFactory(title="خبر نمونه برای آزمون رابط", tags=["آزمون"])


@pytest.fixture(autouse=True)
def keep_test_connection():
    """Keep the test's connection open across in-process WSGI requests.

    Django closes connections at the start and end of every request; inside a
    test's transaction that would close it (Django's test client does the same).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_never_answers_a_server_error(case):
    response = case.call()
    assert response.status_code < 500, (case.path, case.query, response.text[:300])
