"""The agency home's rows: read from the precomputed rows (``stored.py``), filtered in the
database, sorted on every column.

The filtered rows are read as plain values (no model instance, no evaluation once they are fresh),
so the totals above the table cover the whole filtered set, not only the page shown; the sort then
orders them with Czech collation, which neither database offers alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from spojka.accounts.models import Membership, Role, User
from spojka.agency import stored
from spojka.agency.facts import ENDING_DAYS, STATE_LABELS, FactsReading, PlanState, State
from spojka.agency.models import SupportType
from spojka.cooperation.models import CooperationDescription, Region, TerritorialUnit
from spojka.cooperation.validity import validity_on
from spojka.lib import xlsx
from spojka.lib.czech import collation_key
from spojka.lib.urls import url_maker

__all__ = ["ENDING_DAYS", "Params", "rows", "rows_xlsx", "sort_links", "users_without_email"]


def _none_last(value):
    return (value is None, value if value is not None else 0)


@dataclass(frozen=True)
class ListedUnit:
    pk: int
    name: str
    slug: str
    region: str


@dataclass(frozen=True)
class Consultant:
    pk: int
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass
class Row(FactsReading):
    """A unit's stored row (``StoredFacts``) as the home and its export show it."""

    unit: ListedUnit
    state: str
    description_id: int | None
    valid_to: date | None
    days_left: int | None
    plan_id: int | None
    plan_state: str
    plan_percent: int | None
    plan_approved_on: date | None
    statement_on: date | None
    lp_held: int
    lp_required: int | None
    lp_due_by_now: int
    lp_behind: bool
    lp_last: date | None
    training_in_person: Decimal
    training_distance: Decimal
    training_counted: Decimal | None
    training_committed: Decimal | None
    training_cap: Decimal | None
    training_percent: Decimal | None
    open_tasks: int
    overdue_tasks: int
    failing: int | None
    consultants: list[Consultant]
    support_type: str
    memorandum_on: date | None
    validity_label: str = field(default="")  # filled by ``with_validity`` for the rows shown

    @property
    def plan_url(self) -> str:
        return (
            url_maker("plans:plan_detail", "unit", "pk")(self.unit.slug, self.plan_id) if self.plan_id else ""
        )


ROW_VALUES = ["unit_id", "unit__name", "unit__slug", "unit__region", *stored.FACT_FIELDS]


def _row(values: dict) -> Row:
    unit = ListedUnit(
        values.pop("unit_id"), values.pop("unit__name"), values.pop("unit__slug"), values.pop("unit__region")
    )
    values["consultants"] = [Consultant(pk, name) for pk, name in values["consultants"]]
    return Row(unit=unit, **values)


def with_validity(found: Iterable[Row], today: date) -> None:
    """Fill the validity label ("platné do …", "platnost skončila dne …") of ``found`` (one query)."""
    found = [f for f in found if f.description_id is not None]
    descriptions = CooperationDescription.objects.only("status", "valid_from", "valid_to").in_bulk(
        {f.description_id for f in found}
    )
    for f in found:
        if f.description_id in descriptions:
            f.validity_label = validity_on(descriptions[f.description_id], today).label


# Sort key → (column header, key over the rows). Every column of the table is sortable.
SORTS: dict[str, tuple[str, Callable[[Row], object]]] = {
    "name": (_("Územní celek"), lambda f: collation_key(f.unit.name)),
    "region": (_("Kraj"), lambda f: collation_key(Region.label_of(f.unit.region))),
    "state": (_("Stav spolupráce"), lambda f: list(STATE_LABELS).index(f.state)),
    "days": (_("Dní do konce"), lambda f: _none_last(f.days_left)),
    "plan": (
        _("Plán"),
        lambda f: (f.plan_state != "approved", f.plan_state != "draft", -(f.plan_percent or 0)),
    ),
    "lp": (_("Jednání LP letos"), lambda f: (not f.lp_behind, f.lp_held - (f.lp_required or 0))),
    "training": (_("Hodiny vzdělávání"), lambda f: _none_last(f.training_percent)),
    "tasks": (_("Úkoly"), lambda f: (-f.overdue_tasks, -f.open_tasks)),
    "failing": (_("Neplněná pravidla"), lambda f: -(f.failing or 0)),
    "consultant": (
        _("Konzultant ASZ"),
        lambda f: collation_key(", ".join(str(u) for u in f.consultants) or "\uffff"),
    ),
    "support": (_("Typ podpory"), lambda f: f.support_label or "\uffff"),
    "funding": (
        _("Připravenost k financování"),
        lambda f: -sum(map(bool, (f.memorandum_on, f.plan_approved_on, f.statement_on))),
    ),
}


def _flag(value: str | None) -> bool:
    return value in ("1", "on", "true")


@dataclass(frozen=True)
class Params:
    region: str = ""
    consultant: str = ""
    state: str = ""
    ending: bool = False
    no_plan: bool = False
    lp_behind: bool = False
    support: str = ""
    sort: str = "name"

    @classmethod
    def from_query(cls, query) -> Params:
        sort = query.get("razeni", "name")
        if sort.lstrip("-") not in SORTS:
            sort = "name"
        consultant = query.get("konzultant", "")
        return cls(
            region=query.get("kraj", "") if query.get("kraj", "") in Region.values else "",
            consultant=consultant if consultant.isdigit() else "",
            state=query.get("stav", "") if query.get("stav", "") in STATE_LABELS else "",
            ending=_flag(query.get("konci")),
            no_plan=_flag(query.get("bez_planu")),
            lp_behind=_flag(query.get("lp_pozadu")),
            support=query.get("podpora", "") if query.get("podpora", "") in SupportType.values else "",
            sort=sort,
        )

    def as_query(self) -> dict[str, str]:
        names = {
            "region": "kraj",
            "consultant": "konzultant",
            "state": "stav",
            "ending": "konci",
            "no_plan": "bez_planu",
            "lp_behind": "lp_pozadu",
            "support": "podpora",
            "sort": "razeni",
        }
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "sort" and value == "name":
                continue
            if value is True:
                out[names[f.name]] = "1"
            elif value:
                out[names[f.name]] = value
        return out

    def query(self) -> str:
        return urlencode(self.as_query())


