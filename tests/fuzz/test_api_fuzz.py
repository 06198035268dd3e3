"""Every operation of the OpenAPI schema, fuzzed with schemathesis: no request answers a server
error, and every answer conforms to the schema (content type, and body of documented statuses).

The schema is read from the application itself (``/api/schema/``). Requests carry the API token
of a member of an organisation, so operations reserved to members (the IT profile) are fuzzed
past their permission check. Each call is rolled back (a savepoint): the data stays the same.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from mutualis.accounts.models import MembershipRole
from mutualis.directory.models import ItProfile
from mutualis.initiatives.models import Initiative
from tests.factories import (
    EstablishmentFactory,
    ManagingBodyFactory,
    MembershipFactory,
    regional_actor,
)
from tests.initiatives.conftest import initiative
from tests.library.conftest import publish, write_report

pytestmark = pytest.mark.django_db

SCHEMA_URL = "/api/schema/"
# No status code conformance: drf-spectacular documents the success only, and a 400, 401,
# 403 or 404 (in French JSON) is the right answer to most fuzzed requests.
CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]
EXAMPLES = settings(
    max_examples=8,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
# The schema must keep describing the API: fewer operations means the loader lost some.
MIN_OPERATIONS = 30


@pytest.fixture
def member_token(db):
    """The API token of an administrator of a managing body with establishments, and some
    published content for the list and detail operations to find."""
    body = ManagingBodyFactory(name="Association Alpha")
    establishment = EstablishmentFactory(managing_body=body)
    ItProfile.objects.create(establishment=establishment)
    user = MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user
    initiative(moderation=Initiative.Moderation.PUBLISHED, proposed_by=user)
    publish(write_report(user), regional_actor("84"))
    return Token.objects.create(user=user).key


@pytest.fixture
def connection_kept():
    """Requests go to the WSGI handler itself, which closes the database connection after each
    request: keep it open, as Django's test client does (the test's transaction lives on it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def operations(schema) -> list:
    found = []
    for result in schema.get_all_operations():
        found.append(result.ok())
    return found


def test_every_api_operation_answers_without_server_error_and_as_documented(
    member_token, connection_kept
):
    schema = schemathesis.openapi.from_wsgi(SCHEMA_URL, WSGIHandler())
    headers = {"Authorization": f"Token {member_token}"}
    failures: dict[str, str] = {}  # the first failure of each operation
    calls = [0]
    fuzzed = operations(schema)

    def caller(operation):
        def call(case) -> None:
            try:
                with transaction.atomic():
                    response = case.call(headers=headers)
                    transaction.set_rollback(True)
                calls[0] += 1
                case.validate_response(response, checks=CHECKS)
            except Exception as error:  # a failed check: reported with the others
                failures.setdefault(operation.label, str(error).strip()[:800])
            finally:
                cache.clear()  # the anonymous rate limit

        return call

    for operation in fuzzed:
        test = EXAMPLES(given(case=operation.as_strategy())(caller(operation)))
        test()
    print(f"{len(fuzzed)} opérations de l'API fuzzées, {calls[0]} requêtes")
    assert len(fuzzed) >= MIN_OPERATIONS
    assert not failures, "\n\n".join(f"{label}: {error}" for label, error in failures.items())
