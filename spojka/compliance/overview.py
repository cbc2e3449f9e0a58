"""The agency's overview of all cooperations it may see: one row per unit, a light per activity.

A constant number of queries whatever the number of units (see ``evaluation.evaluate_descriptions``).
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from spojka.accounts.models import Membership, Role
from spojka.compliance import engine, evaluation
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


def _rows(*, units: QuerySet[TerritorialUnit], region: str) -> list[UnitRow]:
    """Every unit with its current description and consultants, not evaluated yet (three queries)."""
    if region:
        units = units.filter(region=region)
    unit_list = list(units.order_by("name").distinct())
    descriptions = evaluation.current_descriptions(unit_list)
    consultants: dict[int, list[str]] = defaultdict(list)
    for membership in (
        Membership.objects.active()
        .filter(unit__in=unit_list, role=Role.CONSULTANT)
        .select_related("user")
        .order_by("user__last_name", "user__username")
    ):
        consultants[membership.unit_id].append(str(membership.user))
    return [
        UnitRow(
            unit=unit,
            description=descriptions.get(unit.pk),
            status=Status.NO_RULE,
            consultants=consultants.get(unit.pk, []),
        )
        for unit in unit_list
    ]


def _evaluate(rows: list[UnitRow], today: date) -> None:
    """Fill in the activity lights of the given rows (a constant number of queries)."""
    evaluated = evaluation.evaluate_descriptions(
        descriptions=[r.description for r in rows if r.description], today=today
    )
    for row in rows:
        statuses = evaluated.get(row.description.pk, []) if row.description else []
        row.activities = [ActivityLight(name=a.activity.name, status=a.status) for a in statuses]
        row.status = engine.worst_status(statuses=(a.status for a in row.activities))


def _sort(rows: list[UnitRow], sort: str) -> None:
    if sort == "region":
        rows.sort(key=lambda r: (str(r.unit.get_region_display()), r.unit.name))
    elif sort == "valid_to":
        rows.sort(key=lambda r: (r.valid_to or date.max, r.unit.name))
    elif sort == "status":
        rows.sort(key=lambda r: (-r.status.severity, r.unit.name))


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
    """One page of the overview.

    Filtering or sorting by status needs every unit evaluated; otherwise only the units shown on
    the page are (sorting by name, region or end of validity needs no evaluation).
    """
    rows = _rows(units=units, region=region)
    everything = bool(status) or sort == "status"
    if everything:
        _evaluate(rows, today)
        if status:
            rows = [r for r in rows if r.status == status]
    _sort(rows, sort)
    shown = Paginator(rows, page_size).get_page(page)
    if not everything:
        _evaluate(shown.object_list, today)
    return shown


def overview_rows(
    *, units: QuerySet[TerritorialUnit], today: date, region: str = "", status: str = "", sort: str = "name"
) -> list[UnitRow]:
    """Every row of the overview, evaluated, filtered and sorted (for the export)."""
    rows = _rows(units=units, region=region)
    _evaluate(rows, today)
    if status:
        rows = [r for r in rows if r.status == status]
    _sort(rows, sort)
    return rows


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
