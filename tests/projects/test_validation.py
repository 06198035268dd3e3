"""A milestone is reached on or before today; usage values are never negative; a tranche is
not received in the future. Each rule holds in the forms (French messages), in the services
(what the API and scripts call), in the models' clean (the admin) and, for values, in the
database."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from mutualis.projects import services
from mutualis.projects.models import Milestone, UsageTarget, UsageValue
from tests.pages import text

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)
FUTURE = "Un jalon est atteint au plus tard aujourd'hui"
NEGATIVE = "La valeur doit être positive ou nulle."


def _milestone(project) -> Milestone:
    return project.milestones.order_by("pk").first()


def test_marking_a_milestone_reached_tomorrow_is_refused(client, setup):
    project = setup.open()
    milestone = _milestone(project)
    client.force_login(setup.partner_user)
    response = client.post(
        reverse("projects:milestone_done", args=[project.uid, milestone.uid]),
        {"actual_date": TOMORROW.isoformat()},
        follow=True,
    )
    assert FUTURE in text(response)
    milestone.refresh_from_db()
    assert milestone.actual_date is None


@pytest.mark.parametrize("who", ["carrier_admin", "partner_user"])
def test_the_edit_forms_refuse_a_future_reach_date(client, setup, who):
    project = setup.open()
    milestone = _milestone(project)
    client.force_login(getattr(setup, who))
    data = {
        "title": milestone.title,
        "planned_date": milestone.planned_date.isoformat(),
        "actual_date": TOMORROW.isoformat(),
        "notes": "",
    }
    response = client.post(reverse("projects:milestone", args=[project.uid, milestone.uid]), data)
    assert response.status_code == 200
    assert FUTURE in text(response)
    milestone.refresh_from_db()
    assert milestone.actual_date is None


def test_today_is_accepted(client, setup):
    project = setup.open()
    milestone = _milestone(project)
    services.update_milestone(setup.partner_user, milestone, {"actual_date": timezone.localdate()})
    milestone.refresh_from_db()
    assert milestone.actual_date == timezone.localdate()


def test_the_services_refuse_a_future_reach_date(setup):
    project = setup.open()
    with pytest.raises(ValidationError, match=FUTURE):
        services.update_milestone(
            setup.carrier_admin, _milestone(project), {"actual_date": TOMORROW}
        )
    with pytest.raises(ValidationError, match=FUTURE):
        services.add_milestone(
            setup.carrier_admin,
            project,
            {"title": "Recette", "planned_date": TOMORROW, "actual_date": TOMORROW},
        )


def test_the_admin_form_refuses_a_future_reach_date(setup):
    milestone = _milestone(setup.open())
    milestone.actual_date = TOMORROW
    with pytest.raises(ValidationError) as error:
        milestone.full_clean()
    assert FUTURE in " ".join(error.value.message_dict["actual_date"])


def test_a_tranche_is_not_received_in_the_future(client, setup):
    setup.simulate()
    project = setup.open()
    tranche = project.tranches.first()
    client.force_login(setup.carrier_admin)
    response = client.post(
        reverse("projects:tranche", args=[project.uid, tranche.uid]),
        {
            "position": 1,
            "label": tranche.label,
            "expected_amount": tranche.expected_amount,
            "received_date": TOMORROW.isoformat(),
        },
    )
    assert "La date de réception ne peut pas être dans le futur." in text(response)
    with pytest.raises(ValidationError):
        services.update_tranche(setup.carrier_admin, tranche, {"received_date": TOMORROW})
    assert not project.milestones.filter(actual_date__gt=timezone.localdate()).exists()


def _target(project, setup) -> UsageTarget:
    return project.usage_targets.filter(
        establishment__managing_body=setup.partner_member.managing_body
    ).order_by("pk")[0]


def test_a_negative_usage_value_is_refused_in_french(client, setup):
    project = setup.open()
    target = _target(project, setup)
    client.force_login(setup.partner_user)
    prefix = f"cible-{target.pk}"
    response = client.post(
        reverse("projects:target_record", args=[project.uid, target.uid]),
        {f"{prefix}-period": "", f"{prefix}-value": "-5"},
        headers={"HX-Request": "true"},
    )
    assert "Valeur non enregistrée" in text(response)
    assert NEGATIVE in text(response)
    assert not UsageValue.objects.exists()


def test_a_negative_target_value_is_refused_in_french(client, setup):
    project = setup.open()
    target = _target(project, setup)
    client.force_login(setup.partner_user)
    response = client.post(
        reverse("projects:target", args=[project.uid, target.uid]),
        {"indicator": target.indicator, "target_value": "-5", "unit": "%"},
    )
    assert NEGATIVE in text(response)
    target.refresh_from_db()
    assert target.target_value is None


def test_the_services_and_the_database_refuse_negative_values(setup):
    project = setup.open()
    target = _target(project, setup)
    period = f"{timezone.localdate():%Y}-T{(timezone.localdate().month - 1) // 3 + 1}"
    with pytest.raises(ValidationError, match="négative"):
        services.record_value(setup.partner_user, target, period=period, value=Decimal(-5))
    with pytest.raises(ValidationError, match="négative"):
        services.update_target(setup.carrier_admin, target, {"target_value": Decimal(-1)})
    with transaction.atomic(), pytest.raises(IntegrityError):
        UsageTarget.objects.filter(pk=target.pk).update(actual_value=Decimal(-5))
    with transaction.atomic(), pytest.raises(IntegrityError):
        UsageValue.objects.create(target=target, period=period, value=Decimal(-5))
