"""The loan pages through HTTP: who reads and acts (provider and beneficiary admins, a
member, a third body's admin, anonymous, a regional actor), the forms' French errors and
hostile input, downloads and the CSV history."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mutualis.accounts.models import MembershipRole
from mutualis.sharing import loan_services
from mutualis.sharing.loan_models import Loan
from tests.factories import MembershipFactory, regional_actor
from tests.sharing.loan_factories import accepted_request, body_and_admin, loan_between, period

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def pairs():
    return body_and_admin("Association des Volcans"), body_and_admin("Fondation du Puy")


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def form_data(**overrides) -> dict:
    start, end = period()
    data = {
        "resource": "DPO mutualisé",
        "person_label": "Camille",
        "days_per_month": "2",
        "daily_cost": "350",
        "cost_method": "at_cost",
        "starts_on": start.isoformat(),
        "ends_on": end.isoformat(),
        "notice_days": "30",
        "vehicle": "",
    }
    data.update(overrides)
    return data


def _vehicle_pk(code="pret-non-lucratif"):
    from mutualis.sharing.models import Vehicle

    return str(Vehicle.objects.get(code=code).pk)


def test_beneficiary_admin_prepares_from_the_accepted_request(pairs):
    request = accepted_request(pairs[0][0], pairs[1][0])
    url = reverse("sharing:loan_prepare", args=[request.uid])
    client = client_for(pairs[1][1])
    page = client.get(url)
    assert page.status_code == 200 and "Préparer la convention" in page.text
    response = client.post(url, form_data(vehicle=_vehicle_pk()))
    loan = Loan.objects.get()
    assert response.status_code == 302 and response.url == reverse("sharing:loan", args=[loan.uid])
    # Asked again: the existing convention.
    assert client.get(url).url == reverse("sharing:loan", args=[loan.uid])


def test_a_margin_is_refused_in_french_on_the_form(pairs):
    request = accepted_request(pairs[0][0], pairs[1][0])
    response = client_for(pairs[0][1]).post(
        reverse("sharing:loan_prepare", args=[request.uid]),
        form_data(vehicle=_vehicle_pk(), cost_method="flat"),
    )
    assert response.status_code == 200
    assert "sans marge" in response.text and "L.8241-1" in response.text
    assert not Loan.objects.exists()


@pytest.mark.parametrize(
    "field, value",
    [
        ("days_per_month", "²"),
        ("days_per_month", "٣"),
        ("days_per_month", "99999999999"),
        ("daily_cost", "-5"),
        ("daily_cost", "1e400"),
        ("notice_days", "٣٠"),
        ("starts_on", "2026-02-31"),
        ("vehicle", "999999"),
        ("cost_method", "margin"),
    ],
)
def test_hostile_values_get_french_errors(pairs, field, value):
    request = accepted_request(pairs[0][0], pairs[1][0])
    data = form_data(vehicle=_vehicle_pk())
    data[field] = value
    response = client_for(pairs[0][1]).post(
        reverse("sharing:loan_prepare", args=[request.uid]), data
    )
    assert response.status_code == 200
    assert "--error" in response.text
    assert not Loan.objects.exists()


def test_who_reads_and_who_acts(pairs):
    loan = loan_between(*pairs)
    member = MembershipFactory(managing_body=pairs[1][0], role=MembershipRole.MEMBER).user
    _, third_admin = body_and_admin("Fondation Tierce")
    url = reverse("sharing:loan", args=[loan.uid])
    edit = reverse("sharing:loan_edit", args=[loan.uid])
    pdf = reverse("sharing:loan_document", args=[loan.uid, 1, "pdf"])
    assert client_for(pairs[0][1]).get(url).status_code == 200
    assert "Signer la convention" in client_for(pairs[1][1]).get(url).text
    member_page = client_for(member).get(url)
    assert member_page.status_code == 200 and "Signer la convention" not in member_page.text
    assert client_for(member).get(edit).status_code == 403
    assert client_for(member).get(pdf).status_code == 200
    for outsider in (third_admin, regional_actor("84")):
        for target in (url, edit, pdf):
            assert client_for(outsider).get(target).status_code == 404
    assert client_for().get(url).status_code == 302  # anonymous: login page
    assert (
        client_for(third_admin)
        .post(
            reverse("sharing:loan_sign", args=[loan.uid]),
            {"signer_name": "X", "capacity": "Y", "organisation": str(pairs[0][0].pk)},
        )
        .status_code
        == 404
    )


def test_signing_for_the_other_body_or_a_foreign_uid_is_refused(pairs):
    loan = loan_between(*pairs)
    url = reverse("sharing:loan_sign", args=[loan.uid])
    client = client_for(pairs[0][1])
    refused = client.post(
        url, {"signer_name": "X", "capacity": "Y", "organisation": str(pairs[1][0].pk)}
    )
    assert refused.status_code == 400 and "Choisissez un organisme" in refused.text
    signed = client.post(
        url,
        {"signer_name": "Claire", "capacity": "Directrice", "organisation": str(pairs[0][0].pk)},
    )
    assert signed.status_code == 302
    loan.refresh_from_db()
    assert loan.status == Loan.Status.SIGNING


def test_edit_page_warns_signatures_will_be_voided(pairs):
    loan = loan_between(*pairs, signed=True)
    page = client_for(pairs[0][1]).get(reverse("sharing:loan_edit", args=[loan.uid]))
    assert "annule les 2 signatures déjà données" in " ".join(page.text.split())
    response = client_for(pairs[0][1]).post(
        reverse("sharing:loan_edit", args=[loan.uid]),
        form_data(vehicle=_vehicle_pk(), days_per_month="3"),
    )
    assert response.status_code == 302
    loan.refresh_from_db()
    assert (loan.version, loan.status) == (2, Loan.Status.DRAFT)


def test_days_form_and_csv_history(pairs):
    loan = loan_between(*pairs, signed=True)
    client = client_for(pairs[1][1])
    url = reverse("sharing:loan_days", args=[loan.uid])
    month = timezone.localdate().replace(day=1)
    assert (
        client.post(url, {"month": f"{month:%Y-%m}", "days": "1,5", "note": "=1+1"}).status_code
        == 302
    )
    future = (month + datetime.timedelta(days=32)).replace(day=1)
    refused = client.post(url, {"month": f"{future:%Y-%m}", "days": "1"})
    assert refused.status_code == 400 and "pas encore commencé" in refused.text
    for hostile in ("²", "٣", "1e9", "-1"):
        assert client.post(url, {"month": f"{month:%Y-%m}", "days": hostile}).status_code == 400
    assert client.post(url, {"month": "2026-13", "days": "1"}).status_code == 400
    assert loan.days_used.get().days == Decimal("1.5")
    page = client.get(reverse("sharing:loan", args=[loan.uid]))
    assert "Réalisé : 1,5 jour sur 24 jours prévus" in " ".join(page.text.split())
    csv = b"".join(client.get(reverse("sharing:loan_days_csv", args=[loan.uid])).streaming_content)
    text = csv.decode("utf-8-sig")
    assert f"{month:%m/%Y};1,5;525" in text
    assert "'=1+1" in text  # formula-injection guard


def test_member_cannot_record_days(pairs):
    loan = loan_between(*pairs, signed=True)
    member = MembershipFactory(managing_body=pairs[1][0], role=MembershipRole.MEMBER).user
    month = timezone.localdate().replace(day=1)
    response = client_for(member).post(
        reverse("sharing:loan_days", args=[loan.uid]), {"month": f"{month:%Y-%m}", "days": "1"}
    )
    assert response.status_code == 403
    assert not loan.days_used.exists()


def test_list_shows_only_the_bodies_loans(pairs):
    loan = loan_between(*pairs)
    _, third_admin = body_and_admin("Fondation Tierce")
    assert loan.skill.label in client_for(pairs[0][1]).get(reverse("sharing:loans")).text
    assert loan.skill.label not in client_for(third_admin).get(reverse("sharing:loans")).text


def test_signed_pdf_download(pairs):
    loan = loan_between(*pairs, signed=True)
    response = client_for(pairs[1][1]).get(
        reverse("sharing:loan_document", args=[loan.uid, 1, "pdf"]) + "?edition=signee"
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "signee" in response["Content-Disposition"]
    assert (
        client_for(pairs[1][1])
        .get(reverse("sharing:loan_document", args=[loan.uid, 1, "exe"]))
        .status_code
        == 404
    )
    loan_services  # noqa: B018 (imported for the fixtures' services)
