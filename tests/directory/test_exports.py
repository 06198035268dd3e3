import io

from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import EstablishmentFactory


def test_csv_export_of_a_search(client, db):
    EstablishmentFactory(name="EHPAD Les Érables", finess="010000990")
    EstablishmentFactory(name="SESSAD", category_id="182")
    response = client.get(reverse("directory:establishment_export_csv"), {"sector": "pa"})
    assert response["Content-Disposition"].startswith('attachment; filename="etablissements-')
    text = b"".join(response.streaming_content).decode("utf-8")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("N° FINESS ET;Raison sociale;")
    assert len(lines) == 2 and "010000990;EHPAD Les Érables;500;" in lines[1]


def test_xlsx_export_of_a_search(client, db):
    EstablishmentFactory(name="EHPAD Les Érables", finess="010000990")
    response = client.get(reverse("directory:establishment_export_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("N° FINESS ET", "Raison sociale")
    assert rows[1][:2] == ("010000990", "EHPAD Les Érables")
