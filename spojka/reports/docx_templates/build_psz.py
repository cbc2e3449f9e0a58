"""Build the Word template of the PSZ fulfilment report: `python -m spojka.reports.docx_templates.build_psz`.

The template holds docxtpl (Jinja) tags; users may open and adapt it in Word or LibreOffice.
"""

from __future__ import annotations

from pathlib import Path

from spojka.documents.docx_build import header_row, new_document, publicity_footer

HERE = Path(__file__).resolve().parent


def _table(document, headers: list[str], loop: str, cells: list[str]) -> None:
    table = document.add_table(rows=3, cols=len(headers))
    table.style = "Table Grid"
    header_row(table, headers)
    table.rows[1].cells[0].text = "{%tr for " + loop + " %}"
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        cell.text = text
    # The closing tag sits in a row of its own, as docxtpl's {%tr %} tags need.
    end = table.add_row()
    end.cells[0].text = "{%tr endfor %}"


def build() -> Path:
    document = new_document()
    publicity_footer(document)
    document.add_heading("Zpráva o plnění plánu sociálního začleňování", level=1)
    document.add_paragraph(
        "{{ unit }} – {{ plan.title }} ({{ plan.kind }}, {{ plan.period }}), stav: {{ plan.status }}."
    )
    document.add_paragraph("Celkové plnění plánu: {{ plan.progress }}. Zpráva vytvořena {{ generated_on }}.")
    document.add_paragraph("{% if plan.main_goal %}Hlavní cíl: {{ plan.main_goal }}{% endif %}")
    document.add_paragraph("{% if plan.target_group %}Cílová skupina: {{ plan.target_group }}{% endif %}")
    document.add_heading("Plnění podle oblastí", level=2)
    _table(document, ["Oblast", "Plnění"], "a in areas", ["{{ a.code }} {{ a.name }}", "{{ a.progress }}"])
    document.add_heading("Plnění opatření", level=2)
    _table(
        document,
        ["Oblast", "Cíl", "Opatření", "Stav", "Plnění"],
        "m in measure_rows",
        ["{{ m.area }}", "{{ m.goal }}", "{{ m.code }} {{ m.name }}", "{{ m.status }}", "{{ m.progress }}"],
    )
    document.add_heading("Indikátory", level=2)
    _table(
        document,
        ["Indikátor", "K", "Jednotka", "Výchozí", "Cílová", "Poslední", "Plnění"],
        "i in indicators",
        [
            "{{ i.code }} {{ i.name }}",
            "{{ i.owner }}",
            "{{ i.unit }}",
            "{{ i.baseline }}",
            "{{ i.target }}",
            "{{ i.latest }}",
            "{{ i.progress }}",
        ],
    )
    target = HERE / "psz_report.docx"
    document.save(target)
    return target


if __name__ == "__main__":
    print(build())
