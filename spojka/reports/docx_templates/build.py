"""Build the built-in DOCX templates of the generated documents.

Run ``python -m spojka.reports.docx_templates.build`` after changing this script and commit both
the script and the .docx files. The templates are ordinary Word documents with docxtpl (Jinja)
tags, so a unit can open one in Word or LibreOffice, adapt the wording and layout, and upload it
back (Dokumenty → Výstupy → Šablony). Paragraph loops are ``{%p for … %}``, table-row loops
``{%tr for … %}``; each tag sits in a run of its own so Word does not split it.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from spojka.documents.docx_build import (
    fixed_widths,
    header_row,
    keep_row_together,
    new_document,
    publicity_footer,
)

HERE = Path(__file__).resolve().parent


def _new_document():
    document = new_document()
    publicity_footer(document)
    return document


def _labelled(document, label: str, value: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(label).bold = True
    paragraph.add_run(value)


def _facts_table(document, rows: list[tuple[str, str]], loop: tuple[str, str, str] | None = None) -> None:
    """A two-column table of label → value; ``loop`` adds rows from a list (tr-tag, label, value)."""
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value
    if loop:
        tag, label, value = loop
        table.add_row().cells[0].text = "{%tr for " + tag + " %}"
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value
        table.add_row().cells[0].text = "{%tr endfor %}"


def _loop(document, head: str, body: list[tuple[str, bool]], style: str | None = None) -> None:
    """A paragraph repeated for each item: body is a list of (text, bold) runs."""
    document.add_paragraph("{%p for " + head + " %}")
    paragraph = document.add_paragraph(style=style)
    for text, bold in body:
        paragraph.add_run(text).bold = bold
    document.add_paragraph("{%p endfor %}")


# The schedule's six columns on a landscape page, weighted by what they hold (25.7 cm in all): no
# column is so narrow that Word breaks a word inside it.
SCHEDULE_COLUMNS = [
    ("Činnost", "activity", Cm(3.6)),
    ("Specifikace činnosti", "specification", Cm(6.5)),
    ("Výstup", "output", Cm(3.6)),
    ("Odpovědnost ASZ", "agency", Cm(3.8)),
    ("Odpovědnost územního celku", "unit", Cm(4.2)),
    ("Termín dokončení", "deadline", Cm(4.0)),
]


def _section(document, *, landscape: bool):
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    short, long = Cm(21.0), Cm(29.7)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    return section


def _landscape_section(document) -> None:
    _section(document, landscape=True)


def _portrait_section(document) -> None:
    _section(document, landscape=False)


def _schedule_table(document) -> None:
    table = document.add_table(rows=1, cols=len(SCHEDULE_COLUMNS))
    table.style = "Table Grid"
    header_row(table, [label for label, _key, _width in SCHEDULE_COLUMNS])
    table.add_row().cells[0].text = "{%tr for s in schedule %}"
    row = table.add_row()
    keep_row_together(row)
    for cell, (_label, key, _width) in zip(row.cells, SCHEDULE_COLUMNS, strict=True):
        cell.text = "{{ s." + key + " }}"
    table.add_row().cells[0].text = "{%tr endfor %}"
    fixed_widths(table, [width for _label, _key, width in SCHEDULE_COLUMNS])
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    document.add_paragraph("{{ schedule_note }}")


def build_cooperation_description() -> Path:
    document = _new_document()
    _description_parties(document)
    _description_content(document)
    _landscape_section(document)
    document.add_heading(
        "Jednotlivé činnosti spolupráce a\u00a0jejich harmonogram v\u00a0průběhu platnosti popisu spolupráce",
        level=2,
    )
    _schedule_table(document)
    _portrait_section(document)
    _description_approval(document)
    path = HERE / "cooperation_description.docx"
    document.save(path)
    return path


def _description_parties(document) -> None:
    """The title, the unit and the roles, and the memorandum and commitment paragraphs."""
    title = document.add_heading("POPIS SPOLUPRÁCE V\u00a0OBLASTI SOCIÁLNÍHO ZAČLEŇOVÁNÍ", level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _facts_table(
        document,
        [("Územní celek", "{{ unit.name }}"), ("Sídlo", "{{ unit.seat }}"), ("IČ", "{{ unit.ico }}")],
        loop=("r in roles", "{{ r.label }}", "{{ r.value }}"),
    )
    document.add_paragraph()
    document.add_paragraph("{{ memorandum_text }}")
    document.add_paragraph("{{ commitment_text }}")


def _description_content(document) -> None:
    """Validity, thematic areas, the local partnership, the plan, ESIF, contacts and the LP's stance."""
    document.add_heading("Doba platnosti popisu spolupráce", level=2)
    document.add_paragraph("{{ validity_text }} {{ programme_period_note }}")
    document.add_paragraph("{{ guarantee_text }}")

    document.add_heading("Obsahové zaměření spolupráce (tematické oblasti spolupráce)", level=2)
    document.add_paragraph("{{ areas_intro }}")
    _loop(document, "a in areas", [("{{ a.name }}", True), (": {{ a.focus }}", False)], style="List Bullet")

    document.add_heading(
        "Struktura, kompetence a\u00a0složení lokálního partnerství, další zvolené participační aktivity",
        level=2,
    )
    document.add_paragraph("{{ lp_structure }}")
    document.add_paragraph("{{ lp_members_text }}")

    document.add_heading("Specifikace plánu sociálního začleňování", level=2)
    document.add_paragraph("{{ psz_specification }}")
    _labelled(document, "Období: ", "{{ psz_period or '–' }}")
    _labelled(document, "Cílová skupina: ", "{{ target_group or '–' }}")
    document.add_paragraph("Navazující strategické dokumenty územního celku:")
    _loop(document, "link in strategic_links", [("{{ link }}", False)], style="List Bullet")

    document.add_heading(
        "Předpokládané oblasti intervence realizované za podpory finančních prostředků ESIF", level=2
    )
    _loop(document, "e in esif", [("{{ e }}", False)], style="List Bullet")

    document.add_heading("Kontaktní osoba za příslušný kraj (je-li relevantní)", level=2)
    document.add_paragraph("{{ regional_contact }}")

    document.add_heading("Stanovisko lokálního partnerství, datum projednání", level=2)
    document.add_paragraph("{{ lp_stance }}")


