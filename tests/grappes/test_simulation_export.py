"""Downloads of a grappe: the simulation workbook (widths, euros, Paris time, only the
tranches the rules define) and every file named after the grappe, never its uid."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mutualis.agreements import services as agreements
from mutualis.core import tabular
from mutualis.grappes import exports
from mutualis.grappes.models import Grappe
from tests.agreements.conftest import build_grappe
from tests.grappes.conftest import body_with, choose_all, create

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def test_file_names_follow_the_grappe_name():
    grappe = Grappe(name="Grappe de l'Ain — Bugey & Dombes")
    assert exports.file_name(grappe, "simulation", "xlsx", "2024-20261203-0912") == (
        "simulation-grappe-de-lain-bugey-dombes-2024-20261203-0912.xlsx"
    )
    assert exports.file_name(grappe, "convention", "pdf", "v2") == (
        "convention-grappe-de-lain-bugey-dombes-v2.pdf"
    )
    assert exports.file_name(Grappe(name="«»"), "convention", "docx") == "convention-grappe.docx"
    long = exports.file_name(Grappe(name="x" * 300), "dossier", "zip")
    assert len(long) <= len("dossier-") + exports.NAME_MAX + len(".zip")


@pytest.fixture
def simulation(client, carrier, segur_solution):
    body, admin = carrier
    grappe = create(client, admin, campaign=2022)
    choose_all(client, grappe, body, segur_solution)
    client.post(reverse("grappes:simulate", args=[grappe.uid]))
    frozen = grappe.simulations.get()
    # 23:30 UTC on 31 December is already 1 January in Paris.
    frozen.created_at = dt.datetime(2025, 12, 31, 23, 30, tzinfo=dt.UTC)
    frozen.save(update_fields=["created_at"])
    return grappe, frozen


def download(client, grappe, frozen):
    return client.get(reverse("grappes:simulation_xlsx", args=[grappe.uid, frozen.uid]))


def test_workbook_is_named_after_the_grappe_in_paris_time(client, simulation):
    grappe, frozen = simulation
    response = download(client, grappe, frozen)
    assert response["Content-Disposition"] == (
        'attachment; filename="simulation-grappe-de-lain-2022-20260101-0030.xlsx"'
    )
    assert str(grappe.uid) not in response["Content-Disposition"]
    summary = load_workbook(io.BytesIO(response.content))["Synthèse"]
    assert summary["B4"].value == dt.datetime(2026, 1, 1, 0, 30)  # Paris time, not UTC
    assert summary["B4"].number_format == tabular.DATETIME_FORMAT
    assert "heure de Paris" in summary["A4"].value


def test_euro_cells_widths_and_only_the_defined_tranches(client, simulation):
    grappe, frozen = simulation
    workbook = load_workbook(io.BytesIO(download(client, grappe, frozen).content))
    summary = workbook["Synthèse"]
    header = [cell.value for cell in summary[6]]
    # The 2022 rules pay in two tranches (40 % then 60 %): two columns, no empty third one.
    assert header == ["Scénario", "Total (€)", "Tranche 1 – 40 % (€)", "Tranche 2 – 60 % (€)"]
    for row in summary.iter_rows(min_row=7, max_row=9):
        assert all(cell.number_format == tabular.MONEY_FORMAT for cell in row[1:4])
        assert all(cell.value is not None for cell in row[:4])
    assert summary["A9"].value == "Aucune référencée Ségur"
    assert summary.column_dimensions["A"].width >= len("Simulation du (heure de Paris)")
    lines = workbook["Solutions déclarées"]
    assert lines["E2"].number_format == tabular.MONEY_FORMAT
    assert lines.column_dimensions["B"].width > tabular.MIN_WIDTH  # fitted to the ESSMS names
    assert lines.freeze_panes == "A2"


def test_agreement_and_signed_scan_are_named_after_the_grappe(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    carrier, admin = body_with(10, "Association des Volcans")
    grappe = build_grappe([(carrier, admin), body_with(6, "Fondation du Puy")])
    agreement = agreements.create_agreement(admin, grappe)
    agreements.submit_for_review(admin, agreement)  # generates version 1, to sign
    signature = agreements.record_signature(
        admin,
        grappe.members.get(managing_body=carrier),
        signatory="Claire Martin",
        capacity="Présidente",
        signed_on=timezone.localdate(),
        scan=SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n%signed\n"),
        scan_type="application/pdf",
    )
    client.force_login(admin)
    names = [
        client.get(reverse("agreements:download", args=[grappe.uid, 1, kind]))
        for kind in ("pdf", "docx")
    ] + [client.get(reverse("agreements:scan", args=[grappe.uid, signature.pk]))]
    dispositions = [response["Content-Disposition"] for response in names]
    assert 'filename="convention-grappe-des-volcans-v1.pdf"' in dispositions[0]
    assert 'filename="convention-grappe-des-volcans-v1.docx"' in dispositions[1]
    assert (
        'filename="convention-signee-grappe-des-volcans-v1-association-des-volcans.pdf"'
        in dispositions[2]
    )
    assert not any(str(grappe.uid) in d for d in dispositions)
