"""CSV and XLSX writing shared by every export (directory, observatory open data, grappes,
initiatives, workshops), in the forms French Excel reads.

CSV: UTF-8 with BOM, ``;``, decimal comma, dates JJ/MM/AAAA, date-times in local time
(Europe/Paris), booleans "Oui"/"Non". XLSX: bold, frozen header row with an autofilter,
column widths fitted to the first rows (bounded), number formats (integers, decimals, euros
for ``Money``), date cells in local time (Excel stores no time zone).

Formula injection: a text value starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
return would run as a formula when a spreadsheet opens (or re-edits) it. In CSV it is
written with a leading ``'`` (displayed as text by Excel and LibreOffice); in XLSX it is
stored as a string cell with Excel's "quote prefix" style, so it stays text even when the
cell is edited. Numbers, negative ones included, stay numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
INTEGER_FORMAT = "0"
DECIMAL_FORMAT = "#,##0.00####"
MONEY_FORMAT = '#,##0.00\\ "€"'
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
WIDTH_SAMPLE_ROWS = 500  # rows read to fit the column widths (the rest is streamed)
MIN_WIDTH, MAX_WIDTH = 6, 60  # characters


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in euros: an "€" number cell in XLSX, a decimal-comma number in CSV."""

    amount: Decimal | float | int


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook; ``header``: the first row names the columns."""

    name: str
    rows: Iterable[Iterable]
    header: bool = True


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def _local(value: dt.datetime) -> dt.datetime:
    """Aware date-times in the local time zone (Europe/Paris), naive ones as they are."""
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _decimal_text(value: float | Decimal) -> str:
    text = format(value, "f") if isinstance(value, Decimal) else repr(float(value))
    if "e" in text or "E" in text:
        text = format(Decimal(repr(value)), "f")
    return text.replace(".", ",")


def csv_value(value) -> str:
    """One value as written in the CSV (see the module docstring)."""
    if value is None:
        return ""
    if value is True or value is False:
        return "Oui" if value else "Non"
    if isinstance(value, Money):
        return format(Decimal(str(value.amount)).quantize(Decimal("0.01")), "f").replace(".", ",")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        return _decimal_text(value)
    if isinstance(value, dt.datetime):
        return f"{_local(value):%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    text = str(value)
    return "'" + text if is_formula_like(text) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    """CSV lines (``;``, UTF-8 with BOM so that spreadsheets read accents); streamable."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([csv_value(value) for value in row])


def _xlsx_cell(sheet, value, bold: bool = False) -> WriteOnlyCell | str | None:
    """A styled cell, or the plain value when it needs no style (openpyxl writes those
    faster)."""
    if (value is None or (isinstance(value, str) and not is_formula_like(value))) and not bold:
        return value
    number_format = None
    if value is True or value is False:
        value = "Oui" if value else "Non"
    elif isinstance(value, Money):
        value, number_format = float(value.amount), MONEY_FORMAT
    elif isinstance(value, int):
        number_format = INTEGER_FORMAT
    elif isinstance(value, float | Decimal):
        value, number_format = float(value), DECIMAL_FORMAT
    elif isinstance(value, dt.datetime):
        value, number_format = _local(value).replace(tzinfo=None), DATETIME_FORMAT
    elif isinstance(value, dt.date):
        number_format = DATE_FORMAT
    elif value is not None and not isinstance(value, str):
        value = str(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and is_formula_like(value):
        cell.data_type = "s"  # never a formula
        cell.quotePrefix = True
    if number_format:
        cell.number_format = number_format
    if bold:
        cell.font = Font(bold=True)
    return cell


def _width(value) -> int:
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, Money):
        return len(f"{float(value.amount):,.2f}") + 2
    text = csv_value(value)
    return max((len(line) for line in text.splitlines()), default=0)


def _write_sheet(workbook: Workbook, sheet: Sheet) -> None:
    worksheet = workbook.create_sheet(sheet.name[:31])
    rows = iter(sheet.rows)
    sample = [list(row) for row in islice(rows, WIDTH_SAMPLE_ROWS)]
    columns = max((len(row) for row in sample), default=0)
    for index in range(columns):
        width = max((_width(row[index]) for row in sample if index < len(row)), default=0)
        letter = get_column_letter(index + 1)
        worksheet.column_dimensions[letter].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    if sheet.header and sample:
        worksheet.freeze_panes = "A2"
        worksheet.auto_filter.ref = f"A1:{get_column_letter(max(columns, 1))}1"
    for number, row in enumerate(sample):
        worksheet.append([_xlsx_cell(worksheet, v, sheet.header and number == 0) for v in row])
    for row in rows:
        worksheet.append([_xlsx_cell(worksheet, value) for value in row])


def xlsx_bytes(sheet_name: str, rows: Iterable[Iterable]) -> bytes:
    return xlsx_sheets([Sheet(sheet_name, rows)])


def xlsx_sheets(sheets: Iterable[Sheet | tuple[str, Iterable[Iterable]]]) -> bytes:
    """A workbook with one sheet per ``Sheet`` (or ``(name, rows)``, with a header row);
    names cut to Excel's 31 characters."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(workbook, sheet if isinstance(sheet, Sheet) else Sheet(*sheet))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_download(lines: Iterable[str], filename: str) -> StreamingHttpResponse:
    """CSV lines (see ``csv_lines``) streamed as an attachment named ``filename``."""
    return _attachment(
        StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8"), filename
    )


def xlsx_download(content: bytes, filename: str) -> HttpResponse:
    """A workbook (see ``xlsx_sheets``) as an attachment named ``filename``."""
    return _attachment(HttpResponse(content, content_type=XLSX_CONTENT_TYPE), filename)
