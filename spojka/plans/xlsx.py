"""A whole plan as an XLSX workbook, both ways, in one format.

Each sheet is described once in ``SHEETS``; export and import both read that description, so the
two cannot drift apart. Rows refer to their parent by code (the codes are unique per level within a
plan). Choices are written as their Czech labels, so the file can be edited in Excel by people.

The import is all or nothing: every row is checked first and every problem is reported with its
sheet and row number; only a file without errors is saved, in one transaction, as a new plan.
The yearly monitoring travels too (rounds with their approval time, and each measure's status and
comment per year), so an approved year stays approved, and locked, after an import.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from spojka.cooperation.models import TerritorialUnit, ThematicArea
from spojka.lib import xlsx
from spojka.lib.seasons import Season
from spojka.lib.uploads import worksheet_rows_exceed
from spojka.plans.models import (
    FundingSource,
    Goal,
    ImplementationStatus,
    InclusionPlan,
    Indicator,
    IndicatorKind,
    IndicatorValue,
    InterventionType,
    Measure,
    MeasureReport,
    MonitoringRound,
    PlanAction,
    PlanKind,
    PlanStatus,
    PriorityArea,
    StrategicDocument,
)

YES, NO = "ano", "ne"


@dataclass(frozen=True)
class Column:
    header: str
    attr: str
    kind: str = "str"  # str, int, dec, date, bool, choice, ref
    choices: list | None = None
    required: bool = False


def _choice(attr: str, header: str, choices, required: bool = False) -> Column:
    return Column(header, attr, "choice", list(choices), required)


NODE = [
    Column("kód", "code", required=True),
    Column("název", "name", required=True),
    Column("popis", "description"),
    Column("pořadí", "order", "int"),
    Column("ukázkový obsah", "is_example", "bool"),
]
IMPLEMENTATION = NODE + [
    Column("nositel", "responsible"),
    Column("partneři", "partners"),
    Column("termín (datum)", "due_date", "date"),
    _choice("due_season", "termín (roční období)", Season.choices),
    Column("termín (rok)", "due_year", "int"),
    Column("odhad rozpočtu (Kč)", "budget", "dec"),
    _choice("funding_source", "zdroj financování", FundingSource.choices),
    _choice("intervention_type", "typ intervence", InterventionType.choices),
    _choice("status", "stav plnění", ImplementationStatus.choices, required=True),
]

PLAN_FIELDS = [
    _choice("kind", "druh plánu", PlanKind.choices, required=True),
    Column("název", "title", required=True),
    Column("období od roku", "year_from", "int", required=True),
    Column("období do roku", "year_to", "int", required=True),
    _choice("status", "stav", PlanStatus.choices, required=True),
    Column("číslo schvalujícího usnesení", "resolution_number"),
    Column("datum schválení", "resolution_date", "date"),
    Column("cílová skupina", "target_group"),
    Column("hlavní cíl", "main_goal"),
    Column("ukázkový obsah", "is_example", "bool"),
]


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: the sheets key the parsed rows
class Sheet:
    title: str
    model: type[models.Model]
    parent: str | None  # attribute of the parent FK
    parent_header: str | None
    columns: list[Column]


STRATEGIC_DOCUMENTS = Sheet(
    "Strategické dokumenty",
    StrategicDocument,
    None,
    None,
    [
        Column("dokument", "title", required=True),
        Column("období", "period"),
        Column("pořadí", "order", "int"),
    ],
)
AREAS = Sheet(
    "Oblasti",
    PriorityArea,
    None,
    None,
    NODE + [Column("tematická oblast spolupráce", "thematic_area", "ref")],
)
GOALS = Sheet("Cíle", Goal, "area", "kód oblasti", NODE)
MEASURES = Sheet("Opatření", Measure, "goal", "kód cíle", IMPLEMENTATION)
ACTIONS = Sheet("Aktivity", PlanAction, "measure", "kód opatření", IMPLEMENTATION)
INDICATORS = Sheet(
    "Indikátory",
    Indicator,
    "owner",
    "kód cíle nebo opatření",
    [
        Column("patří k", "owner_level", "choice", [("goal", "cíl"), ("measure", "opatření")], True),
        Column("kód", "code", required=True),
        Column("název", "name", required=True),
        _choice("kind", "druh", IndicatorKind.choices, required=True),
        Column("měrná jednotka", "unit_of_measure", required=True),
        Column("výchozí hodnota", "baseline_value", "dec", required=True),
        Column("rok výchozí hodnoty", "baseline_year", "int", required=True),
        Column("cílová hodnota", "target_value", "dec", required=True),
        Column("rok cílové hodnoty", "target_year", "int", required=True),
        Column("pořadí", "order", "int"),
        Column("ukázkový obsah", "is_example", "bool"),
    ],
)
VALUES = Sheet(
    "Hodnoty",
    IndicatorValue,
    "indicator",
    "kód indikátoru",
    [
        Column("rok", "year", "int", required=True),
        Column("naměřená hodnota", "value", "dec", required=True),
        Column("zdroj údaje", "source"),
        Column("poznámka", "note"),
    ],
)
ROUNDS = Sheet(
    "Monitorování",
    MonitoringRound,
    None,
    None,
    [
        Column("rok", "year", "int", required=True),
        Column("souhrnný komentář", "note"),
        Column("schváleno", "approved_at", "datetime"),
        Column("ukázkový obsah", "is_example", "bool"),
    ],
)
REPORTS = Sheet(
    "Stavy opatření",
    MeasureReport,
    None,
    None,
    [
        Column("rok", "round_year", "int", required=True),
        Column("kód opatření", "measure_code", required=True),
        _choice("status", "stav plnění", ImplementationStatus.choices, required=True),
        Column("komentář", "comment"),
    ],
)
# In the workbook's order, which is also the order of saving: parents before children.
SHEETS = [STRATEGIC_DOCUMENTS, AREAS, GOALS, MEASURES, ACTIONS, INDICATORS, VALUES, ROUNDS, REPORTS]
# Codes are unique per level (and across indicators), so a row finds its parent by code.
CODED_SHEETS = [AREAS, GOALS, MEASURES, ACTIONS, INDICATORS]
# Sheets whose rows hang directly on the plan.
PLAN_CHILDREN = [STRATEGIC_DOCUMENTS, AREAS, ROUNDS]
PLAN_SHEET = "Plán"
# Rows a sheet may have, blank ones included: a real plan has a few hundred at most.
MAX_ROWS = 5000

# --------------------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------------------


def _out(column: Column, value):
    if column.kind == "datetime":
        # Excel has no time zones: local time is written, and read back as local time.
        return timezone.localtime(value).replace(tzinfo=None) if value else None
    if column.kind == "bool":
        return YES if value else NO
    if column.kind == "choice":
        return str(dict(column.choices).get(value, "")) if value else None
    if column.kind == "ref":
        return value.name if value else None
    if value == "":
        return None
    return value


def _rows_of(plan: InclusionPlan) -> dict[Sheet, list[tuple[str | None, object]]]:
    """(parent code, object) per sheet, from a plan with its tree prefetched."""
    rows: dict[Sheet, list] = {sheet: [] for sheet in SHEETS}
    rows[STRATEGIC_DOCUMENTS] = [(None, d) for d in plan.strategic_documents.all()]
    for area in plan.areas.all():
        rows[AREAS].append((None, area))
        for goal in area.goals.all():
            rows[GOALS].append((area.code, goal))
            for indicator in goal.indicators.all():
                indicator.owner_level = "goal"
                rows[INDICATORS].append((goal.code, indicator))
            for measure in goal.measures.all():
                rows[MEASURES].append((goal.code, measure))
                rows[ACTIONS] += [(measure.code, a) for a in measure.actions.all()]
                for indicator in measure.indicators.all():
                    indicator.owner_level = "measure"
                    rows[INDICATORS].append((measure.code, indicator))
    for _code, indicator in rows[INDICATORS]:
        rows[VALUES] += [(indicator.code, v) for v in indicator.values.all()]
    rounds = sorted(plan.monitoring_rounds.all(), key=lambda r: r.year)
    rows[ROUNDS] = [(None, r) for r in rounds]
    for round in rounds:
        for report in sorted(round.reports.all(), key=lambda r: r.measure.code):
            report.round_year, report.measure_code = round.year, report.measure.code
            rows[REPORTS].append((None, report))
    return rows


LIB_KINDS = {"date": "date", "datetime": "datetime", "int": "int", "dec": "decimal"}


def _lib_column(header: str, kind: str = "str") -> xlsx.Column:
    return xlsx.Column(header, kind=LIB_KINDS.get(kind, "text"), width=22)


def export_plan(plan: InclusionPlan) -> bytes:
    """The plan (with its tree prefetched, see selectors.plan_tree_queryset) as XLSX bytes.

    Cells are written by lib/xlsx: text stays text, so a name starting with "=" is no formula.
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = PLAN_SHEET
    xlsx.write_sheet(
        sheet,
        [_lib_column("údaj"), _lib_column("hodnota")],
        [(column.header, _out(column, getattr(plan, column.attr))) for column in PLAN_FIELDS],
    )
    # The monitoring is loaded here, not in the tree query the plan pages share.
    prefetch_related_objects(
        [plan],
        models.Prefetch(
            "monitoring_rounds",
            queryset=MonitoringRound.objects.prefetch_related(
                models.Prefetch("reports", queryset=MeasureReport.objects.select_related("measure"))
            ),
        ),
    )
    rows = _rows_of(plan)
    for spec in SHEETS:
        columns = ([_lib_column(spec.parent_header)] if spec.parent_header else []) + [
            _lib_column(c.header, c.kind) for c in spec.columns
        ]
        values = [
            ([parent_code] if spec.parent_header else [])
            + [_out(c, getattr(obj, c.attr)) for c in spec.columns]
            for parent_code, obj in rows[spec]
        ]
        xlsx.write_sheet(workbook.create_sheet(spec.title), columns, values)
    return xlsx.to_bytes(workbook)


