"""The agency's overview of all cooperations it may see: one row per unit, a light per activity.

Filtered, sorted and paged in the database on the units' precomputed statuses (``stored.py``): a
constant number of queries whatever the number of units, and no evaluation once they are fresh.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from spojka.accounts.models import Membership, Role
from spojka.compliance import evaluation, stored
from spojka.compliance.engine import Status
from spojka.cooperation.models import CooperationDescription, TerritorialUnit
from spojka.lib.czech import date_short

SORT_CHOICES = [
    ("name", _("podle názvu")),
    ("region", _("podle kraje")),
    ("valid_to", _("podle konce platnosti")),
    ("status", _("nejhorší stav první")),
]


@dataclass
class ActivityLight:
    name: str
    status: Status


@dataclass
class UnitRow:
    unit: TerritorialUnit
    description: CooperationDescription | None
    status: Status
    activities: list[ActivityLight] = field(default_factory=list)
    consultants: list[str] = field(default_factory=list)

    @property
    def valid_to(self) -> date | None:
        return self.description.valid_to if self.description else None


PAGE_SIZE = 50
ORDERINGS = {
    "name": ("name", "pk"),
    "region": ("region", "name", "pk"),
    "valid_to": (F("status_summary__valid_to").asc(nulls_last=True), "name", "pk"),
    "status": ("-status_summary__severity", "name", "pk"),
}


def _filtered(
    *, units: QuerySet[TerritorialUnit], today: date, region: str, status: str, sort: str
) -> QuerySet[TerritorialUnit]:
    """The units to list, filtered and ordered in the database on their stored statuses."""
    stored.fresh_summaries(units, today)
    units = TerritorialUnit.objects.filter(pk__in=units.values("pk")).select_related("status_summary")
    if region:
        units = units.filter(region=region)
    if status:
        units = units.filter(status_summary__worst=status)
    return units.order_by(*ORDERINGS.get(sort, ORDERINGS["name"]))


def _rows(units: list[TerritorialUnit]) -> list[UnitRow]:
    """Rows of the given units: their current descriptions and consultants (two queries)."""
    descriptions = evaluation.current_descriptions(units)
    consultants: dict[int, list[str]] = defaultdict(list)
    for membership in (
        Membership.objects.active()
        .filter(unit__in=units, role=Role.CONSULTANT)
        .select_related("user")
        .order_by("user__last_name", "user__username")
    ):
        consultants[membership.unit_id].append(str(membership.user))
    rows = []
    for unit in units:
        summary = unit.status_summary
        rows.append(
            UnitRow(
                unit=unit,
                description=descriptions.get(unit.pk),
                status=Status(summary.worst or Status.NO_RULE),
                activities=[ActivityLight(name=name, status=Status(light)) for name, light in summary.lights],
                consultants=consultants.get(unit.pk, []),
            )
        )
    return rows


def overview_page(
    *,
    units: QuerySet[TerritorialUnit],
    today: date,
    region: str = "",
    status: str = "",
    sort: str = "name",
    page: str | int | None = 1,
    page_size: int = PAGE_SIZE,
) -> Page:
    """One page of the overview: filtered, sorted and paged in the database on stored statuses."""
    shown = Paginator(
        _filtered(units=units, today=today, region=region, status=status, sort=sort), page_size
    ).get_page(page)
    shown.object_list = _rows(list(shown.object_list))
    return shown


def overview_rows(
    *, units: QuerySet[TerritorialUnit], today: date, region: str = "", status: str = "", sort: str = "name"
) -> list[UnitRow]:
    """Every row of the overview, filtered and sorted (for the export)."""
    return _rows(list(_filtered(units=units, today=today, region=region, status=status, sort=sort)))


def overview_xlsx(*, rows: list[UnitRow]) -> bytes:
    """The overview as a workbook: one sheet per unit row, one per unit × activity."""
    book = Workbook()
    sheet = book.active
    sheet.title = str(_("Přehled"))
    sheet.append(
        [
            str(_("Územní celek")),
            str(_("Kraj")),
            str(_("Konzultant ASZ")),
            str(_("Platnost do")),
            str(_("Celkový stav")),
            str(_("Činnosti")),
        ]
    )
    for row in rows:
        sheet.append(
            [
                row.unit.name,
                str(row.unit.get_region_display()),
                ", ".join(row.consultants),
                date_short(row.valid_to) if row.valid_to else "",
                str(row.status.label),
                "\n".join(f"{a.name}: {a.status.label}" for a in row.activities),
            ]
        )
    detail = book.create_sheet(str(_("Činnosti")))
    detail.append([str(_("Územní celek")), str(_("Činnost")), str(_("Stav"))])
    for row in rows:
        for activity in row.activities:
            detail.append([row.unit.name, activity.name, str(activity.status.label)])
    for ws in (sheet, detail):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for column, width in zip("ABCDEF", (40, 22, 28, 14, 20, 80), strict=False):
            ws.column_dimensions[column].width = width
    for cells in sheet.iter_rows(min_row=2, min_col=6, max_col=6):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
