"""Only the administrators of a member organisation record its signature: neither a national
administrator, nor a plain user of the member, nor another member's administrator."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mutualis.accounts.models import MembershipRole
from mutualis.agreements import services
from mutualis.agreements.models import Agreement, Signature
from mutualis.agreements.perms import can_sign
from tests.factories import MembershipFactory, national_admin

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%signed\n"


@pytest.fixture
def agreement(grappe, carrier) -> Agreement:
    admin = carrier[1]
    agreement = services.create_agreement(admin, grappe)
    services.generate_version(admin, agreement)
    services.submit_for_review(admin, agreement)
    return agreement


def post_signature(client, user, grappe, member):
    client.force_login(user)
    return client.post(
        reverse("agreements:sign", args=[grappe.uid, member.pk]),
        {
            "signatory": "Claire Martin",
            "capacity": "Présidente",
            "signed_on": datetime.date.today().isoformat(),
            "scan": SimpleUploadedFile("convention.pdf", PDF),
        },
    )


def test_the_member_administrator_signs_for_it(client, agreement, grappe, carrier):
    member = grappe.members.get(managing_body=carrier[0])

    assert can_sign(carrier[1], agreement, member)
    assert post_signature(client, carrier[1], grappe, member).status_code == 302
    assert Signature.objects.filter(member=member).exists()


def test_a_national_administrator_records_no_signature(client, agreement, grappe, carrier):
    member = grappe.members.get(managing_body=carrier[0])
    national = national_admin()

    assert not can_sign(national, agreement, member)
    assert post_signature(client, national, grappe, member).status_code == 403
    assert not Signature.objects.exists()


def test_a_plain_user_or_another_member_s_administrator_does_not_sign(
    client, agreement, grappe, carrier, partner
):
    member = grappe.members.get(managing_body=carrier[0])
    plain = MembershipFactory(managing_body=carrier[0], role=MembershipRole.MEMBER).user

    assert not can_sign(plain, agreement, member)
    assert not can_sign(partner[1], agreement, member)
    assert post_signature(client, partner[1], grappe, member).status_code == 403
    assert not Signature.objects.exists()


def test_the_signature_form_is_shown_to_the_member_administrators_only(
    client, agreement, grappe, carrier
):
    page = reverse("agreements:agreement", args=[grappe.uid])
    sign_url = reverse(
        "agreements:sign", args=[grappe.uid, grappe.members.get(managing_body=carrier[0]).pk]
    )

    client.force_login(carrier[1])
    assert sign_url in client.get(page).content.decode()
    client.force_login(national_admin())
    assert sign_url not in client.get(page).content.decode()