# --------------------------------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------------------------------


class ImportErrors(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


EMPTY = {"bool": False, "int": None, "dec": None, "date": None, "datetime": None, "ref": None}


def _parse(column: Column, raw, refs: dict[str, object]):
    """The Python value of one cell, or raise ValueError with a Czech message."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if column.required:
            raise ValueError(_("chybí povinný údaj „%(col)s“") % {"col": column.header})
        return EMPTY.get(column.kind, "")
    return PARSERS[column.kind](column, raw, refs)


def _parse_str(column: Column, raw, refs) -> str:
    return str(raw).strip() if not isinstance(raw, int | float) else _number_text(raw)


def _parse_int(column: Column, raw, refs) -> int:
    try:
        number = Decimal(str(raw).strip())
    except InvalidOperation:
        number = None
    if number is None or number != number.to_integral_value():
        raise ValueError(
            _("„%(col)s“ musí být celé číslo, ne „%(raw)s“") % {"col": column.header, "raw": raw}
        )
    return int(number)


def _parse_dec(column: Column, raw, refs) -> Decimal:
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        return Decimal(text).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValueError(
            _("„%(col)s“ musí být číslo, ne „%(raw)s“") % {"col": column.header, "raw": raw}
        ) from None


def _parse_datetime(column: Column, raw, refs) -> datetime:
    if not isinstance(raw, datetime):
        raise ValueError(
            _("„%(col)s“ musí být datum a čas, ne „%(raw)s“") % {"col": column.header, "raw": raw}
        )
    return timezone.make_aware(raw) if timezone.is_naive(raw) else raw


def _parse_date(column: Column, raw, refs) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    try:
        day, month, year = (int(p) for p in str(raw).replace(" ", "").split("."))
        return date(year, month, day)
    except ValueError:
        raise ValueError(
            _("„%(col)s“ musí být datum (např. 21. 9. 2021), ne „%(raw)s“")
            % {"col": column.header, "raw": raw}
        ) from None


def _parse_bool(column: Column, raw, refs) -> bool:
    text = str(raw).strip().lower()
    if text not in (YES, NO):
        raise ValueError(_("„%(col)s“ musí být „ano“ nebo „ne“") % {"col": column.header})
    return text == YES


def _parse_choice(column: Column, raw, refs) -> str:
    by_label = {str(label).lower(): value for value, label in column.choices}
    value = by_label.get(str(raw).strip().lower())
    if value is None:
        raise ValueError(
            _("neznámá hodnota „%(raw)s“ ve sloupci „%(col)s“; povolené: %(allowed)s")
            % {
                "raw": raw,
                "col": column.header,
                "allowed": ", ".join(str(label) for _v, label in column.choices),
            }
        )
    return value


def _parse_ref(column: Column, raw, refs):
    found = refs.get(str(raw).strip())
    if found is None:
        raise ValueError(_("tematická oblast spolupráce „%(raw)s“ v územním celku není") % {"raw": raw})
    return found


PARSERS: dict[str, Callable] = {
    "str": _parse_str,
    "int": _parse_int,
    "dec": _parse_dec,
    "datetime": _parse_datetime,
    "date": _parse_date,
    "bool": _parse_bool,
    "choice": _parse_choice,
    "ref": _parse_ref,
}


def _number_text(raw) -> str:
    return str(int(raw)) if float(raw).is_integer() else str(raw)


def _sheet_rows(workbook, title: str, headers: list[str], errors: list[str]) -> list[tuple[int, list]]:
    if title not in workbook.sheetnames:
        errors.append(_("Chybí list „%(sheet)s“.") % {"sheet": title})
        return []
    rows = _limited_rows(workbook[title], title, errors)
    first = next(rows, None) or []
    found = [str(v).strip() if v is not None else "" for v in first][: len(headers)]
    if found != headers:
        errors.append(
            _("List „%(sheet)s“ nemá očekávané sloupce: %(headers)s.")
            % {"sheet": title, "headers": ", ".join(headers)}
        )
        return []
    result = []
    for number, row in enumerate(rows, start=2):
        cells = list(row[: len(headers)]) + [None] * (len(headers) - len(row))
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        result.append((number, cells))
    return result


def _limited_rows(ws, title: str, errors: list[str]) -> Iterator[tuple]:
    """The sheet's rows, streamed; every row counts towards the limit, blank ones too (a sheet of
    a million blank rows would otherwise hold the worker)."""
    for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            errors.append(
                _("List „%(sheet)s“ má víc než %(n)s řádků; tolik jich plán mít nemůže.")
                % {"sheet": title, "n": MAX_ROWS}
            )
            return
        yield row


def _field_messages(model: type[models.Model], exc: ValidationError) -> list[str]:
    """Model validation messages prefixed with the field's Czech name ("název: ...")."""
    result = []
    for name, messages in exc.message_dict.items():
        try:
            label = str(model._meta.get_field(name).verbose_name)
        except Exception:  # NON_FIELD_ERRORS or a non-field attribute
            label = ""
        text = " ".join(messages)
        result.append(f"{label}: {text}" if label else text)
    return result


