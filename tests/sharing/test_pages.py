"""Matches on a listing, the grappe's exchanges, the regional page, open data, maturity leads."""

import csv
import io

import pytest
from django.urls import reverse

from mutualis.grappes.models import Grappe, GrappeMember
from mutualis.maturity.leads import Request, topics
from mutualis.sharing.leads import shared_needs
from mutualis.sharing.models import SharingRequest, Skill
from tests.factories import UserFactory, regional_actor
from tests.pages import text, words
from tests.sharing.factories import ListingFactory, SharingRequestFactory, body_with_admin

pytestmark = pytest.mark.django_db


def test_owner_sees_matches_with_explained_scores(client):
    owner, owner_admin = body_with_admin("Association Alpha")
    other, _ = body_with_admin("Association Voisine")
    need = ListingFactory(managing_body=owner, direction="need", title="Besoin DPO")
    ListingFactory(managing_body=other, title="DPO partagé")
    ListingFactory(managing_body=other, direction="need", title="Autre besoin")
    client.force_login(owner_admin)
    page = words(client.get(reverse("sharing:detail", args=[need.uid])))
    assert "DPO partagé — 100 / 100" in page
    assert "Même compétence (Délégué à la protection des données (DPO)) 40 / 40" in page
    assert "Autre besoin" not in page
    assert "Association Voisine" not in page


def test_grappe_page_lists_members_offers_and_accepted_exchanges(client):
    alpha, _alpha_admin = body_with_admin("Association Alpha")
    beta, beta_admin = body_with_admin("Association Beta")
    outsider, outsider_admin = body_with_admin("Fondation Dehors")
    grappe = Grappe.objects.create(name="Grappe test", campaign=2026, carrier=alpha)
    for body in (alpha, beta):
        GrappeMember.objects.create(grappe=grappe, managing_body=body, status="active")
    offer = ListingFactory(managing_body=alpha, title="DPO partagé")
    ListingFactory(managing_body=outsider, title="Hors grappe")
    SharingRequestFactory(listing=offer, requester=beta, status=SharingRequest.Status.ACCEPTED)
    client.force_login(beta_admin)
    url = reverse("sharing:grappe", args=[grappe.uid])
    page = words(client.get(url))
    assert "Association Alpha Offre Délégué à la protection des données (DPO)" in page
    assert "Hors grappe" not in page
    assert (
        "Association Alpha (offre) Délégué à la protection des données (DPO) Association Beta"
        in page
    )
    assert url in text(client.get(reverse("grappes:detail", args=[grappe.uid])))
    client.force_login(outsider_admin)
    assert client.get(url).status_code == 403
    client.force_login(regional_actor("84"))
    assert client.get(url).status_code == 200


def test_regional_page_counts_by_skill_and_departement_without_names(client):
    alpha, _ = body_with_admin("Association Alpha")
    ListingFactory(managing_body=alpha, title="DPO partagé")
    ListingFactory(managing_body=alpha, direction="need", title="Besoin DPO")
    client.force_login(regional_actor("84"))
    page = words(client.get(reverse("sharing:region")))
    assert "Délégué à la protection des données (DPO) Ain (01) 1 1" in page
    assert "Association Alpha" not in page
    points = client.get(reverse("sharing:region_points")).json()
    assert points["count"] == 2 and points["points"][0][:2] == [46.2, 5.2]
    assert client.get(reverse("sharing:region") + "?region=11").status_code == 403
    client.force_login(UserFactory())
    assert client.get(reverse("sharing:region")).status_code == 403


def test_open_data_has_counts_and_no_names(client):
    alpha, _ = body_with_admin("Association Alpha")
    ListingFactory(managing_body=alpha, title="DPO partagé")
    page = words(client.get(reverse("sharing:open_data")))
    assert "Délégué à la protection des données (DPO) Auvergne-Rhône-Alpes 1 0" in page
    assert "Association Alpha" not in page and "DPO partagé" not in page
    response = client.get(reverse("sharing:open_data_csv"))
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[1] == [
        "dpo",
        "Délégué à la protection des données (DPO)",
        "84",
        "Auvergne-Rhône-Alpes",
        "1",
        "0",
    ]
    assert "Alpha" not in content


def test_weak_security_dimension_suggests_a_shared_rssi_and_dpo():
    _alpha, alpha_admin = body_with_admin("Association Alpha")
    other, _ = body_with_admin("Association Voisine")
    ListingFactory(managing_body=other, title="RSSI partagé", skill=Skill.objects.get(code="rssi"))
    found = shared_needs(Request(topics()["5"], alpha_admin, None))
    titles = [lead.title for lead in found.leads]
    assert titles[0].startswith("Besoin d'un Responsable de la sécurité")
    assert "competence=rssi" in found.leads[0].url and "sens=need" in found.leads[0].url
    assert found.leads[0].detail == "1 offre visible pour cette compétence"
    assert found.leads[1].detail == "0 offre visible pour cette compétence"
