"""Parties are identified as in a real convention: legal name, FINESS EJ, SIREN and address
from the directory ("non renseigné" when it does not hold them, never invented), and the
representative (name, capacity) entered by each member's own administrator."""

import pytest
from django.urls import reverse

from mutualis.accounts.models import MembershipRole
from mutualis.agreements import services
from mutualis.agreements.models import AgreementParty
from mutualis.core.models import AuditLog
from tests.agreements.documents_read import docx_text, pdf_text
from tests.factories import MembershipFactory, national_admin
from tests.pages import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(grappe, carrier, partner):
    body = carrier[0]
    body.siren, body.street, body.postal_code, body.city = (
        "775672272",
        "12 rue des Volcans",
        "63000",
        "Clermont-Ferrand",
    )
    body.name_is_placeholder = False
    body.save()
    return services.create_agreement(carrier[1], grappe)


def post_party(client, user, grappe, member, **data):
    client.force_login(user)
    return client.post(
        reverse("agreements:party", args=[grappe.uid, member.pk]),
        {"representative": "Claire Martin", "capacity": "Directrice générale"} | data,
        follow=True,
    )


def test_a_member_administrator_names_its_representative(client, agreement, grappe, partner):
    member = grappe.members.get(managing_body=partner[0])
    page = text(post_party(client, partner[1], grappe, member))
    assert "Représentant de Fondation du Puy enregistré" in page
    party = AgreementParty.objects.get(member=member)
    assert (party.representative, party.capacity) == ("Claire Martin", "Directrice générale")
    post_party(client, partner[1], grappe, member, capacity="Présidente")
    assert AgreementParty.objects.get(member=member).capacity == "Présidente"
    assert AuditLog.objects.filter(action="agreement.party").count() == 2


def test_only_that_member_s_administrators_name_it(client, agreement, grappe, carrier, partner):
    member = grappe.members.get(managing_body=partner[0])
    plain = MembershipFactory(managing_body=partner[0], role=MembershipRole.MEMBER).user
    for user in (carrier[1], plain, national_admin()):
        assert post_party(client, user, grappe, member).status_code == 403
    assert not AgreementParty.objects.exists()
    client.force_login(carrier[1])
    page = text(client.get(reverse("agreements:agreement", args=[grappe.uid])))
    assert "Représentant de Association des Volcans" in page
    assert "Représentant de Fondation du Puy" not in page


def test_an_empty_representative_is_refused_in_french(client, agreement, grappe, partner):
    member = grappe.members.get(managing_body=partner[0])
    page = text(post_party(client, partner[1], grappe, member, representative="", capacity=""))
    assert "Indiquez le nom du représentant de l'organisme." in page
    assert "Indiquez la qualité du représentant." in page
    assert not AgreementParty.objects.exists()


def test_the_documents_identify_each_party(client, agreement, grappe, carrier, partner):
    post_party(client, partner[1], grappe, grappe.members.get(managing_body=partner[0]))
    version = services.generate_version(carrier[1], agreement)
    for content in (docx_text(version.docx), pdf_text(version.pdf)):
        assert (
            "Association des Volcans (raison sociale : Association des Volcans), FINESS "
            "juridique 630000019, SIREN 775672272, siège : 12 rue des Volcans, 63000 "
            "Clermont-Ferrand, représentant : non désigné, porteur de la grappe"
        ) in content
        assert "FINESS juridique 630000027, SIREN non renseigné" in content
        assert "représentant : Claire Martin, Directrice générale" in content


def test_the_representative_prefills_the_signature(client, agreement, grappe, partner, carrier):
    member = grappe.members.get(managing_body=partner[0])
    post_party(client, partner[1], grappe, member)
    services.submit_for_review(carrier[1], agreement)
    page = text(client.get(reverse("agreements:agreement", args=[grappe.uid])))
    assert 'value="Claire Martin"' in page and 'value="Directrice générale"' in page
    # Once submitted, the parties are frozen until the agreement is back to draft.
    assert post_party(client, partner[1], grappe, member).status_code == 403
