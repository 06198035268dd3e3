"""Demo seeding: grappes selected or later get a project in the state of the 2022 REX."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from mutualis.grappes.demo import seed_demo_grappes
from mutualis.grappes.models import Grappe
from mutualis.projects.demo import seed_demo_projects
from mutualis.projects.models import Project
from tests.factories import EstablishmentFactory, ManagingBodyFactory

pytestmark = pytest.mark.django_db


def test_selected_grappes_get_a_demo_project(setup):
    assert seed_demo_projects() == 1
    project = Project.objects.get()
    today = timezone.localdate()
    assert [m.code for m in project.milestones.all() if m.is_late(today)] == ["procurement"]
    done = set(project.milestones.exclude(actual_date=None).values_list("code", flat=True))
    assert done == {"agreement_ars", "amoa"}
    assert project.meetings.count() == 2
    assert project.risks.filter(status="mitigated").count() == 1
    assert project.tranches.count() == 2  # computed from the rules of 2022: 40 % / 60 %
    assert project.usage_targets.exclude(actual_value=None).exists()
    # the programme's indicators, values over two periods, decisions with owners and dates
    codes = set(project.usage_targets.values_list("reference__code", flat=True))
    assert {"ins_qualified", "mssante_sent", "dmp_fed", "dui_active"} == codes
    valued = project.usage_targets.exclude(actual_value=None).first()
    assert valued.values.values("period").distinct().count() == 2
    assert valued.actual_value == valued.values.order_by("-period", "-pk").first().value
    assert project.decisions.count() == 2
    assert not project.decisions.filter(owner=None).exists()
    assert seed_demo_projects() == 0  # idempotent


def test_the_demo_grappe_of_the_grappe_builder_gets_its_project(capsys):
    body = ManagingBodyFactory(departement_id="01", establishment_count=3)
    EstablishmentFactory.create_batch(3, managing_body=body)
    seed_demo_grappes()
    call_command("seed_demo_projects")
    assert "Projets de démonstration ouverts : 1" in capsys.readouterr().out
    grappe = Grappe.objects.get()
    assert grappe.name.startswith("Grappe de démonstration") and grappe.project
    assert grappe.project.opened_on == timezone.localdate() - datetime.timedelta(days=130)
    assert grappe.simulations.count() == 1