def _row_error(sheet: str, number: int, message: str) -> str:
    return _("List „%(sheet)s“, řádek %(row)s: %(message)s") % {
        "sheet": sheet,
        "row": number,
        "message": message,
    }


@dataclass
class Row:
    """One filled row of a sheet: its number for messages, its parent's code, the unsaved object and,
    once linked, the objects its foreign keys point to (attribute → object)."""

    number: int
    parent_code: str | None
    obj: models.Model
    links: dict[str, models.Model | None] = field(default_factory=dict)


Rows = dict[Sheet, list[Row]]


def import_plan(*, unit: TerritorialUnit, content: bytes) -> InclusionPlan:
    """Create a new plan of ``unit`` from an XLSX file made by ``export_plan``; raise ImportErrors.

    Every step adds its problems to one list, so the user sees all of them at once; nothing is saved
    unless the list stays empty.
    """
    workbook = _open(content)
    errors: list[str] = []
    refs = {a.name: a for a in ThematicArea.objects.filter(unit=unit)}
    plan = _read_plan(workbook, unit, refs, errors)
    rows = {spec: _read_sheet(workbook, spec, unit, refs, errors) for spec in SHEETS}
    by_code = _codes(rows, errors)
    _link_parents(rows, by_code, errors)
    _link_reports(rows, by_code, errors)
    _check_values(rows, errors)
    _clean(rows, errors)
    if errors:
        raise ImportErrors(errors)
    return _save(plan, rows)


