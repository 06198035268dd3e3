import datetime as dt

import pytest
from django.utils import timezone

from mutualis.accounts.models import MembershipRole
from mutualis.territories.models import Region
from mutualis.workshops import services, survey_services
from mutualis.workshops.models import Lever, NeedsSurvey, Workshop
from tests.factories import (
    EstablishmentFactory,
    ManagingBodyFactory,
    MembershipFactory,
    regional_actor,
)

SEED_LEVERS = ["A", "B", "C", "D", "E", "F", "G"]


def reference_levers() -> list[tuple[str, str]]:
    return [(lever.code, lever.label) for lever in Lever.objects.filter(is_active=True)]


def new_workshop(facilitator, rule=Workshop.Rule.RANKED, dots=6, opened=True, levers=None):
    workshop = services.create_workshop(
        facilitator, "Atelier de l'Ain", levers or reference_levers(), rule=rule, dots=dots
    )
    if opened:
        services.open_vote(facilitator, workshop)
        workshop.refresh_from_db()
    return workshop


def ranked(top: str, high: str, priority: str) -> list[tuple[str, int]]:
    return [(top, 3), (high, 2), (priority, 1)]


@pytest.fixture
def facilitator(db):
    return regional_actor("84")


@pytest.fixture
def workshop(facilitator):
    return new_workshop(facilitator)


def body_with(n: int, name: str, category: str = "500", region: str = "84", departement="01"):
    """A managing body with ``n`` open ESSMS, and its administrator."""
    body = ManagingBodyFactory(name=name, establishment_count=n, departement_id=departement)
    EstablishmentFactory.create_batch(
        n, managing_body=body, category_id=category, region_id=region, departement_id=departement
    )
    admin = MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user
    return body, admin


def open_survey(scope="regional", region="84", **fields) -> NeedsSurvey:
    today = timezone.localdate()
    return survey_services.create_survey(
        None,
        fields.pop("title", "Recensement"),
        scope,
        today - dt.timedelta(days=1),
        today + dt.timedelta(days=30),
        region=Region.objects.get(code=region) if scope == "regional" else None,
        **fields,
    )
