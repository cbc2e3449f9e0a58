"""Build the DOCX templates of the attendance sheet and the minutes.

Run ``python -m spojka.meetings.docx_templates.build`` after changing this script and commit both
the script and the .docx files. They are ordinary Word documents with docxtpl (Jinja) tags that a
unit can adapt; table-row loops are ``{%tr for … %}``, paragraph loops ``{%p for … %}``.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent


def _new_document() -> Document:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.0)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    return document


def _facts(document, rows: list[tuple[str, str]]) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value


def _header(document, title: str) -> None:
    heading = document.add_heading(title, level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _facts(
        document,
        [
            ("Územní celek", "{{ unit.name }}"),
            ("Jednání", "{{ meeting.title }}"),
            ("Orgán", "{{ meeting.bodies }}"),
            ("Datum", "{{ meeting.date }}, {{ meeting.time }}"),
            ("Místo", "{{ meeting.place }}"),
        ],
    )
    document.add_paragraph()


def build_attendance_sheet() -> Path:
    document = _new_document()
    _header(document, "PREZENČNÍ LISTINA")
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["Jméno", "Organizace", "Podpis"], strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    table.add_row().cells[0].text = "{%tr for r in rows %}"
    cells = table.add_row().cells
    cells[0].text, cells[1].text, cells[2].text = "{{ r.name }}", "{{ r.organisation }}", ""
    table.add_row().cells[0].text = "{%tr endfor %}"
    table.add_row().cells[0].text = "{%tr for b in blank_rows %}"
    blank = table.add_row()
    blank.height = Cm(1.0)
    table.add_row().cells[0].text = "{%tr endfor %}"
    for row in table.rows:
        row.cells[2].width = Cm(5.0)
    document.add_paragraph()
    document.add_paragraph("Prezenční listina slouží jen k doložení účasti a není veřejná.")
    path = HERE / "attendance_sheet.docx"
    document.save(path)
    return path


def build_minutes() -> Path:
    document = _new_document()
    _header(document, "ZÁZNAM Z JEDNÁNÍ")
    _facts(
        document,
        [
            ("Přítomni", "{{ present }}"),
            ("Omluveni", "{{ excused }}"),
            ("Nepřítomni", "{{ absent }}"),
            ("Hosté", "{{ guests }}"),
        ],
    )
    document.add_heading("Program a záznam k bodům", level=2)
    document.add_paragraph("{%p for i in items %}")
    document.add_paragraph().add_run("{{ i.n }}. {{ i.title }}").bold = True
    document.add_paragraph("{{ i.minutes }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{{ note }}")
    document.add_heading("Rozhodnutí", level=2)
    document.add_paragraph("{%p for d in decisions %}")
    paragraph = document.add_paragraph(style="List Number")
    paragraph.add_run("{{ d.text }}")
    paragraph.add_run(" ({{ d.how }})").italic = True
    document.add_paragraph("{%p endfor %}")
    document.add_heading("Úkoly", level=2)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["Úkol", "Odpovídá", "Termín"], strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    table.add_row().cells[0].text = "{%tr for t in tasks %}"
    cells = table.add_row().cells
    cells[0].text, cells[1].text, cells[2].text = "{{ t.title }}", "{{ t.assignee }}", "{{ t.due }}"
    table.add_row().cells[0].text = "{%tr endfor %}"
    document.add_paragraph()
    document.add_paragraph("Zapsáno dne {{ written }}")
    path = HERE / "minutes.docx"
    document.save(path)
    return path


if __name__ == "__main__":
    for built in (build_attendance_sheet(), build_minutes()):
        print(built)