def _open(content: bytes):
    if worksheet_rows_exceed(content, MAX_ROWS):
        raise ImportErrors(
            [
                _("Sešit má na některém listu víc než %(n)s řádků; tolik jich plán mít nemůže.")
                % {"n": MAX_ROWS}
            ]
        )
    try:
        # Read-only streams the sheets instead of building every cell in memory.
        return load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise ImportErrors([_("Soubor nelze přečíst jako sešit XLSX.")]) from None


def _read_plan(workbook, unit: TerritorialUnit, refs: dict, errors: list[str]) -> InclusionPlan:
    """The plan's own fields from the sheet "Plán" (a header and value per row), checked."""
    plan = InclusionPlan(unit=unit)
    plan_values = {}
    if PLAN_SHEET not in workbook.sheetnames:
        errors.append(_("Chybí list „%(sheet)s“.") % {"sheet": PLAN_SHEET})
    else:
        for number, row in enumerate(_limited_rows(workbook[PLAN_SHEET], PLAN_SHEET, errors), start=1):
            if number > 1 and row and row[0]:
                plan_values[str(row[0]).strip()] = (number, row[1] if len(row) > 1 else None)
        for column in PLAN_FIELDS:
            number, raw = plan_values.get(column.header, (None, None))
            try:
                setattr(plan, column.attr, _parse(column, raw, refs))
            except ValueError as exc:
                errors.append(_row_error(PLAN_SHEET, number or "–", str(exc)))
    if not errors:  # a value that failed to parse would be reported twice
        try:
            plan.full_clean(exclude=["unit", "source_plan"])
        except ValidationError as exc:
            errors += [_row_error(PLAN_SHEET, "–", m) for m in _field_messages(InclusionPlan, exc)]
    if plan.year_from and plan.year_to and plan.year_to < plan.year_from:
        errors.append(_row_error(PLAN_SHEET, "–", _("období plánu nemůže skončit dříve, než začne")))
    return plan


