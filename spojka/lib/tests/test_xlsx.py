"""The one XLSX writer: typed cells, frozen header, autofilter, and text that never becomes a formula."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from spojka.lib.xlsx import Column, to_bytes, workbook

COLUMNS = [
    Column("Název"),
    Column("Platnost do", "date"),
    Column("Hodiny", "decimal"),
    Column("Počet", "int"),
    Column("Plnění", "percent"),
]


def read(rows):
    book = load_workbook(io.BytesIO(to_bytes(workbook("Přehled", COLUMNS, rows))))
    return book.active


def test_cells_are_typed_and_the_table_can_be_sorted_and_filtered():
    sheet = read(
        [["Jihlava", date(2023, 11, 1), Decimal("12.5"), 3, Decimal("0.43")], ["Obec", None, 0, 0, None]]
    )
    assert [c.value for c in sheet[1]] == ["Název", "Platnost do", "Hodiny", "Počet", "Plnění"]
    assert sheet["B2"].is_date and sheet["B2"].value.date() == date(2023, 11, 1)
    assert sheet["B2"].number_format == "D. M. YYYY"
    assert (sheet["C2"].value, sheet["D2"].value, sheet["E2"].number_format) == (12.5, 3, "0 %")
    assert sheet["B3"].value is None
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E3"
    assert sheet["A1"].font.bold


@pytest.mark.parametrize("hostile", ['=HYPERLINK("http://x")', "+420 123", "-1+1", "@SUM(A1)", "\tx", "\rx"])
def test_text_that_looks_like_a_formula_stays_text_and_reads_back_unchanged(hostile):
    sheet = read([[hostile, None, None, None, None]])
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].value == hostile
    assert sheet["A2"].quotePrefix


def test_an_empty_table_still_has_its_header_and_filter():
    sheet = read([])
    assert sheet.max_row == 1 and sheet.auto_filter.ref == "A1:E1"