def _description_approval(document) -> None:
    """The approval, both signatures and the notes."""
    document.add_paragraph()
    _labelled(document, "Datum schválení popisu spolupráce územním celkem: ", "{{ approved_on }}")
    _labelled(document, "Číslo usnesení: ", "{{ approval_resolution }}")
    document.add_paragraph()
    signatures = document.add_table(rows=3, cols=2)
    for column, side in enumerate(("unit_signature", "agency_signature")):
        place, sign, name = (row.cells[column] for row in signatures.rows)
        place.text = "{{ " + side + ".place }} dne {{ " + side + ".date or '……………' }}"
        sign.text = "\n\n……………………………………"
        name.text = "{{ " + side + ".signatory }}"
    document.add_heading("Vysvětlivky", level=2)
    _loop(document, "n in notes", [("{{ n }}", False)], style="List Number")


def build_annual_report() -> Path:
    document = _new_document()
    document.add_heading("{{ title }}", level=1)
    _facts_table(
        document,
        [
            ("Územní celek", "{{ unit.name }}"),
            ("Sídlo", "{{ unit.seat }}"),
            ("IČ", "{{ unit.ico }}"),
            ("Sledované období", "{{ period_text }}"),
            ("Zpracováno dne", "{{ prepared_on }}"),
        ],
    )
    document.add_paragraph("{%p for s in sections %}")
    document.add_heading("{{ s.number }}. {{ s.title }}", level=2)
    document.add_paragraph("{%p for line in s.lines %}")
    document.add_paragraph("{{ line }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endfor %}")
    document.add_heading("Návrh usnesení", level=2)
    _loop(document, "line in resolution.lines", [("{{ line }}", False)], style="List Number")
    path = HERE / "annual_report.docx"
    document.save(path)
    return path


if __name__ == "__main__":
    for built in (build_cooperation_description(), build_annual_report()):
        print(built)
