"""Schemathesis generates requests from the OpenAPI schema: none may answer 5xx."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from khabar.wsgi import application
from tests.factories import ArticleFactory

# The schema endpoint touches no table, so it loads at collection time.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def content(home):
    ArticleFactory(title="خبر نمونه برای آزمون رابط", tags=["آزمون"])


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
