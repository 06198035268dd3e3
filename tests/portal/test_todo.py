"""What waits for a signed-in user on the home page, each item linked to where it is done."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mutualis.accounts.models import MembershipRole
from mutualis.agreements import services as agreements
from mutualis.grappes.models import ContactRequest, GrappeMember
from mutualis.maturity.models import Assessment, ReferentialVersion
from mutualis.portal.todo import pending
from mutualis.projects import services as projects
from tests.agreements.conftest import build_grappe
from tests.factories import MembershipFactory, national_admin
from tests.grappes.conftest import body_with
from tests.initiatives.conftest import initiative
from tests.pages import text
from tests.workshops.conftest import open_survey

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def texts(user, body) -> list[str]:
    return [todo.text for todo in pending(user, body, TODAY)]


def test_an_administrator_answers_invitations_and_contacts_a_plain_member_does_not():
    (body, admin), (other, _) = body_with(3, "Association Alpha"), body_with(4, "Fondation Beta")
    grappe = build_grappe([(other, None)], simulate=False, status="draft")
    GrappeMember.objects.create(grappe=grappe, managing_body=body)  # invited
    ContactRequest.objects.create(sender=other, recipient=body)
    member = MembershipFactory(managing_body=body, role=MembershipRole.MEMBER).user
    assert texts(admin, body) == [
        "1 invitation à une grappe à accepter ou décliner",
        "1 demande de contact d'un partenaire à traiter",
    ]
    assert texts(member, body) == []


def test_an_agreement_waits_for_each_member_until_it_signs_the_latest_version():
    carrier, partner = body_with(10, "Association Porteuse"), body_with(6, "Fondation Partenaire")
    grappe = build_grappe([carrier, partner])
    agreement = agreements.create_agreement(carrier[1], grappe)
    agreements.submit_for_review(carrier[1], agreement)
    waiting = "Convention de « Grappe des Volcans » à signer"
    assert texts(partner[1], partner[0]) == [waiting]
    member = grappe.members.get(managing_body=partner[0])
    agreements.record_signature(
        partner[1],
        member,
        signatory="Claire Martin",
        capacity="Directrice",
        signed_on=TODAY,
        scan=SimpleUploadedFile("convention.pdf", b"%PDF-1.4\n%signed\n"),
        scan_type="application/pdf",
    )
    assert texts(partner[1], partner[0]) == []
    assert waiting in texts(carrier[1], carrier[0])


def test_the_carrier_of_a_selected_grappe_prepares_its_agreement_then_opens_its_project():
    carrier, partner = body_with(10, "Association Porteuse"), body_with(6, "Fondation Partenaire")
    grappe = build_grappe([carrier, partner])
    prepare = "Convention de « Grappe des Volcans » à préparer"
    open_project = "Suivi du projet de « Grappe des Volcans » à ouvrir"
    assert texts(carrier[1], carrier[0]) == [prepare, open_project]
    assert texts(partner[1], partner[0]) == []
    agreements.create_agreement(carrier[1], grappe)
    assert texts(carrier[1], carrier[0]) == [open_project]
    projects.open_project(carrier[1], grappe)
    assert texts(carrier[1], carrier[0]) == []


def test_members_see_late_milestones_unfinished_assessments_and_surveys_to_answer(client):
    carrier, partner = body_with(10, "Association Porteuse"), body_with(6, "Fondation Partenaire")
    grappe = build_grappe([carrier, partner])
    project = projects.open_project(carrier[1], grappe, today=TODAY - datetime.timedelta(400))
    late = project.milestones.filter(planned_date__lt=TODAY, actual_date=None).count()
    assert late > 0
    Assessment.objects.create(
        managing_body=partner[0], campaign=2026, referential=ReferentialVersion.objects.first()
    )
    survey = open_survey(title="Besoins 2026", region="84")
    body, admin = partner
    found = pending(admin, body, TODAY)
    assert [todo.text for todo in found] == [
        f"{late} jalons en retard dans le projet « Grappe des Volcans »",
        "1 autodiagnostic en cours à terminer",
        f"Recensement des besoins « Besoins 2026 » à remplir avant le {survey.closes_on:%d/%m/%Y}",
    ]
    assert found[0].url == reverse("projects:milestones", args=[project.uid])
    client.force_login(admin)
    home = text(client.get(reverse("portal:home")))
    assert "1 autodiagnostic en cours à terminer" in home
    grappe.status = "closed"
    grappe.save()
    assert "jalons en retard" not in " ".join(texts(admin, body))  # a closed project rests


def test_moderators_see_their_queues_and_everyone_else_an_empty_list(client):
    initiative(title="Achat groupé")  # proposed in région 84
    admin = national_admin()
    assert texts(admin, None) == ["1 initiative proposée à relire"]
    _, member = body_with(2, "Association Gamma")
    client.force_login(member)
    assert "Rien ne vous attend pour le moment." in text(client.get(reverse("portal:home")))
    client.logout()
    assert "À traiter" not in text(client.get(reverse("portal:home")))
