"""The "dossier de candidature" in one click: a ZIP named after the grappe and its campaign
with the project sheet, the ESSMS with their FINESS ET, the funding plan, the signed agreement,
the members' commitments and the calendar; readable by the grappe's active members and the
regional actors of its deposit région only."""

import csv
import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from mutualis.agreements import services as agreement_services
from mutualis.grappes import application_pack, services
from mutualis.grappes.models import Grappe
from mutualis.projects import services as project_services
from tests.factories import UserFactory, national_admin, regional_actor
from tests.grappes.deposit import deposited
from tests.pages import text

pytestmark = pytest.mark.django_db

SCAN = b"%PDF-1.4\n%signed by the carrier\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def grappe(carrier, partner, segur_solution):
    grappe = deposited(carrier, partner, segur_solution)
    services.simulate_funding(carrier[1], grappe)
    return grappe


def download(client, user, grappe):
    client.force_login(user)
    return client.get(reverse("grappes:application_pack", args=[grappe.uid]))


def archive(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(response.content))


def csv_rows(pack: zipfile.ZipFile, name: str) -> list[list[str]]:
    content = pack.read(name).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content), delimiter=";"))


def test_the_pack_of_a_deposited_grappe(client, grappe, carrier, partner):
    response = download(client, carrier[1], grappe)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        'attachment; filename="dossier-candidature-grappe-de-lain-2024.zip"'
    )
    pack = archive(response)
    assert sorted(pack.namelist()) == [
        "LISEZMOI.txt",
        "calendrier.csv",
        "engagements-des-membres.csv",
        "essms.csv",
        "fiche-projet.pdf",
        "plan-de-financement.xlsx",
    ]
    assert pack.read("fiche-projet.pdf").startswith(b"%PDF")

    essms = csv_rows(pack, "essms.csv")
    assert essms[0][:2] == ["FINESS ET", "ESSMS"]
    assert sorted(row[0] for row in essms[1:]) == sorted(
        [e.finess for e in carrier[0].establishments.all()]
        + [e.finess for e in partner[0].establishments.all()]
    )
    assert {row[7] for row in essms[1:]} == {carrier[0].finess, partner[0].finess}

    commitments = csv_rows(pack, "engagements-des-membres.csv")
    assert ["Association Porteuse", carrier[0].finess, "Porteur", "10"] == commitments[1][:4]
    assert ["Fondation Partenaire", partner[0].finess, "Membre", "6"] == commitments[2][:4]

    workbook = load_workbook(io.BytesIO(pack.read("plan-de-financement.xlsx")))
    assert workbook.sheetnames[0] == "Synthèse"

    calendar = csv_rows(pack, "calendrier.csv")
    assert [row[1] for row in calendar[1:]] == ["Création de la grappe", "État : Déposée"]
    index = pack.read("LISEZMOI.txt").decode()
    assert "Dossier de candidature — Grappe de l'Ain" in index
    assert "- essms.csv : liste des ESSMS avec leur FINESS ET" in index
    assert "Aucune convention de coopération signée pour l'instant." in index


def test_the_signed_agreement_and_the_project_calendar_join_the_pack(client, grappe, carrier):
    admin = carrier[1]
    services.decide(regional_actor("84"), grappe, Grappe.Status.SELECTED)
    agreement = agreement_services.create_agreement(admin, grappe)
    agreement_services.submit_for_review(admin, agreement)  # generates version 1, to sign
    agreement_services.record_signature(
        admin,
        grappe.members.get(managing_body=carrier[0]),
        signatory="Claire Martin",
        capacity="Présidente",
        signed_on=datetime.date.today(),
        scan=SimpleUploadedFile("convention.pdf", SCAN),
        scan_type="application/pdf",
    )
    project_services.open_project(admin, grappe)

    pack = archive(download(client, admin, grappe))
    names = pack.namelist()
    assert "convention/convention-v1.pdf" in names
    assert pack.read("convention/signee-association-porteuse.pdf") == SCAN
    signatures = csv_rows(pack, "convention/signatures.csv")
    assert signatures[1][:4] == [
        "Association Porteuse",
        carrier[0].finess,
        "Claire Martin",
        "Présidente",
    ]
    assert signatures[1][4] == f"{datetime.date.today():%d/%m/%Y}"
    milestones = csv_rows(pack, "calendrier-du-projet.csv")
    assert milestones[0][:2] == ["Jalon", "Date prévue"] and len(milestones) > 1
    calendar = [row[1] for row in csv_rows(pack, "calendrier.csv")[1:]]
    assert "Décision : Retenue" in calendar
    assert "Aucune convention" not in pack.read("LISEZMOI.txt").decode()


def test_the_parts_of_other_apps_are_registered_not_imported():
    assert {"agreements", "projects"} <= set(application_pack.registered())


def test_readers_are_the_active_members_and_the_deposit_regions_actors(
    client, grappe, carrier, partner
):
    assert download(client, partner[1], grappe).status_code == 200
    assert download(client, regional_actor("84"), grappe).status_code == 200
    denied = download(client, national_admin(), grappe)
    assert denied.status_code == 403 and "réservé aux membres actifs" in text(denied)
    assert download(client, regional_actor("11"), grappe).status_code == 403
    assert download(client, UserFactory(), grappe).status_code == 403


def test_an_invited_member_cannot_download_it(client, grappe, carrier):
    from tests.grappes.conftest import body_with

    invited = body_with(2, "Association Invitée")
    services.invite_member(carrier[1], grappe, invited[0])
    response = download(client, invited[1], grappe)
    assert response.status_code == 403
    client.force_login(carrier[1])
    page = text(client.get(reverse("grappes:detail", args=[grappe.uid])))
    assert "Télécharger le dossier de candidature" in page
