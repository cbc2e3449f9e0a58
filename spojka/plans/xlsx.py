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
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from spojka.cooperation.models import TerritorialUnit, ThematicArea
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


@dataclass(frozen=True)
class Sheet:
    title: str
    model: type[models.Model]
    parent: str | None  # attribute of the parent FK
    parent_header: str | None
    columns: list[Column]


SHEETS = [
    Sheet(
        "Strategické dokumenty",
        StrategicDocument,
        None,
        None,
        [
            Column("dokument", "title", required=True),
            Column("období", "period"),
            Column("pořadí", "order", "int"),
        ],
    ),
    Sheet(
        "Oblasti",
        PriorityArea,
        None,
        None,
        NODE + [Column("tematická oblast spolupráce", "thematic_area", "ref")],
    ),
    Sheet("Cíle", Goal, "area", "kód oblasti", NODE),
    Sheet("Opatření", Measure, "goal", "kód cíle", IMPLEMENTATION),
    Sheet("Aktivity", PlanAction, "measure", "kód opatření", IMPLEMENTATION),
    Sheet(
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
    ),
    Sheet(
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
    ),
]
MONITORING_SHEETS = [
    Sheet(
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
    ),
    Sheet(
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
    ),
]
SHEETS += MONITORING_SHEETS
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


def _rows_of(plan: InclusionPlan) -> dict[str, list[tuple[str | None, object]]]:
    """(parent code, object) per sheet, from a plan with its tree prefetched."""
    rows: dict[str, list] = {sheet.title: [] for sheet in SHEETS}
    rows["Strategické dokumenty"] = [(None, d) for d in plan.strategic_documents.all()]
    for area in plan.areas.all():
        rows["Oblasti"].append((None, area))
        for goal in area.goals.all():
            rows["Cíle"].append((area.code, goal))
            for indicator in goal.indicators.all():
                indicator.owner_level = "goal"
                rows["Indikátory"].append((goal.code, indicator))
            for measure in goal.measures.all():
                rows["Opatření"].append((goal.code, measure))
                rows["Aktivity"] += [(measure.code, a) for a in measure.actions.all()]
                for indicator in measure.indicators.all():
                    indicator.owner_level = "measure"
                    rows["Indikátory"].append((measure.code, indicator))
    for _code, indicator in rows["Indikátory"]:
        rows["Hodnoty"] += [(indicator.code, v) for v in indicator.values.all()]
    rounds = sorted(plan.monitoring_rounds.all(), key=lambda r: r.year)
    rows["Monitorování"] = [(None, r) for r in rounds]
    for round in rounds:
        for report in sorted(round.reports.all(), key=lambda r: r.measure.code):
            report.round_year, report.measure_code = round.year, report.measure.code
            rows["Stavy opatření"].append((None, report))
    return rows


