"""Spreadsheets people can sort and filter: typed cells, a frozen header, an autofilter, no formulas.

Every XLSX export goes through :func:`workbook` (or :func:`write_sheet` for a further sheet):

* dates are date cells with a Czech format (Calc and Excel sort and filter them), whole numbers
  and decimals are numbers, ``None`` is an empty cell;
* text is always text: a value starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
  is stored as a string with the quote prefix, never as a live formula (CSV/formula injection,
  OWASP), and reads back unchanged;
* the header row is bold and frozen, an autofilter covers the table, columns have useful widths.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = {
    "date": "D. M. YYYY",
    "datetime": "D. M. YYYY H:MM",
    "int": "#,##0",
    "decimal": "#,##0.0#",
    "percent": "0 %",
}


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text, date, datetime, int, decimal, percent (a share 0–1)
    width: int = 18
    wrap: bool = False


def _set(cell, value, column: Column) -> None:
    if value is None or value == "":
        return
    if isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None)
    elif isinstance(value, date | int | float | Decimal) and not isinstance(value, bool):
        cell.value = value
    else:
        text = str(value)
        cell.value = text
        cell.data_type = "s"  # never a formula, whatever the first character
        if text.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True
    if column.kind in FORMATS:
        cell.number_format = FORMATS[column.kind]
    if column.wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def write_sheet(sheet: Worksheet, columns: Sequence[Column], rows: Iterable[Sequence]) -> None:
    """Fill ``sheet`` with a header row and ``rows``, typed by ``columns``."""
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=str(column.header))
        cell.data_type = "s"
        cell.font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    count = 1
    for count, row in enumerate(rows, start=2):
        for index, (column, value) in enumerate(zip(columns, row, strict=True), start=1):
            _set(sheet.cell(row=count, column=index), value, column)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(count, 1)}"


def workbook(title: str, columns: Sequence[Column], rows: Iterable[Sequence]) -> Workbook:
    book = Workbook()
    book.active.title = str(title)[:31]
    write_sheet(book.active, columns, rows)
    return book


def response(title: str, columns: Sequence[Column], rows: Iterable[Sequence], filename: str):
    """A list as an XLSX download (``FileResponse``): one sheet named ``title``."""
    from spojka.lib.downloads import download

    return download(to_bytes(workbook(title, columns, rows)), filename)


def to_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
