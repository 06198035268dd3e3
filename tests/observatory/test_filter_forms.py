"""The observatory's filter forms share their campaign and sector fields."""

import pytest

from mutualis.finess.models import Sector
from mutualis.observatory.forms import (
    CampaignSectorFilterForm,
    DashboardFilterForm,
    FollowUpFilterForm,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "build",
    [
        lambda data: DashboardFilterForm(data, campaigns=[2025, 2026]),
        lambda data: FollowUpFilterForm(data, regions={"84"}, campaigns=[2025, 2026]),
    ],
)
def test_campaign_and_sector_are_the_shared_ones(build):
    sector = Sector.objects.order_by("code").first()
    form = build({"campagne": "2025", "secteur": sector.code})
    assert isinstance(form, CampaignSectorFilterForm)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["campagne"] == 2025 and form.cleaned_data["secteur"] == sector
    assert form.fields["campagne"].choices == [(2025, "2025"), (2026, "2026")]
    wrong = build({"campagne": "1999", "secteur": "inconnu"})
    assert not wrong.is_valid()
    assert set(wrong.errors) == {"campagne", "secteur"}
    assert wrong.errors["campagne"][0].startswith("Sélectionnez un choix valide")


def test_each_form_keeps_its_own_fields_in_order():
    dashboard = DashboardFilterForm(campaigns=[2026])
    assert list(dashboard.fields) == ["campagne", "secteur", "indicateur", "region", "departement"]
    follow_up = FollowUpFilterForm(regions={"84"}, campaigns=[2026])
    assert list(follow_up.fields) == ["campagne", "departement", "secteur", "etat"]
    assert set(follow_up.fields["departement"].queryset.values_list("region", flat=True)) == {"84"}
