import pytest

from mutualis.directory.models import DuiStatus, ItProfile
from mutualis.maturity.models import Assessment, ReferentialVersion
from tests.factories import EstablishmentFactory, ManagingBodyFactory


def assess(establishment=None, body=None, score=2.0, campaign=2026, **values) -> Assessment:
    body = body or establishment.managing_body
    values = {"status": Assessment.Status.SUBMITTED, "global_score": score, **values}
    return Assessment.objects.create(
        referential=ReferentialVersion.objects.get(is_current=True),
        managing_body=body,
        establishment=establishment,
        campaign=campaign,
        **values,
    )


@pytest.fixture
def auvergne(db):
    """Six EHPADs of Ain with IT profiles and submitted assessments; one in Paris."""
    body = ManagingBodyFactory()
    places = [EstablishmentFactory(managing_body=body) for _ in range(6)]
    for index, place in enumerate(places):
        ItProfile.objects.create(
            establishment=place,
            dui_status=DuiStatus.DEPLOYED if index < 3 else DuiStatus.NONE,
        )
        assess(place, score=1.0 + index % 3, services_socles={"ins": index < 3})
    paris = EstablishmentFactory(departement_id="75", region_id="11", postal_code="75001")
    return places, paris
