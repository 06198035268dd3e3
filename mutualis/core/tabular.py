"""CSV and XLSX writing shared by every export (directory, observatory open data)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value):
    return "Oui" if value is True else "Non" if value is False else value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    """CSV lines (``;``, UTF-8 with BOM so that spreadsheets read accents); streamable."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([_cell(value) for value in row])


def xlsx_bytes(sheet_name: str, rows: Iterable[Iterable]) -> bytes:
    return xlsx_sheets([(sheet_name, rows)])


def xlsx_sheets(sheets: Iterable[tuple[str, Iterable[Iterable]]]) -> bytes:
    """A workbook with one sheet per (name, rows); names cut to Excel's 31 characters."""
    workbook = Workbook(write_only=True)
    for name, rows in sheets:
        sheet = workbook.create_sheet(name[:31])
        for row in rows:
            sheet.append([_cell(value) for value in row])
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