def _filtered_units(units: QuerySet[TerritorialUnit], params: Params) -> QuerySet[TerritorialUnit]:
    if params.region:
        units = units.filter(region=params.region)
    if params.consultant:
        units = units.filter(
            pk__in=Membership.objects.active()
            .filter(role=Role.CONSULTANT, user_id=int(params.consultant))
            .values("unit_id")
        )
    return units.order_by("name", "pk")


def rows(*, units: QuerySet[TerritorialUnit], params: Params, today: date) -> list[Row]:
    """The stored rows of the units matching ``params``, sorted (their validity labels not filled)."""
    found = stored.fresh(_filtered_units(units, params), today)
    if params.state:
        found = found.filter(state=params.state)
    if params.ending:
        found = found.filter(state=State.ENDING)
    if params.no_plan:
        found = found.exclude(plan_state=PlanState.APPROVED)
    if params.lp_behind:
        found = found.filter(lp_behind=True)
    if params.support:
        found = found.filter(support_type=params.support)
    found = [_row(values) for values in found.values(*ROW_VALUES)]
    key = SORTS[params.sort.lstrip("-")][1]
    found.sort(key=lambda f: (key(f), collation_key(f.unit.name)), reverse=params.sort.startswith("-"))
    return found


@dataclass(frozen=True)
class SortLink:
    key: str
    label: str
    query: str
    active: str  # "", "ascending" or "descending" (aria-sort)


def sort_links(params: Params) -> dict[str, SortLink]:
    links = {}
    for key, (label, _key) in SORTS.items():
        current = params.sort.lstrip("-") == key
        descending = params.sort.startswith("-")
        next_sort = f"-{key}" if current and not descending else key
        active = ("descending" if descending else "ascending") if current else ""
        links[key] = SortLink(key, str(label), replace(params, sort=next_sort).query(), active)
    return links


def users_without_email(units: QuerySet[TerritorialUnit]) -> list[User]:
    """Active users of the units (and agency admins) who have no e-mail address: they get no digest."""
    members = Membership.objects.active().filter(unit__in=units).values("user_id")
    return list(
        User.objects.filter(is_active=True, email="")
        .filter(pk__in=members)
        .union(User.objects.filter(is_active=True, email="", is_agency_admin=True))
        .order_by("last_name", "username")
    )


def rows_xlsx(found: list[FactsReading], *, today: date) -> bytes:
    """The rows as a workbook with real types (lib/xlsx); the LP columns name the year of ``today``
    (the project report of a past year passes its last day)."""
    year = {"year": today.year}
    columns = [
        xlsx.Column(_("Územní celek"), width=36),
        xlsx.Column(_("Kraj"), width=20),
        xlsx.Column(_("Stav spolupráce"), width=26),
        xlsx.Column(_("Platnost do"), kind="date", width=13),
        xlsx.Column(_("Dní do konce"), kind="int", width=10),
        xlsx.Column(_("Plán"), width=12),
        xlsx.Column(_("Plnění plánu"), kind="percent", width=10),
        xlsx.Column(_("Jednání LP v roce %(year)s") % year, kind="int", width=10),
        xlsx.Column(_("Jednání LP požadováno v roce %(year)s") % year, kind="int", width=10),
        xlsx.Column(_("Poslední jednání LP"), kind="date", width=13),
        xlsx.Column(_("Hodiny prezenčně"), kind="decimal", width=11),
        xlsx.Column(_("Hodiny distančně"), kind="decimal", width=11),
        xlsx.Column(_("Hodiny započtené"), kind="decimal", width=11),
        xlsx.Column(_("Závazek hodin"), kind="decimal", width=11),
        xlsx.Column(_("Limit distančních hodin"), kind="decimal", width=11),
        xlsx.Column(_("Otevřené úkoly"), kind="int", width=10),
        xlsx.Column(_("Úkoly po termínu"), kind="int", width=10),
        xlsx.Column(_("Neplněná pravidla"), kind="int", width=10),
        xlsx.Column(_("Konzultant ASZ"), width=26),
        xlsx.Column(_("Typ podpory"), width=20),
        xlsx.Column(_("Memorandum podepsáno"), kind="date", width=13),
        xlsx.Column(_("Plán schválen zastupitelstvem"), kind="date", width=13),
        xlsx.Column(_("Stanovisko agentury"), kind="date", width=13),
    ]
    data = [
        (
            f.unit.name,
            Region.label_of(f.unit.region),
            f.state_label,
            f.valid_to,
            f.days_left,
            f.plan_label,
            None if f.plan_percent is None else f.plan_percent / 100,
            f.lp_held,
            f.lp_required,
            f.lp_last,
            f.training_in_person,
            f.training_distance,
            f.training_counted,
            f.training_committed,
            f.training_cap,
            f.open_tasks,
            f.overdue_tasks,
            f.failing,
            ", ".join(str(u) for u in f.consultants),
            f.support_label,
            f.memorandum_on,
            f.plan_approved_on,
            f.statement_on,
        )
        for f in found
    ]
    return xlsx.to_bytes(xlsx.workbook(_("Územní celky"), columns, data))
