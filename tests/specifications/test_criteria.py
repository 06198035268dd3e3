"""The criteria page: leads set labels and weights, add and remove mark criteria; at least
one weight > 0; coverage and price cannot be deleted; bad input is re-displayed."""

import pytest
from django.urls import reverse

from mutualis.core.models import AuditLog
from mutualis.specifications.models import Criterion
from tests.factories import national_admin, regional_actor
from tests.specifications.factories import body_with_admin, group, specification


def post_data(spec, changes=None, extra=None, delete=()):
    """The formset as the page posts it, with ``changes`` {index: {field: value}}."""
    criteria = list(spec.criteria.all())
    data = {
        "criteres-TOTAL_FORMS": str(len(criteria) + 1),
        "criteres-INITIAL_FORMS": str(len(criteria)),
        "criteres-MIN_NUM_FORMS": "0",
        "criteres-MAX_NUM_FORMS": "30",
    }
    for n, criterion in enumerate(criteria):
        data[f"criteres-{n}-criterion"] = str(criterion.pk)
        data[f"criteres-{n}-label"] = criterion.label
        data[f"criteres-{n}-weight"] = str(criterion.weight)
        for field, value in (changes or {}).get(n, {}).items():
            data[f"criteres-{n}-{field}"] = value
        if n in delete:
            data[f"criteres-{n}-DELETE"] = "on"
    n = len(criteria)
    data[f"criteres-{n}-label"] = (extra or {}).get("label", "")
    data[f"criteres-{n}-weight"] = (extra or {}).get("weight", "")
    return data


@pytest.fixture
def setup(db):
    the_group = group()
    return the_group, specification(the_group)


def url(spec):
    return reverse("specifications:criteria", args=[spec.uid])


def weights(spec):
    return list(spec.criteria.order_by("position", "pk").values_list("label", "weight"))


def test_the_lead_changes_weights_and_the_audit_keeps_old_and_new(client, setup):
    the_group, spec = setup
    client.force_login(the_group.carrier_admin)
    response = client.post(url(spec), post_data(spec, {0: {"weight": "40"}, 1: {"weight": "40"}}))
    assert response.status_code == 302
    assert [w for _, w in weights(spec)] == [40, 40, 10, 5, 5]
    log = AuditLog.objects.get(action="specifications.criteria")
    coverage = spec.criteria.get(kind=Criterion.Kind.COVERAGE)
    assert log.changes["before"][str(coverage.pk)][1] == 50
    assert log.changes["after"][str(coverage.pk)][1] == 40
    page = client.get(url(spec)).content.decode()
    # 40 / (40 + 40 + 10 + 5 + 5) = 40 %
    assert "40 %" in page and "Critères" in page


def test_a_mark_criterion_is_added_and_another_removed(client, setup):
    the_group, spec = setup
    client.force_login(the_group.carrier_admin)
    data = post_data(spec, extra={"label": "Ergonomie", "weight": "15"}, delete=(4,))
    assert client.post(url(spec), data).status_code == 302
    labels = [label for label, _ in weights(spec)]
    assert "Réversibilité" not in labels
    assert labels[-1] == "Ergonomie"
    assert spec.criteria.get(label="Ergonomie").kind == Criterion.Kind.MARK


def test_coverage_and_price_cannot_be_deleted(client, setup):
    the_group, spec = setup
    client.force_login(the_group.carrier_admin)
    assert client.post(url(spec), post_data(spec, delete=(0, 1))).status_code == 302
    kinds = set(spec.criteria.values_list("kind", flat=True))
    assert {Criterion.Kind.COVERAGE, Criterion.Kind.PRICE} <= kinds


def test_at_least_one_weight_above_zero(client, setup):
    the_group, spec = setup
    client.force_login(the_group.carrier_admin)
    data = post_data(spec, {n: {"weight": "0"} for n in range(5)})
    response = client.post(url(spec), data)
    assert response.status_code == 200
    assert "Donnez un poids supérieur à 0 à au moins un critère." in response.content.decode()
    assert [w for _, w in weights(spec)] == [50, 30, 10, 5, 5]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "Saisissez un nombre entier de 0 à 100."),
        ("101", "Le poids est au plus 100."),
        ("-1", "Le poids est au moins 0."),
        ("9" * 400, "Le poids est au plus 100."),
        ("4,5", "Saisissez un nombre entier de 0 à 100."),
    ],
)
def test_bad_weights_are_refused_and_redisplayed(client, setup, typed, message):
    the_group, spec = setup
    client.force_login(the_group.carrier_admin)
    response = client.post(url(spec), post_data(spec, {0: {"weight": typed, "label": "Fonctions"}}))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'value="Fonctions"' in page  # what was typed is kept
    assert [w for _, w in weights(spec)] == [50, 30, 10, 5, 5]


def test_a_criterion_of_another_specification_is_refused(client, setup):
    the_group, spec = setup
    other = specification(the_group, "Autre cahier")
    client.force_login(the_group.carrier_admin)
    data = post_data(spec)
    data["criteres-0-criterion"] = str(other.criteria.first().pk)
    response = client.post(url(spec), data)
    assert response.status_code == 200
    assert "Ce critère n&#x27;existe plus : rechargez la page." in response.content.decode()
    assert other.criteria.first().weight == 50


def test_who_reads_and_who_writes(client, setup):
    the_group, spec = setup
    member = the_group.admins[1]
    client.force_login(member)
    page = client.get(url(spec))
    assert page.status_code == 200
    assert "Modifier les critères" not in page.content.decode()
    assert client.post(url(spec), post_data(spec)).status_code == 403
    client.force_login(regional_actor("84"))
    assert client.get(url(spec)).status_code == 200
    assert client.post(url(spec), post_data(spec)).status_code == 403
    _, outsider = body_with_admin("Autre", region="11", departement="75")
    client.force_login(outsider)
    assert client.get(url(spec)).status_code == 404
    assert client.post(url(spec), post_data(spec)).status_code == 404
    client.force_login(national_admin())
    assert client.post(url(spec), post_data(spec, {0: {"weight": "60"}})).status_code == 302
    client.logout()
    response = client.get(url(spec))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
