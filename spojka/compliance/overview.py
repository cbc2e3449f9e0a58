"""The agency's overview of all cooperations it may see: one row per unit, a light per activity.

Filtered, sorted and paged in the database on the units' precomputed statuses (``stored.py``): a
constant number of queries whatever the number of units, and no evaluation once they are fresh.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _

from spojka.accounts.models import Membership, Role
from spojka.compliance import stored
from spojka.compliance.engine import Status
from spojka.cooperation.models import Region, TerritorialUnit
from spojka.lib import xlsx
from spojka.lib.urls import url_maker

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


@dataclass(frozen=True)
class ListedUnit:
    pk: int
    name: str
    slug: str


@dataclass
class UnitRow:
    unit: ListedUnit
    region: str  # the region's label
    url: str  # the unit's dashboard
    valid_to: date | None  # of the current description (stored with the statuses)
    status: Status
    activities: list[ActivityLight] = field(default_factory=list)
    consultants: list[str] = field(default_factory=list)


PAGE_SIZE = 50
ROW_VALUES = (
    "pk",
    "name",
    "slug",
    "region",
    "status_summary__worst",
    "status_summary__valid_to",
    "status_summary__lights",
)
ORDERINGS = {
    "name": ("name", "pk"),
    "region": ("region", "name", "pk"),
    "valid_to": (F("status_summary__valid_to").asc(nulls_last=True), "name", "pk"),
    "status": ("-status_summary__severity", "name", "pk"),
}


def _filtered(
    *, units: QuerySet[TerritorialUnit], today: date, region: str, status: str, sort: str
) -> QuerySet:
    """The units to list, filtered and ordered in the database on their stored statuses."""
    stored.fresh_summaries(units, today)
    units = TerritorialUnit.objects.filter(pk__in=units.values("pk"))
    if region:
        units = units.filter(region=region)
    if status:
        units = units.filter(status_summary__worst=status)
    # Plain values, not model instances: a page lists up to every unit, and a row shows only these.
    return units.order_by(*ORDERINGS.get(sort, ORDERINGS["name"])).values_list(*ROW_VALUES)


def _rows(values: list[tuple]) -> list[UnitRow]:
    """Rows of the listed units (``ROW_VALUES``) with their consultants (one query).

    Names, links and labels are looked up once per page, not once per row.
    """
    consultants: dict[int, list[str]] = defaultdict(list)
    for membership in (
        Membership.objects.active()
        .filter(unit__in=[v[0] for v in values], role=Role.CONSULTANT)
        .select_related("user")
        .only("unit_id", "user__first_name", "user__last_name", "user__username")
        .order_by("user__last_name", "user__username")
    ):
        consultants[membership.unit_id].append(str(membership.user))
    regions = {code: str(label) for code, label in Region.choices}
    dashboard_url = url_maker("compliance:dashboard", "unit")
    return [
        UnitRow(
            unit=ListedUnit(pk, name, slug),
            region=regions.get(region, region),
            url=dashboard_url(slug),
            valid_to=valid_to,
            status=Status(worst or Status.NO_RULE),
            activities=[
                ActivityLight(name=activity, status=Status(light)) for activity, light in lights or []
            ],
            consultants=consultants.get(pk, []),
        )
        for pk, name, slug, region, worst, valid_to, lights in values
    ]


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
    """The overview as a workbook: one sheet per unit row, one per unit × activity.

    Written by lib/xlsx: text stays text (a unit or activity name is never a formula).
    """
    book = xlsx.workbook(
        _("Přehled"),
        [
            xlsx.Column(_("Územní celek"), width=40),
            xlsx.Column(_("Kraj"), width=22),
            xlsx.Column(_("Konzultant ASZ"), width=28),
            xlsx.Column(_("Platnost do"), kind="date", width=14),
            xlsx.Column(_("Celkový stav"), width=20),
            xlsx.Column(_("Činnosti"), width=80, wrap=True),
        ],
        [
            (
                row.unit.name,
                row.region,
                ", ".join(row.consultants),
                row.valid_to,
                str(row.status.label),
                "\n".join(f"{a.name}: {a.status.label}" for a in row.activities),
            )
            for row in rows
        ],
    )
    xlsx.write_sheet(
        book.create_sheet(str(_("Činnosti"))),
        [
            xlsx.Column(_("Územní celek"), width=40),
            xlsx.Column(_("Činnost"), width=40),
            xlsx.Column(_("Stav"), width=20),
        ],
        [
            (row.unit.name, activity.name, str(activity.status.label))
            for row in rows
            for activity in row.activities
        ],
    )
    return xlsx.to_bytes(book)