def _read_sheet(workbook, spec: Sheet, unit: TerritorialUnit, refs: dict, errors: list[str]) -> list[Row]:
    """The sheet's filled rows as unsaved objects; a row with a bad cell is reported and left out."""
    headers = ([spec.parent_header] if spec.parent_header else []) + [c.header for c in spec.columns]
    rows = []
    for number, cells in _sheet_rows(workbook, spec.title, headers, errors):
        parent_code = None
        if spec.parent_header:
            raw_parent = cells.pop(0)
            parent_code = (
                _number_text(raw_parent)
                if isinstance(raw_parent, int | float)
                else str(raw_parent or "").strip()
            )
            if not parent_code:
                errors.append(
                    _row_error(spec.title, number, _("chybí „%(col)s“") % {"col": spec.parent_header})
                )
                continue
        obj = spec.model(unit=unit)
        row_ok = True
        for column, raw in zip(spec.columns, cells, strict=True):
            try:
                setattr(obj, column.attr, _parse(column, raw, refs))
            except ValueError as exc:
                errors.append(_row_error(spec.title, number, str(exc)))
                row_ok = False
        if row_ok:
            rows.append(Row(number, parent_code, obj))
    return rows


def _codes(rows: Rows, errors: list[str]) -> dict[Sheet, dict[str, models.Model]]:
    """The objects of each coded sheet by their code; a repeated code is reported."""
    by_code: dict[Sheet, dict[str, models.Model]] = {}
    for spec in CODED_SHEETS:
        seen: dict[str, models.Model] = {}
        for row in rows[spec]:
            if row.obj.code in seen:
                errors.append(
                    _row_error(
                        spec.title, row.number, _("kód „%(code)s“ se opakuje") % {"code": row.obj.code}
                    )
                )
            seen[row.obj.code] = row.obj
        by_code[spec] = seen
    return by_code


