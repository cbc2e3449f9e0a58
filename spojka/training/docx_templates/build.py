"""Build the DOCX template of a training's attendance sheet.

Run ``python -m spojka.training.docx_templates.build`` after changing this script and commit both
the script and the .docx file (a unit may adapt it in Word and upload it back).
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from spojka.documents.docx_build import (
    fixed_widths,
    header_row,
    keep_row_together,
    min_height,
    new_document,
    publicity_footer,
)

HERE = Path(__file__).resolve().parent
SIGNING_ROW = Cm(1.1)  # at least 10 mm to sign in


def build_attendance_sheet() -> Path:
    document = new_document()
    publicity_footer(document)
    document.add_heading("PREZENČNÍ LISTINA", level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    facts = document.add_table(rows=0, cols=2)
    facts.style = "Table Grid"
    for label, value in [
        ("Územní celek", "{{ unit.name }}"),
        ("Vzdělávací aktivita", "{{ event.title }}"),
        ("Druh a forma", "{{ event.kind }}, {{ event.delivery }}"),
        ("Termín", "{{ event.dates }}"),
        (
            "Rozsah",
            "{{ event.hours_count }} (prezenčně {{ event.in_person_hours }} h, distančně {{ event.distance_hours }} h)",
        ),
        ("Tematická oblast", "{{ event.area }}"),
        ("Pořadatel", "{{ event.provider }}"),
        ("Lektor", "{{ event.lecturer }}"),
        ("Místo", "{{ event.place }}"),
    ]:
        cells = facts.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value
    fixed_widths(facts, [Cm(4.5), Cm(12.5)])
    document.add_paragraph()
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    header_row(table, ["Č.", "Jméno a příjmení", "Organizace a funkce", "Hodin", "Podpis"])
    table.add_row().cells[0].text = "{%tr for r in rows %}"
    row = table.add_row()
    cells = row.cells
    cells[0].text = "{{ loop.index }}"
    cells[1].text = "{{ r.name }}"
    cells[2].text = "{{ r.organisation }}{% if r.organisation and r.function %}, {% endif %}{{ r.function }}"
    cells[3].text = "{{ r.hours }}"
    min_height(row, SIGNING_ROW)
    keep_row_together(row)
    table.add_row().cells[0].text = "{%tr endfor %}"
    table.add_row().cells[0].text = "{%tr for b in blank_rows %}"
    blank = table.add_row()
    blank.cells[0].text = "{{ rows|length + loop.index }}"
    min_height(blank, SIGNING_ROW)
    keep_row_together(blank)
    table.add_row().cells[0].text = "{%tr endfor %}"
    fixed_widths(table, [Cm(1.0), Cm(5.0), Cm(5.0), Cm(1.6), Cm(4.4)])
    document.add_paragraph()
    document.add_paragraph("Prezenční listina slouží jen k doložení účasti a není veřejná.")
    path = HERE / "attendance_sheet.docx"
    document.save(path)
    return path


if __name__ == "__main__":
    print(build_attendance_sheet())
