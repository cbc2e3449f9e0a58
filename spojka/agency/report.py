"""The project report across units for a year: the totals and a table per unit, as PDF and XLSX.

Computed as of the period's end (31. 12. of the year, or today while the year runs) with
``facts.unit_facts``: meetings, trainings, council resolutions, statements and memoranda dated after
that day do not count, so entering this year's data does not change last year's report. Today's
precomputed schedule statuses are not read (they belong to today, not to the period's end).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.agency.facts import Totals, UnitFacts, totals, unit_facts
from spojka.agency.home import rows_xlsx
from spojka.agency.models import ProjectReport
from spojka.cooperation.models import TerritorialUnit
from spojka.documents.render import RenderedDocument, render_pdf
from spojka.lib import xlsx
from spojka.lib.czech import date_short
from spojka.lib.downloads import XLSX


def period_end(year: int, today: date | None = None) -> date:
    today = today or timezone.localdate()
    return min(date(year, 12, 31), today)


def report_rows(units: QuerySet[TerritorialUnit], year: int) -> tuple[date, list[UnitFacts], Totals]:
    as_of = period_end(year)
    rows = unit_facts(units.order_by("name", "pk"), as_of, with_statuses=False)
    return as_of, rows, totals(rows)


def _totals_sheet(book, year: int, as_of: date, t: Totals) -> None:
    sheet = book.create_sheet(_("Souhrn"))
    data = [
        (_("Rok"), year),
        (_("Stav ke dni"), as_of),
        (_("Územních celků"), t.units),
        *[(label, n) for _code, label, n in t.states],
        (_("Končí do 90 dnů"), t.ending),
        (_("Schválené plány"), t.plans_approved),
        (_("Jednání LP v roce"), t.lp_held),
        (_("Hodiny vzdělávání prezenčně"), t.training_in_person),
        (_("Hodiny vzdělávání distančně"), t.training_distance),
        (_("Hodiny vzdělávání započtené"), t.training_counted),
        (_("Připraveno k financování"), t.funding_ready),
    ]
    xlsx.write_sheet(sheet, [xlsx.Column(_("Ukazatel"), width=36), xlsx.Column(_("Hodnota"), width=16)], data)
    for row in sheet.iter_rows(min_row=3, max_row=3, min_col=2, max_col=2):
        row[0].number_format = xlsx.FORMATS["date"]


def report_xlsx(year: int, as_of: date, rows: list[UnitFacts], t: Totals) -> bytes:
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(rows_xlsx(rows, today=as_of)))
    _totals_sheet(book, year, as_of, t)
    return xlsx.to_bytes(book)


def report_pdf(year: int, as_of: date, rows: list[UnitFacts], t: Totals) -> RenderedDocument:
    return render_pdf(
        template_name="agency/pdf/project_report.html",
        context={
            "title": _("Zpráva projektu za rok %(year)s") % {"year": year},
            "year": year,
            "as_of": date_short(as_of),
            "prepared_on": date_short(timezone.localdate()),
            "rows": rows,
            "totals": t,
            "publicity": {"shown": False},
        },
        filename=f"zprava-projektu-{year}.pdf",
        archival=True,
    )


def _json_totals(t: Totals) -> dict:
    return {k: (str(v) if not isinstance(v, int | dict) else v) for k, v in asdict(t).items()}


def submit(*, units: QuerySet[TerritorialUnit], year: int, user) -> ProjectReport:
    """Generate the report of ``year`` and keep it as submitted."""
    as_of, rows, t = report_rows(units, year)
    pdf = report_pdf(year, as_of, rows, t)
    workbook = report_xlsx(year, as_of, rows, t)
    with transaction.atomic():
        report = ProjectReport(
            year=year, as_of=as_of, units=t.units, totals=_json_totals(t), submitted_by=user
        )
        report.pdf.save(pdf.filename, ContentFile(pdf.content), save=False)
        report.xlsx.save(f"zprava-projektu-{year}.xlsx", ContentFile(workbook), save=False)
        report.save()
    return report


__all__ = ["XLSX", "period_end", "report_pdf", "report_rows", "report_xlsx", "submit"]
