"""Regional actors see, across the projects of their région's grappes, late milestones,
tranches expected and received, and usage progress; other régions see none of them; national
admins see every project; the page is paginated and linked from their spaces."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from mutualis.projects.models import Project
from tests.pages import words

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(setup):
    """The grappe deposited in région 84, a late milestone, a tranche received, a target
    half reached."""
    setup.grappe.deposit_region_id = "84"
    setup.grappe.save()
    setup.simulate()
    project = setup.open(today=timezone.localdate() - datetime.timedelta(days=200))
    first = project.tranches.order_by("position").first()
    first.received_date = timezone.localdate()
    first.received_amount = first.expected_amount
    first.save()
    target = project.usage_targets.order_by("pk").first()
    target.target_value, target.actual_value = Decimal(80), Decimal(40)
    target.save()
    return project


def test_the_regional_actor_sees_its_regions_projects(client, project, regional):
    client.force_login(regional)
    response = client.get(reverse("projects:regional"))
    assert response.status_code == 200
    page = words(response)
    late = project.milestones.filter(
        actual_date=None, planned_date__lt=timezone.localdate()
    ).count()
    assert late > 0
    total = project.milestones.count()
    assert "Grappe du Bugey Association Porteuse — Auvergne-Rhône-Alpes" in page
    assert f"{late} en retard sur {total}" in page
    count = project.tranches.count()
    assert f"1 / {count}" in page
    assert "50 % — 0 atteinte sur 1" in page.replace("\xa0", " ")
    [row] = response.context["rows"]
    assert (
        row.tranches_received == 1 and row.received == row.project.tranches.first().expected_amount
    )


def test_other_regions_see_nothing_and_national_admins_see_all(
    client, project, far_regional, national, setup
):
    client.force_login(far_regional)
    response = client.get(reverse("projects:regional"))
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert "Aucun projet suivi dans votre région" in words(response)
    client.force_login(national)
    assert [r.project for r in client.get(reverse("projects:regional")).context["rows"]] == [
        project
    ]
    client.force_login(setup.carrier_admin)  # a member, no regional role
    assert client.get(reverse("projects:regional")).status_code == 403


def test_the_page_is_paginated_and_linked(client, project, regional):
    client.force_login(regional)
    response = client.get(reverse("projects:regional"), {"page": "999"})
    assert response.status_code == 200  # the last page
    assert response.context["page_obj"].paginator.per_page == 20
    assert Project.objects.count() == 1
    links = words(client.get(reverse("projects:list")))
    assert "Suivi régional des projets" in links
    space = client.get(reverse("accounts:dashboard")).content.decode()
    assert reverse("projects:regional") in space
