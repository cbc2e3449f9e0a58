"""Build the DOCX templates of the attendance sheet and the minutes.

Run ``python -m spojka.meetings.docx_templates.build`` after changing this script and commit both
the script and the .docx files. They are ordinary Word documents with docxtpl (Jinja) tags that a
unit can adapt; table-row loops are ``{%tr for … %}``, paragraph loops ``{%p for … %}``.
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


def _facts(document, rows: list[tuple[str, str]]) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value
    fixed_widths(table, [Cm(4.5), Cm(12.5)])


def _header(document, title: str) -> None:
    heading = document.add_heading(title, level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _facts(
        document,
        [
            ("Územní celek", "{{ unit.name }}"),
            ("Jednání", "{{ meeting.title }}"),
            ("Orgán", "{{ meeting.bodies }}"),
            ("Datum a čas", "{{ meeting.date }}, {{ meeting.time }}"),
            ("Místo", "{{ meeting.place }}"),
        ],
    )
    document.add_paragraph()


def build_attendance_sheet() -> Path:
    document = new_document()
    publicity_footer(document)
    _header(document, "PREZENČNÍ LISTINA")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    header_row(table, ["Č.", "Jméno a příjmení", "Organizace", "Podpis"])
    table.add_row().cells[0].text = "{%tr for r in rows %}"
    row = table.add_row()
    cells = row.cells
    cells[0].text = "{{ loop.index }}"
    cells[1].text = "{{ r.name }}{% if r.note %} ({{ r.note }}){% endif %}"
    cells[2].text = "{{ r.organisation }}"
    min_height(row, SIGNING_ROW)
    keep_row_together(row)
    table.add_row().cells[0].text = "{%tr endfor %}"
    table.add_row().cells[0].text = "{%tr for b in blank_rows %}"
    blank = table.add_row()
    blank.cells[0].text = "{{ rows|length + loop.index }}"
    min_height(blank, SIGNING_ROW)
    keep_row_together(blank)
    table.add_row().cells[0].text = "{%tr endfor %}"
    fixed_widths(table, [Cm(1.0), Cm(5.6), Cm(5.4), Cm(5.0)])
    document.add_paragraph()
    document.add_paragraph("Prezenční listina slouží jen k doložení účasti a není veřejná.")
    path = HERE / "attendance_sheet.docx"
    document.save(path)
    return path


def _decisions(document, loop: str) -> None:
    document.add_paragraph("{%p for d in " + loop + " %}")
    paragraph = document.add_paragraph()
    paragraph.add_run("Rozhodnutí {{ d.n }}: ").bold = True
    paragraph.add_run("{{ d.text }}")
    paragraph.add_run(" ({{ d.how }})").italic = True
    document.add_paragraph("{%p endfor %}")


def _signatures(document) -> None:
    table = document.add_table(rows=3, cols=2)
    left, right = table.columns[0].cells, table.columns[1].cells
    left[0].text = "Zapsal/a: {{ recorded_by or '……………………………' }}"
    right[0].text = "Ověřil/a: ……………………………"
    left[1].text = "Dne: {{ written or '……………' }}"
    right[1].text = "Dne: ……………"
    left[2].text = "\nPodpis: ……………………………"
    right[2].text = "\nPodpis: ……………………………"
    fixed_widths(table, [Cm(8.5), Cm(8.5)])


def build_minutes() -> Path:
    document = new_document()
    publicity_footer(document)
    _header(document, "ZÁZNAM Z JEDNÁNÍ")
    document.add_heading("Účast", level=2)
    _facts(
        document,
        [
            ("Přítomni", "{{ present }}"),
            ("Omluveni", "{{ excused }}"),
            ("Nepřítomni", "{{ absent }}"),
            ("Hosté", "{{ guests }}"),
        ],
    )
    document.add_paragraph().add_run("{{ quorum }}").bold = True
    document.add_heading("Program a průběh jednání", level=2)
    document.add_paragraph("{%p for i in items %}")
    document.add_heading("{{ i.n }}. {{ i.title }}", level=3)
    document.add_paragraph("{{ i.minutes }}")
    _decisions(document, "i.decisions")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p if note or other_decisions %}")
    document.add_heading("Obecná část", level=2)
    document.add_paragraph("{{ note }}")
    _decisions(document, "other_decisions")
    document.add_paragraph("{%p endif %}")
    document.add_heading("Úkoly", level=2)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    header_row(table, ["Úkol", "Odpovídá", "Termín"])
    table.add_row().cells[0].text = "{%tr for t in tasks %}"
    cells = table.add_row().cells
    cells[0].text, cells[1].text, cells[2].text = "{{ t.title }}", "{{ t.assignee }}", "{{ t.due }}"
    table.add_row().cells[0].text = "{%tr endfor %}"
    fixed_widths(table, [Cm(9.0), Cm(5.0), Cm(3.0)])
    document.add_paragraph()
    _signatures(document)
    path = HERE / "minutes.docx"
    document.save(path)
    return path


if __name__ == "__main__":
    for built in (build_attendance_sheet(), build_minutes()):
        print(built)
