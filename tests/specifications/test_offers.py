"""Offers: entered by leads in one form (coverage per item, price lines, marks), read by the
viewers; the first offer moves the specification to the analysis; bad input is refused and
re-displayed; an offer of another specification is not found."""

from decimal import Decimal

import pytest
from django.urls import reverse

from mutualis.core.models import AuditLog
from mutualis.specifications.models import Offer, Specification
from tests.factories import regional_actor
from tests.specifications.factories import body_with_admin, group, specification
from tests.specifications.offer_builders import arbitrated, offer, scored
from tests.specifications.offer_builders import form_data_for as form_data


@pytest.fixture
def started(db):
    the_group = group()
    return the_group, arbitrated(specification(the_group))


def test_the_first_offer_moves_the_specification_to_analysis(client, started):
    the_group, spec = started
    assert spec.status == Specification.Status.RATING
    client.force_login(the_group.carrier_admin)
    response = client.post(reverse("specifications:offer_add", args=[spec.uid]), form_data(spec))
    assert response.status_code == 302
    spec.refresh_from_db()
    assert spec.status == Specification.Status.ANALYSIS
    saved = Offer.objects.get(specification=spec)
    assert saved.vendor == "Gamma" and str(saved.received_on) == "2027-03-15"
    assert saved.coverages.count() == spec.items.count()
    assert sorted(saved.price_lines.values_list("amount", flat=True)) == [
        Decimal("3000.50"),
        Decimal("12000.00"),
    ]
    assert set(saved.marks.values_list("value", flat=True)) == {Decimal("8.5")}
    assert AuditLog.objects.filter(action="specifications.offer_add").count() == 1
    page = client.get(reverse("specifications:offers", args=[spec.uid])).content.decode()
    n = spec.items.count()
    # 12 000 + 5 × 3 000.50 = 27 002.50
    assert f"{n} / {n}" in page and "27\u202f002,50 €" in page


def test_an_offer_is_updated_in_one_save(client, started):
    the_group, spec = started
    existing = offer(spec, "Alpha")
    client.force_login(the_group.carrier_admin)
    first_item = spec.items.order_by("position").first()
    data = form_data(spec, vendor="Alpha", lines=[("Licences", "one_off", "")])
    data[f"cov_{first_item.pk}"] = ""  # « Non renseignée »
    url = reverse("specifications:offer", args=[spec.uid, existing.uid])
    assert client.post(url, data).status_code == 302
    assert existing.coverages.count() == spec.items.count() - 1
    assert list(existing.price_lines.values_list("amount", flat=True)) == [None]
    page = client.get(reverse("specifications:offers", args=[spec.uid])).content.decode()
    assert "non évaluable (1 ligne(s) de prix sans montant)" in page
    assert AuditLog.objects.filter(action="specifications.offer_update").count() == 1


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("prix-0-amount", "-5", "Le montant ne peut pas être négatif."),
        ("prix-0-amount", "abc", "Saisissez un montant en euros"),
        ("prix-0-amount", "1" * 40, "Saisissez un montant de 10 chiffres au plus"),
        ("prix-0-amount", "12,345", "Saisissez 2 décimales au plus"),
        ("prix-0-kind", "gratuit", "Sélectionnez un choix valide"),
        ("mark", "11", "La note est au plus 10."),
        ("mark", "7,55", "Saisissez une décimale au plus."),
        ("mark", "NaN", "Saisissez une note de 0 à 10"),
        ("received_on", "31/02/2027", "Saisissez une date valide"),
        ("vendor", "", "Ce champ est obligatoire."),
        ("cov", "maybe", "Sélectionnez un choix valide"),
    ],
)
def test_bad_input_is_refused_and_redisplayed(client, started, field, typed, message):
    the_group, spec = started
    client.force_login(the_group.carrier_admin)
    data = form_data(spec, notes="Réponse reçue par courriel")
    if field == "mark":
        data = {k: (typed if k.startswith("mark_") else v) for k, v in data.items()}
    elif field == "cov":
        data = {k: (typed if k.startswith("cov_") else v) for k, v in data.items()}
    else:
        data[field] = typed
    response = client.post(reverse("specifications:offer_add", args=[spec.uid]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Réponse reçue par courriel" in page  # nothing typed is lost
    assert not Offer.objects.exists()


def test_a_price_line_without_label_or_kind_is_refused(client, started):
    the_group, spec = started
    client.force_login(the_group.carrier_admin)
    data = form_data(spec, lines=[("", "", "100")])
    response = client.post(reverse("specifications:offer_add", args=[spec.uid]), data)
    page = response.content.decode()
    assert "Indiquez le poste" in page and "Choisissez la nature" in page
    assert not Offer.objects.exists()


def test_an_offer_of_another_specification_is_not_found(client, started):
    the_group, spec = started
    other = offer(specification(the_group, "Autre"), "Ailleurs")
    client.force_login(the_group.carrier_admin)
    for name in ("offer", "offer_delete"):
        url = reverse(f"specifications:{name}", args=[spec.uid, other.uid])
        assert client.get(url).status_code == 404
        assert client.post(url, form_data(spec)).status_code == 404
    assert Offer.objects.filter(pk=other.pk, vendor="Ailleurs").exists()


def test_deleting_an_offer_asks_first(client, started):
    the_group, spec = started
    existing = offer(spec, "Alpha")
    client.force_login(the_group.carrier_admin)
    url = reverse("specifications:offer_delete", args=[spec.uid, existing.uid])
    page = client.get(url).content.decode()
    assert "Supprimer l'offre de Alpha — Alpha DUI" in page and "2 ligne(s) de prix" in page
    assert Offer.objects.filter(pk=existing.pk).exists()
    assert client.post(url).status_code == 302
    assert not Offer.objects.filter(pk=existing.pk).exists()
    assert AuditLog.objects.filter(action="specifications.offer_delete").count() == 1


@pytest.mark.django_db
def test_who_reads_and_who_writes_offers():
    the_group, spec, alpha, _beta = scored()
    from django.test import Client

    client = Client()
    member = the_group.admins[1]
    client.force_login(member)
    url = reverse("specifications:offer", args=[spec.uid, alpha.uid])
    page = client.get(url)
    assert page.status_code == 200
    assert "Lecture seule" in page.content.decode()
    assert "Enregistrer l'offre" not in page.content.decode()
    assert client.post(url, form_data(spec, vendor="Pirate")).status_code == 403
    assert client.get(reverse("specifications:offer_add", args=[spec.uid])).status_code == 403
    assert (
        client.post(reverse("specifications:offer_delete", args=[spec.uid, alpha.uid])).status_code
        == 403
    )
    client.force_login(regional_actor("84"))
    assert client.get(reverse("specifications:offers", args=[spec.uid])).status_code == 200
    assert client.post(url, form_data(spec, vendor="Pirate")).status_code == 403
    _, outsider = body_with_admin("Autre", region="11", departement="75")
    client.force_login(outsider)
    assert client.get(reverse("specifications:offers", args=[spec.uid])).status_code == 404
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    alpha.refresh_from_db()
    assert alpha.vendor == "Alpha"
