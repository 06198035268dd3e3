"""Formula injection: every CSV and XLSX export neutralises text that a spreadsheet would run.

Each case puts a malicious value in the data one export endpoint reads and downloads it:
in CSV the value comes out with a leading ``'``; in XLSX as a string cell with Excel's
quote prefix; no cell of any export is a formula.
"""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mutualis.directory.models import DuiStatus, ItProfile, Solution
from mutualis.finess.models import Category, Sector
from mutualis.initiatives.models import InitiativeType
from mutualis.workshops import services, survey_services
from mutualis.workshops.models import Lever
from tests.factories import EstablishmentFactory, checked_segur, regional_actor
from tests.grappes.conftest import body_with as grappe_body_with
from tests.grappes.conftest import choose_all, create
from tests.initiatives.conftest import initiative
from tests.observatory.conftest import assess
from tests.workshops.conftest import SEED_LEVERS, new_workshop, open_survey, ranked
from tests.workshops.conftest import body_with as survey_body_with

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x","clic")'
ARITHMETIC = "-2+3"
AT_SUM = "@SUM(A1)"


def directory(client, payload):
    EstablishmentFactory(name=payload)
    return [
        client.get(reverse("directory:establishment_export_csv")),
        client.get(reverse("directory:establishment_export_xlsx")),
    ]


def observatory_open_data(client, payload):
    Category.objects.filter(code="500").update(label=payload)
    for index in range(6):
        place = EstablishmentFactory()
        ItProfile.objects.create(establishment=place, dui_status=DuiStatus.DEPLOYED)
        assess(place, score=1.0 + index % 3)
    return [
        client.get(reverse("observatory:export", args=["categories", extension]))
        for extension in ("csv", "xlsx")
    ]


def observatory_follow_up(client, payload):
    assess(EstablishmentFactory(name=payload))
    client.force_login(regional_actor("84"))
    return [client.get(reverse("observatory:follow_up"), {"campagne": 2026, "format": "csv"})]


def initiatives_typology(client, payload):
    kind = InitiativeType.objects.get(code="cahier_des_charges")
    kind.label = payload
    kind.save()
    initiative(moderation="published", type=kind)
    return [
        client.get(reverse("initiatives:statistics_csv")),
        client.get(reverse("initiatives:statistics_xlsx")),
    ]


def grappe_simulation(client, payload):
    body, admin = grappe_body_with(10, payload)
    grappe = create(client, admin, campaign=2022)
    choose_all(client, grappe, body, _segur_solution())
    client.post(reverse("grappes:simulate", args=[grappe.uid]))
    simulation = grappe.simulations.get()
    return [client.get(reverse("grappes:simulation_xlsx", args=[grappe.uid, simulation.uid]))]


def _segur_solution():
    return checked_segur(Solution.objects.order_by("pk").first())


def needs_survey(client, payload):
    Lever.objects.filter(code="A").update(label=payload)  # XLSX sheet "Leviers"
    Sector.objects.filter(code="pa").update(label=payload)  # a group of both files
    survey = open_survey("regional", "84", title="Besoins")
    for index in range(5):
        body, admin = survey_body_with(1, f"EHPAD {index}")
        survey_services.save_answer(admin, survey, body, dict.fromkeys(SEED_LEVERS, 1), ["dui"])
    client.force_login(regional_actor("84"))
    return [
        client.get(reverse("workshops:survey_csv", args=[survey.uid])),
        client.get(reverse("workshops:survey_xlsx", args=[survey.uid])),
    ]


def workshop_results(client, payload):
    facilitator = regional_actor("84")
    levers = [(code, payload if code == "C" else f"Levier {code}") for code in SEED_LEVERS]
    workshop = new_workshop(facilitator, levers=levers)
    participant = services.join(workshop)
    services.vote(participant, ranked("C", "E", "A"))
    services.post_card(participant, "works", payload)  # the sheet "Cartes"
    services.close_vote(facilitator, workshop)
    client.force_login(facilitator)
    return [
        client.get(reverse("workshops:results_csv", args=[workshop.uid])),
        client.get(reverse("workshops:results_xlsx", args=[workshop.uid])),
    ]


def csv_cells(response) -> list[str]:
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(content), delimiter=";") for cell in row]


def check_csv(response, payload) -> None:
    cells = csv_cells(response)
    assert "'" + payload in cells
    assert payload not in cells
    for cell in cells:
        dangerous = cell.startswith(("=", "+", "@", "\t", "\r"))
        dangerous |= cell.startswith("-") and not cell[1:].replace(",", "", 1).isdigit()
        assert not dangerous, cell


def check_xlsx(response, payload) -> None:
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    found = [cell for cell in cells if cell.value == payload]
    assert found
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in found)


@pytest.mark.parametrize(
    ("export", "payload"),
    [
        (directory, HYPERLINK),
        (directory, ARITHMETIC),
        (directory, AT_SUM),
        (observatory_open_data, ARITHMETIC),
        (observatory_follow_up, HYPERLINK),
        (initiatives_typology, AT_SUM),
        (grappe_simulation, HYPERLINK),
        (needs_survey, ARITHMETIC),
        (workshop_results, AT_SUM),
    ],
    ids=lambda value: value.__name__ if callable(value) else value,
)
def test_exports_neutralise_formulas(client, export, payload):
    responses = export(client, payload)
    for response in responses:
        assert response.status_code == 200
        if response["Content-Type"].startswith("text/csv"):
            check_csv(response, payload)
        else:
            check_xlsx(response, payload)
