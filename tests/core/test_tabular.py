"""CSV and XLSX in the forms French Excel reads (core.tabular), read back with csv/openpyxl."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from mutualis.core import tabular
from mutualis.core.tabular import Money, Sheet

PARIS_SUMMER = dt.datetime(2026, 7, 14, 8, 30, tzinfo=dt.UTC)  # 10:30 in Paris
PARIS_WINTER = dt.datetime(2026, 12, 2, 23, 15, tzinfo=dt.UTC)  # 00:15 the next day


def csv_text(rows) -> str:
    return "".join(tabular.csv_lines(rows))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.25, "0,25"),
        (-1.5, "-1,5"),
        (Decimal("1234.50"), "1234,50"),
        (83.3, "83,3"),
        (1e-07, "0,0000001"),
        (12, "12"),
        (-3, "-3"),
        (Money(Decimal("14500")), "14500,00"),
        (Money(0.1), "0,10"),
        (dt.date(2021, 1, 8), "08/01/2021"),
        (PARIS_SUMMER, "14/07/2026 10:30"),
        (PARIS_WINTER, "03/12/2026 00:15"),
        (dt.datetime(2026, 1, 2, 3, 4), "02/01/2026 03:04"),  # naive: already local
        (True, "Oui"),
        (False, "Non"),
        (None, ""),
        ("EHPAD Les Érables", "EHPAD Les Érables"),
    ],
)
def test_csv_values_for_french_excel(value, text):
    assert tabular.csv_value(value) == text


def test_csv_file_has_bom_semicolons_and_quotes():
    content = csv_text([["Nom", "Part"], ['Foyer "Les Pins"; annexe', 0.5]])
    assert content == '\ufeffNom;Part\r\n"Foyer ""Les Pins""; annexe";0,5\r\n'


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://x")', "-2+3", "+33 1 23", "@SUM(A1)", "\tcmd", "\r=1"]
)
def test_formula_like_text_is_neutralised(text):
    assert tabular.csv_value(text) == "'" + text
    workbook = load_workbook(io.BytesIO(tabular.xlsx_bytes("S", [["h"], [text], [-2], [-2.5]])))
    cell = workbook.active["A2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    assert workbook.active["A3"].value == -2 and workbook.active["A4"].value == -2.5


def test_xlsx_header_widths_formats_and_dates():
    rows = [
        ["N° FINESS", "Nom", "Postes", "Part", "Montant (€)", "Ouvert le", "Mis à jour", "Fermé"],
        [
            "010000032",
            "X" * 200,
            12,
            0.25,
            Money(Decimal("14500.5")),
            dt.date(2021, 1, 8),
            PARIS_SUMMER,
            False,
        ],
        ["2A0000022", "CH", None, Decimal("1.5"), Money(0), None, None, True],
    ]
    workbook = load_workbook(io.BytesIO(tabular.xlsx_bytes("Établissements", rows)))
    sheet = workbook["Établissements"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:H1"
    assert all(cell.font.b for cell in sheet[1]) and not sheet["A2"].font.b
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEFGH"}
    assert widths["A"] == 11  # "2A0000022" + 2
    assert widths["B"] == tabular.MAX_WIDTH
    assert widths["C"] == tabular.MIN_WIDTH + 2  # the header "Postes" is the widest
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("010000032", "s")
    assert (sheet["C2"].value, sheet["C2"].number_format) == (12, tabular.INTEGER_FORMAT)
    assert (sheet["D2"].value, sheet["D2"].number_format) == (0.25, tabular.DECIMAL_FORMAT)
    assert sheet["D3"].value == 1.5
    assert (sheet["E2"].value, sheet["E2"].number_format) == (14500.5, tabular.MONEY_FORMAT)
    assert sheet["F2"].value == dt.datetime(2021, 1, 8)  # a date cell (read back as datetime)
    assert sheet["F2"].number_format == tabular.DATE_FORMAT
    assert sheet["G2"].value == dt.datetime(2026, 7, 14, 10, 30)  # local time, naive
    assert sheet["G2"].number_format == tabular.DATETIME_FORMAT
    assert (sheet["H2"].value, sheet["H3"].value) == ("Non", "Oui")


def test_sheets_without_header_and_long_names():
    content = tabular.xlsx_sheets(
        [
            Sheet("Synthèse", [["Grappe", "G"], [], ["Total", Money(10)]], header=False),
            ("Un nom de feuille bien plus long que trente et un", [["a"], [1]]),
        ]
    )
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Synthèse", "Un nom de feuille bien plus lon"]
    summary = workbook["Synthèse"]
    assert summary.freeze_panes is None and summary.auto_filter.ref is None
    assert not summary["A1"].font.b
    assert workbook.worksheets[1].freeze_panes == "A2"


def test_rows_beyond_the_width_sample_are_written():
    rows = [["n"], *([i] for i in range(tabular.WIDTH_SAMPLE_ROWS + 10))]
    sheet = load_workbook(io.BytesIO(tabular.xlsx_bytes("S", iter(rows)))).active
    assert sheet.max_row == tabular.WIDTH_SAMPLE_ROWS + 11
    assert sheet.cell(sheet.max_row, 1).value == tabular.WIDTH_SAMPLE_ROWS + 9
