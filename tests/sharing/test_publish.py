"""Publishing, editing and withdrawing an offer or a need: validation in French, audit."""

import datetime

import pytest
from django.urls import reverse

from mutualis.core.models import AuditLog
from mutualis.sharing.models import Listing
from tests.factories import MembershipFactory, UserFactory
from tests.pages import text
from tests.sharing.factories import ListingFactory, body_with_admin, today

pytestmark = pytest.mark.django_db


def form_data(**kw):
    start = today()
    data = {
        "direction": "offer",
        "skill": "dpo",
        "title": "DPO 2 jours par mois",
        "description": "Notre DPO vient de mettre en place la conformité RGPD.",
        "days_per_month": "2",
        "starts_on": start.isoformat(),
        "ends_on": (start + datetime.timedelta(days=365)).isoformat(),
        "max_distance_km": "80",
        "vehicle": "pret-non-lucratif",
        "visibility": "everyone",
    }
    return data | kw


def test_a_member_publishes_an_offer_audited_in_its_region(client):
    body, _admin = body_with_admin()
    member = MembershipFactory(managing_body=body).user
    client.force_login(member)
    establishment = body.establishments.get()
    response = client.post(
        reverse("sharing:create"), form_data(establishment=str(establishment.uid))
    )
    listing = Listing.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("sharing:detail", args=[listing.uid])
    assert (listing.managing_body, listing.establishment, listing.region_id) == (
        body,
        establishment,
        "84",
    )
    assert str(listing.days_per_month) == "2.0"
    assert listing.created_by == member
    assert AuditLog.objects.filter(action="sharing.publish", object_id=str(listing.uid)).exists()
    page = text(client.get(response.url))
    assert "Code du travail, art. L.8241-1" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("days_per_month", "0.2", "au moins 0,5 jour"),
        ("days_per_month", "32", "31 jours par mois au plus"),
        ("days_per_month", "²", "Saisissez un nombre de jours"),
        ("days_per_month", "٣", "chiffres 0 à 9"),
        ("days_per_month", "", "Indiquez le temps partagé"),
        ("days_per_month", "99999999999", "31 jours par mois au plus"),
        ("max_distance_km", "٣", "chiffres 0 à 9"),
        ("max_distance_km", "9" * 30, "km au plus"),
        ("ends_on", "2020-01-01", "La date de fin doit suivre la date de début"),
        ("starts_on", "pas une date", "Saisissez une date valide"),
        ("skill", "inconnue", "Choisissez une compétence proposée"),
        ("visibility", "grappe", "Choisissez la grappe"),
    ],
)
def test_invalid_input_answers_a_french_error_and_publishes_nothing(client, field, value, message):
    _body, admin = body_with_admin()
    client.force_login(admin)
    response = client.post(reverse("sharing:create"), form_data(**{field: value}))
    assert response.status_code == 200
    assert message in text(response)
    assert not Listing.objects.exists()


def test_another_bodys_establishment_or_grappe_is_refused(client):
    _body, admin = body_with_admin()
    other, _ = body_with_admin("Autre")
    client.force_login(admin)
    foreign = other.establishments.get()
    response = client.post(reverse("sharing:create"), form_data(establishment=str(foreign.uid)))
    assert "Choisissez un établissement de votre organisme" in text(response)
    assert not Listing.objects.exists()


def test_equipment_needs_no_days(client):
    _body, admin = body_with_admin()
    client.force_login(admin)
    response = client.post(reverse("sharing:create"), form_data(skill="serveur", days_per_month=""))
    assert response.status_code == 302
    assert Listing.objects.get().days_per_month is None


def test_a_user_without_organisation_cannot_publish(client):
    client.force_login(UserFactory())
    assert client.get(reverse("sharing:create")).status_code == 403


def test_edit_then_withdraw_audited_and_only_by_its_body(client):
    body, admin = body_with_admin()
    listing = ListingFactory(managing_body=body)
    _other, stranger = body_with_admin("Autre")
    client.force_login(stranger)
    url = reverse("sharing:edit", args=[listing.uid])
    assert client.post(url, form_data(title="Volé")).status_code == 403
    assert client.post(reverse("sharing:withdraw", args=[listing.uid])).status_code == 403
    client.force_login(admin)
    response = client.post(url, form_data(title="DPO 3 jours", days_per_month="3"))
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.title == "DPO 3 jours"
    update = AuditLog.objects.get(action="sharing.update")
    assert update.changes["title"] == ["DPO 2 jours par mois", "DPO 3 jours"]
    client.post(reverse("sharing:withdraw", args=[listing.uid]))
    listing.refresh_from_db()
    assert listing.status == Listing.Status.WITHDRAWN
    assert AuditLog.objects.filter(action="sharing.withdraw").exists()


def test_maturity_lead_prefills_the_need_form(client):
    _body, admin = body_with_admin()
    client.force_login(admin)
    page = text(client.get(reverse("sharing:create") + "?competence=rssi&sens=need"))
    assert 'value="rssi" selected' in page
    assert 'value="need" checked' in page or 'value="need"\n' in page
