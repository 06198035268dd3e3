"""« Compléter ma grappe »: the carrier searches partners for its grappe and invites them from
the results; partner search stays open to the members of a grappe."""

import pytest
from django.urls import reverse
from django.utils import timezone

from mutualis.accounts.models import MembershipRole
from mutualis.directory.models import ManagingBody
from mutualis.grappes.models import Grappe, GrappeMember
from tests.factories import EstablishmentFactory, ManagingBodyFactory, MembershipFactory
from tests.grappes.conftest import body_with, create
from tests.pages import text, words

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("current_rules")]
PARTNERS = reverse("grappes:partners")


@pytest.fixture
def open_partners(db):
    near, _ = body_with(4, "Association Voisine", city="BOURG EN BRESSE")
    far, _ = body_with(3, "Fondation Lointaine")
    far.establishments.update(latitude=43.3, longitude=5.4, region_id="93", departement_id="13")
    unknown = ManagingBodyFactory(name="Association Sans Compte", establishment_count=2)
    EstablishmentFactory.create_batch(2, managing_body=unknown)
    for body in (near, far, unknown):
        body.open_to_cooperation = True
        body.save()
    return near, far, unknown


def search(client, grappe, **query):
    return client.get(PARTNERS, {"grappe": grappe.uid, "toutes_regions": "on", **query})


def test_carrier_searches_partners_for_its_grappe_and_invites_one(client, carrier, open_partners):
    near, _, _ = open_partners
    grappe = create(client, carrier[1])  # the carrier's admin, now signed in
    detail = text(client.get(reverse("grappes:detail", args=[grappe.uid])))
    assert f"{PARTNERS}?grappe={grappe.uid}" in detail and "Compléter ma grappe" in detail

    page = words(search(client, grappe))
    assert "Compléter la grappe « Grappe de l'Ain »" in page
    assert page.index("Association Voisine") < page.index("Fondation Lointaine")
    assert "Association Porteuse" not in page.split("Partenaires suggérés")[1].split("Demandes")[0]
    assert "Inviter dans la grappe Association Voisine" in page

    response = client.post(
        reverse("grappes:invite_partner", args=[grappe.uid]), {"organisme": near.pk}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{PARTNERS}?grappe={grappe.uid}"
    member = grappe.members.get(managing_body=near)
    assert member.status == GrappeMember.Status.INVITED
    after = words(client.get(response["Location"]))
    assert "Association Voisine est invité dans la grappe « Grappe de l'Ain »." in after
    # Invited: no longer proposed; the others still are.
    assert "Inviter dans la grappe Association Voisine" not in after
    assert "Inviter dans la grappe Association Sans Compte" in after  # same région


def test_cards_show_name_place_and_platform_use(client, carrier, open_partners):
    grappe = create(client, carrier[1])
    page = words(search(client, grappe))
    voisine = page.split("Association Voisine")[1].split("Détail du score")[0]
    assert "Bourg En Bresse (Ain)" in voisine
    assert "Utilise Mutualis" in voisine  # its administrator has an account
    sans_compte = page.split("Association Sans Compte")[1].split("Détail du score")[0]
    assert "Pas encore inscrit sur Mutualis" in sans_compte
    assert "Ain" in sans_compte  # its département, without a commune
    # Each criterion with its maximum, and the total.
    assert "/ 25" in page and "/ 15" in page and "/ 10" in page and "Total" in page


def test_only_those_who_steer_the_grappe_complete_it(client, carrier, open_partners):
    near, _, _ = open_partners
    body, admin = carrier
    grappe = create(client, admin)
    invite = reverse("grappes:invite_partner", args=[grappe.uid])
    plain_member = MembershipFactory(managing_body=body, role=MembershipRole.MEMBER).user
    client.force_login(plain_member)
    assert search(client, grappe).status_code == 403
    assert client.post(invite, {"organisme": near.pk}).status_code == 403
    outsider = body_with(2, "Autre Organisme")[1]
    client.force_login(outsider)
    assert search(client, grappe).status_code == 403
    assert client.post(invite, {"organisme": near.pk}).status_code == 403
    assert not grappe.members.filter(managing_body=near).exists()
    client.force_login(admin)
    for hostile in ("pas-un-uuid", "00000000-0000-0000-0000-000000000000", "²"):
        assert client.get(PARTNERS, {"grappe": hostile}).status_code == 404
    assert client.post(invite, {"organisme": "²"}).status_code == 404
    closed = ManagingBody.objects.create(finess="019999999", name="Fermé", is_closed=True)
    assert client.post(invite, {"organisme": closed.pk}).status_code == 404


def test_partner_search_stays_open_to_members_of_a_grappe(client, carrier, open_partners):
    from mutualis.grappes.selectors import current_campaign

    grappe = create(client, carrier[1], campaign=current_campaign())
    assert grappe.members.get(managing_body=carrier[0]).status == GrappeMember.Status.ACTIVE
    page = words(client.get(PARTNERS, {"toutes_regions": "on"}))
    assert "Votre organisme n'est pas dans la recherche de partenaires" not in page
    assert "Détail du score de Association Voisine" in page


def test_a_cooperation_without_programme_is_completed_without_size_rule(
    client, carrier, open_partners
):
    client.force_login(carrier[1])
    year = timezone.localdate().year
    client.post(
        reverse("grappes:list"),
        {"name": "Achat groupé de l'Ain", "programme": "cooperation", "campaign": year},
    )
    grappe = Grappe.objects.get()
    page = words(search(client, grappe))
    assert "non chargées" not in page
    assert "Inviter dans la grappe Association Voisine" in page
    assert "Pas de seuil de taille" in page