def _link_parents(rows: Rows, by_code: dict[Sheet, dict[str, models.Model]], errors: list[str]) -> None:
    """Each row of a child sheet finds its parent by the code in its first column."""
    for spec, parent_spec, label in (
        (GOALS, AREAS, _("oblast")),
        (MEASURES, GOALS, _("cíl")),
        (ACTIONS, MEASURES, _("opatření")),
        (VALUES, INDICATORS, _("indikátor")),
    ):
        for row in rows[spec]:
            parent = by_code[parent_spec].get(row.parent_code)
            if parent is None:
                message = _("%(label)s „%(code)s“ v plánu není") % {"label": label, "code": row.parent_code}
                errors.append(_row_error(spec.title, row.number, message))
            else:
                row.links[spec.parent] = parent
    # An indicator belongs to a goal or to a measure, as its column "patří k" says.
    for row in rows[INDICATORS]:
        attr, level = ("goal", GOALS) if row.obj.owner_level == "goal" else ("measure", MEASURES)
        parent = by_code[level].get(row.parent_code)
        if parent is None:
            message = _("cíl nebo opatření „%(code)s“ v plánu není") % {"code": row.parent_code}
            errors.append(_row_error(INDICATORS.title, row.number, message))
        else:
            row.links[attr] = parent


def _link_reports(rows: Rows, by_code: dict[Sheet, dict[str, models.Model]], errors: list[str]) -> None:
    """Monitoring rounds are one per year; a measure's status names its round's year and its code."""
    rounds: dict[int, MonitoringRound] = {}
    for row in rows[ROUNDS]:
        if row.obj.year in rounds:
            message = _("monitorování za rok %(year)s se opakuje") % {"year": row.obj.year}
            errors.append(_row_error(ROUNDS.title, row.number, message))
        rounds[row.obj.year] = row.obj
    reported: set[tuple[int, str]] = set()
    for row in rows[REPORTS]:
        report = row.obj
        round, measure = rounds.get(report.round_year), by_code[MEASURES].get(report.measure_code)
        if round is None:
            message = _("monitorování za rok %(year)s v souboru není") % {"year": report.round_year}
            errors.append(_row_error(REPORTS.title, row.number, message))
        if measure is None:
            message = _("opatření „%(code)s“ v plánu není") % {"code": report.measure_code}
            errors.append(_row_error(REPORTS.title, row.number, message))
        if (report.round_year, report.measure_code) in reported:
            errors.append(_row_error(REPORTS.title, row.number, _("stav opatření za rok se opakuje")))
        reported.add((report.round_year, report.measure_code))
        row.links.update(round=round, measure=measure)


def _check_values(rows: Rows, errors: list[str]) -> None:
    """An indicator has one value per year."""
    years: set[tuple[str, int]] = set()
    for row in rows[VALUES]:
        if (row.parent_code, row.obj.year) in years:
            message = _("hodnota za rok %(year)s se opakuje") % {"year": row.obj.year}
            errors.append(_row_error(VALUES.title, row.number, message))
        years.add((row.parent_code, row.obj.year))


def _clean(rows: Rows, errors: list[str]) -> None:
    """Field lengths and other model rules, before anything is written."""
    for spec, sheet_rows in rows.items():
        for row in sheet_rows:
            try:
                row.obj.full_clean(
                    exclude=["unit", "plan", "area", "goal", "measure", "indicator", "round", "approved_by"],
                    validate_unique=False,
                    validate_constraints=False,
                )
            except ValidationError as exc:
                errors += [_row_error(spec.title, row.number, m) for m in _field_messages(type(row.obj), exc)]


@transaction.atomic
def _save(plan: InclusionPlan, rows: Rows) -> InclusionPlan:
    plan.save()
    for spec in SHEETS:  # parents before children
        for row in rows[spec]:
            if spec in PLAN_CHILDREN:
                row.obj.plan = plan
            for attr, parent in row.links.items():
                setattr(row.obj, attr, parent)
            row.obj.save()
    return plan