def export_plan(plan: InclusionPlan) -> bytes:
    """The plan (with its tree prefetched, see selectors.plan_tree_queryset) as XLSX bytes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = PLAN_SHEET
    sheet.append(["údaj", "hodnota"])
    for column in PLAN_FIELDS:
        sheet.append([column.header, _out(column, getattr(plan, column.attr))])
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
        ws = workbook.create_sheet(spec.title)
        headers = ([spec.parent_header] if spec.parent_header else []) + [c.header for c in spec.columns]
        ws.append(headers)
        for parent_code, obj in rows[spec.title]:
            values = [_out(c, getattr(obj, c.attr)) for c in spec.columns]
            ws.append(([parent_code] if spec.parent_header else []) + values)
    for ws in workbook.worksheets:
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for letter in "ABCDEFGHIJKLMNOPQRSTU":
            ws.column_dimensions[letter].width = 22
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------------------------------


class ImportErrors(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def _parse(column: Column, raw, refs: dict[str, object]):
    """The Python value of one cell, or raise ValueError with a Czech message."""
    empty = raw is None or (isinstance(raw, str) and not raw.strip())
    if empty:
        if column.required:
            raise ValueError(_("chybí povinný údaj „%(col)s“") % {"col": column.header})
        return {"bool": False, "int": None, "dec": None, "date": None, "datetime": None, "ref": None}.get(
            column.kind, ""
        )
    if column.kind == "str":
        return str(raw).strip() if not isinstance(raw, int | float) else _number_text(raw)
    if column.kind == "int":
        try:
            number = Decimal(str(raw).strip())
        except InvalidOperation:
            number = None
        if number is None or number != number.to_integral_value():
            raise ValueError(
                _("„%(col)s“ musí být celé číslo, ne „%(raw)s“") % {"col": column.header, "raw": raw}
            )
        return int(number)
    if column.kind == "dec":
        text = str(raw).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            return Decimal(text).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise ValueError(
                _("„%(col)s“ musí být číslo, ne „%(raw)s“") % {"col": column.header, "raw": raw}
            ) from None
    if column.kind == "datetime":
        if not isinstance(raw, datetime):
            raise ValueError(
                _("„%(col)s“ musí být datum a čas, ne „%(raw)s“") % {"col": column.header, "raw": raw}
            )
        return timezone.make_aware(raw) if timezone.is_naive(raw) else raw
    if column.kind == "date":
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
    if column.kind == "bool":
        text = str(raw).strip().lower()
        if text not in (YES, NO):
            raise ValueError(_("„%(col)s“ musí být „ano“ nebo „ne“") % {"col": column.header})
        return text == YES
    if column.kind == "choice":
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
    if column.kind == "ref":
        found = refs.get(str(raw).strip())
        if found is None:
            raise ValueError(_("tematická oblast spolupráce „%(raw)s“ v územním celku není") % {"raw": raw})
        return found
    raise AssertionError(column.kind)


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
    for field, messages in exc.message_dict.items():
        try:
            label = str(model._meta.get_field(field).verbose_name)
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


def import_plan(*, unit: TerritorialUnit, content: bytes) -> InclusionPlan:
    """Create a new plan of ``unit`` from an XLSX file made by ``export_plan``; raise ImportErrors."""
    errors: list[str] = []
    if worksheet_rows_exceed(content, MAX_ROWS):
        raise ImportErrors(
            [
                _("Sešit má na některém listu víc než %(n)s řádků; tolik jich plán mít nemůže.")
                % {"n": MAX_ROWS}
            ]
        )
    try:
        # Read-only streams the sheets instead of building every cell in memory.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise ImportErrors([_("Soubor nelze přečíst jako sešit XLSX.")]) from None

    refs = {a.name: a for a in ThematicArea.objects.filter(unit=unit)}
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

    # Parse every sheet into unsaved objects, remembering each one's parent code.
    parsed: dict[str, list[tuple[int, str | None, models.Model]]] = {}
    for spec in SHEETS:
        headers = ([spec.parent_header] if spec.parent_header else []) + [c.header for c in spec.columns]
        items = []
        for number, cells in _sheet_rows(workbook, spec.title, headers, errors):
            parent_code = None
            if spec.parent_header:
                raw_parent = cells.pop(0)
                if isinstance(raw_parent, int | float):
                    parent_code = _number_text(raw_parent)
                else:
                    parent_code = str(raw_parent or "").strip()
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
                items.append((number, parent_code, obj))
        parsed[spec.title] = items

    # Codes must be unique per level (and across indicators), so parents can be found by code.
    by_code: dict[str, dict[str, models.Model]] = {}
    for title in ("Oblasti", "Cíle", "Opatření", "Aktivity", "Indikátory"):
        seen: dict[str, models.Model] = {}
        for number, _parent, obj in parsed.get(title, []):
            if obj.code in seen:
                errors.append(_row_error(title, number, _("kód „%(code)s“ se opakuje") % {"code": obj.code}))
            seen[obj.code] = obj
        by_code[title] = seen

    def link(title: str, parent_title: str, attr: str, label: str) -> None:
        for number, code, obj in parsed.get(title, []):
            parent = by_code.get(parent_title, {}).get(code)
            if parent is None:
                errors.append(
                    _row_error(
                        title, number, _("%(label)s „%(code)s“ v plánu není") % {"label": label, "code": code}
                    )
                )
            else:
                obj._parent = (attr, parent)

    link("Cíle", "Oblasti", "area", _("oblast"))
    link("Opatření", "Cíle", "goal", _("cíl"))
    link("Aktivity", "Opatření", "measure", _("opatření"))
    link("Hodnoty", "Indikátory", "indicator", _("indikátor"))
    for number, code, obj in parsed.get("Indikátory", []):
        level_title, attr = ("Cíle", "goal") if obj.owner_level == "goal" else ("Opatření", "measure")
        parent = by_code.get(level_title, {}).get(code)
        if parent is None:
            errors.append(
                _row_error(
                    "Indikátory", number, _("cíl nebo opatření „%(code)s“ v plánu není") % {"code": code}
                )
            )
        else:
            obj._parent = (attr, parent)
    rounds: dict[int, MonitoringRound] = {}
    for number, _code, obj in parsed.get("Monitorování", []):
        if obj.year in rounds:
            errors.append(
                _row_error(
                    "Monitorování", number, _("monitorování za rok %(year)s se opakuje") % {"year": obj.year}
                )
            )
        rounds[obj.year] = obj
    reported: set[tuple[int, str]] = set()
    for number, _code, obj in parsed.get("Stavy opatření", []):
        round, measure = rounds.get(obj.round_year), by_code.get("Opatření", {}).get(obj.measure_code)
        if round is None:
            errors.append(
                _row_error(
                    "Stavy opatření",
                    number,
                    _("monitorování za rok %(year)s v souboru není") % {"year": obj.round_year},
                )
            )
        if measure is None:
            errors.append(
                _row_error(
                    "Stavy opatření",
                    number,
                    _("opatření „%(code)s“ v plánu není") % {"code": obj.measure_code},
                )
            )
        if (obj.round_year, obj.measure_code) in reported:
            errors.append(_row_error("Stavy opatření", number, _("stav opatření za rok se opakuje")))
        reported.add((obj.round_year, obj.measure_code))
        obj._parents = (round, measure)
    years: set[tuple[str, int]] = set()
    for number, code, obj in parsed.get("Hodnoty", []):
        if (code, obj.year) in years:
            errors.append(
                _row_error("Hodnoty", number, _("hodnota za rok %(year)s se opakuje") % {"year": obj.year})
            )
        years.add((code, obj.year))

    # Field lengths and other model rules, before anything is written.
    for title, items in parsed.items():
        for number, _code, obj in items:
            try:
                obj.full_clean(
                    exclude=["unit", "plan", "area", "goal", "measure", "indicator", "round", "approved_by"],
                    validate_unique=False,
                    validate_constraints=False,
                )
            except ValidationError as exc:
                errors += [_row_error(title, number, m) for m in _field_messages(type(obj), exc)]
    if errors:
        raise ImportErrors(errors)
    return _save(plan, parsed)


@transaction.atomic
def _save(plan: InclusionPlan, parsed: dict) -> InclusionPlan:
    plan.save()
    save_order: list[tuple[str, Callable[[models.Model], None]]] = [
        ("Strategické dokumenty", lambda o: setattr(o, "plan", plan)),
        ("Oblasti", lambda o: setattr(o, "plan", plan)),
        ("Cíle", None),
        ("Opatření", None),
        ("Aktivity", None),
        ("Indikátory", None),
        ("Hodnoty", None),
        ("Monitorování", lambda o: setattr(o, "plan", plan)),
        ("Stavy opatření", None),  # linked to its round and measure below
    ]
    for title, attach in save_order:
        for _number, _code, obj in parsed[title]:
            if isinstance(obj, MeasureReport):
                obj.round, obj.measure = obj._parents
            elif attach:
                attach(obj)
            else:
                attr, parent = obj._parent
                setattr(obj, attr, parent)
            obj.save()
    return plan
