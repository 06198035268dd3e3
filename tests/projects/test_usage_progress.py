"""Usage targets per ESSMS: share reached per target, per ESSMS and overall; members record
the values of their own ESSMS (plain form or htmx, the dashboard updating in place)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from mutualis.projects.models import UsageTarget
from mutualis.projects.progress import TargetValue, period_of, target_percent, usage_progress
from tests.pages import text, words


def test_share_of_a_target():
    assert target_percent(Decimal(80), Decimal(40)) == 50
    assert target_percent(Decimal(80), Decimal(120)) == 100  # capped
    assert target_percent(Decimal(80), None) == 0
    assert target_percent(None, Decimal(3)) is None  # no target value: not counted


def test_progress_per_essms_and_overall():
    progress = usage_progress(
        [
            TargetValue(1, "EHPAD A", Decimal(80), Decimal(80)),
            TargetValue(1, "EHPAD A", Decimal(20), Decimal(5)),
            TargetValue(2, "EHPAD B", Decimal(80), Decimal(40)),
            TargetValue(2, "EHPAD B", None, None),
        ]
    )
    a, b = progress.essms
    assert (a.name, a.percent, a.reached, a.defined) == ("EHPAD A", Decimal(63), 1, 2)
    assert (b.percent, b.undefined) == (Decimal(50), 1)
    assert progress.percent == Decimal(58)  # (100 + 25 + 50) / 3
    assert (progress.reached, progress.defined, progress.undefined) == (1, 3, 1)
    assert usage_progress([]).percent is None


def _first_target(project, body):
    return (
        UsageTarget.objects.filter(project=project, establishment__managing_body=body)
        .order_by("pk")
        .first()
    )


@pytest.mark.django_db
def test_a_member_records_a_value_and_the_dashboard_follows(client, setup):
    project = setup.open()
    target = _first_target(project, setup.partner_member.managing_body)
    target.target_value = Decimal(80)
    target.save()
    client.force_login(setup.partner_user)
    url = reverse("projects:target_record", args=[project.uid, target.uid])
    prefix = f"cible-{target.pk}"
    period = period_of(target.periodicity, timezone.localdate())
    response = client.post(
        url,
        {f"{prefix}-period": period, f"{prefix}-value": "60", f"{prefix}-proof_text": "Export DUI"},
        follow=True,
    )
    assert "Valeur enregistrée" in text(response)
    target.refresh_from_db()
    assert target.actual_value == Decimal(60)
    assert target.values.get().proof_text == "Export DUI"
    page = words(response)
    assert "Avancement global : 75 %" in page
    assert f"{target.establishment.name} 1 0 75 %" in page

    htmx = client.post(
        url,
        {f"{prefix}-period": period, f"{prefix}-value": "80", f"{prefix}-proof_text": ""},
        headers={"HX-Request": "true"},
    )
    fragment = words(htmx)
    assert "Valeur enregistrée. Avancement global : 100 %." in fragment
    # the figures swapped in place: the dashboard, the row's last value, and an event
    assert 'id="tableau-usages" hx-swap-oob="innerHTML"' in text(htmx)
    assert f'id="derniere-valeur-{target.uid}" hx-swap-oob="innerHTML"' in text(htmx)
    assert "usage-recorded" in htmx["HX-Trigger"]
    assert f"{target.establishment.name} 1 1 100 %" in fragment
    assert target.values.count() == 2  # the first value of the period is kept in the history


@pytest.mark.django_db
def test_an_invalid_value_is_reported(client, setup):
    project = setup.open()
    target = _first_target(project, setup.partner_member.managing_body)
    client.force_login(setup.partner_user)
    url = reverse("projects:target_record", args=[project.uid, target.uid])
    response = client.post(
        url, {f"cible-{target.pk}-value": "beaucoup"}, headers={"HX-Request": "true"}
    )
    assert "Valeur non enregistrée" in text(response)
    target.refresh_from_db()
    assert target.actual_value is None


@pytest.mark.django_db
def test_members_edit_only_their_own_essms(client, setup):
    project = setup.open()
    theirs = _first_target(project, setup.grappe.carrier)
    client.force_login(setup.partner_user)
    url = reverse("projects:target_record", args=[project.uid, theirs.uid])
    assert client.post(url, {f"cible-{theirs.pk}-value": "1"}).status_code == 403
    assert client.get(reverse("projects:target", args=[project.uid, theirs.uid])).status_code == 403
    page = client.get(reverse("projects:usage", args=[project.uid]))
    editable = {target for target, form in page.context["rows"] if form}
    assert editable == set(
        project.usage_targets.filter(
            establishment__managing_body=setup.partner_member.managing_body
        )
    )
    choices = page.context["form"].fields["establishment"].queryset
    assert set(choices) == {e.establishment for e in setup.partner_member.establishments.all()}


@pytest.mark.django_db
def test_the_carrier_adds_a_target_to_any_essms(client, setup):
    project = setup.open()
    entry = setup.partner_member.establishments.first()
    client.force_login(setup.carrier_admin)
    data = {
        "nouvelle-establishment": entry.establishment.pk,
        "nouvelle-indicator": "DUI actifs",
        "nouvelle-target_value": "30",
        "nouvelle-unit": "DUI",
    }
    response = client.post(reverse("projects:usage", args=[project.uid]), data, follow=True)
    assert "Cible ajoutée." in text(response)
    again = client.post(reverse("projects:usage", args=[project.uid]), data)
    assert "Cet indicateur existe déjà pour cet ESSMS." in text(again)


@pytest.mark.django_db
def test_renaming_a_target_to_an_existing_indicator_is_refused(client, setup):
    project = setup.open()
    target = _first_target(project, setup.partner_member.managing_body)
    twin = project.usage_targets.filter(establishment=target.establishment).exclude(pk=target.pk)
    client.force_login(setup.partner_user)
    response = client.post(
        reverse("projects:target", args=[project.uid, target.uid]),
        {"indicator": twin.first().indicator, "unit": "%"},
    )
    assert "Cet indicateur existe déjà pour cet ESSMS." in text(response)


def test_french_plurals_of_the_counts():
    from mutualis.projects.templatetags.project_tags import fr_plural

    assert [fr_plural(n) for n in (0, 1, 2, Decimal(3))] == ["", "", "s", "s"]
