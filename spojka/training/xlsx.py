"""Participants of a training event as an XLSX sheet: export, blank template and import.

The template is the export of an event with no participants, so a filled template, an export and
an edited export are all read by the same code. A person is found by the "ID osoby" column if it is
filled, otherwise by e-mail, otherwise by first and last name; only people already recorded in the
unit can be imported (the file never creates people). One bad row stops the whole import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spojka.lib.uploads import worksheet_rows_exceed
from spojka.training import services
from spojka.training.models import TrainingEvent

SHEET_TITLE = "Účastníci"
HEADERS = (
    "ID osoby",
    "Titul před",
    "Jméno",
    "Příjmení",
    "Titul za",
    "E-mail",
    "Organizace",
    "Prezenční hodiny",
    "Distanční hodiny",
)
COLUMN_OF_FIELD = {"in_person_hours": "Prezenční hodiny", "distance_hours": "Distanční hodiny"}
WIDTHS = (10, 10, 18, 22, 10, 30, 36, 16, 16)
TENTH = Decimal("0.1")
MAX_ROWS = 2000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook(rows: list[tuple]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def participants_xlsx(*, event: TrainingEvent) -> bytes:
    participations = event.participations.select_related("person", "person__organisation")
    rows = [
        (
            p.person_id,
            p.person.title_before,
            p.person.first_name,
            p.person.last_name,
            p.person.title_after,
            p.person.email,
            p.person.organisation.name if p.person.organisation_id else "",
            p.in_person_hours,
            p.distance_hours,
        )
        for p in participations
    ]
    return _workbook(rows)


def template_xlsx() -> bytes:
    return _workbook([])


@dataclass(frozen=True)
class RowError:
    row: int  # as Excel numbers it; 0 = the file as a whole
    message: str


@dataclass
class ImportOutcome:
    errors: list[RowError] = field(default_factory=list)
    added: int = 0
    updated: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _hours(value, default: Decimal) -> Decimal:
    """Hours from a cell; empty means the whole event. Raises ValueError with a Czech message."""
    text = _text(value).replace(",", ".").replace("\u00a0", "").replace(" ", "")
    if not text:
        return default
    try:
        hours = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(_("„%(v)s“ není počet hodin.") % {"v": _text(value)}) from exc
    if not hours.is_finite():
        raise ValueError(_("„%(v)s“ není počet hodin.") % {"v": _text(value)})
    if hours != hours.quantize(TENTH):
        raise ValueError(_("hodiny lze zadat nejvýše na desetiny (např. 1,5)."))
    return hours.quantize(TENTH)


class _People:
    """The unit's people, indexed the three ways a row may name a person (one query)."""

    def __init__(self, unit):
        self.by_id: dict[int, object] = {}
        self.by_email: dict[str, list] = {}
        self.by_name: dict[tuple[str, str], list] = {}
        for person in unit.people.all():
            self.by_id[person.pk] = person
            if person.email:
                self.by_email.setdefault(person.email.strip().lower(), []).append(person)
            key = (person.first_name.strip().lower(), person.last_name.strip().lower())
            self.by_name.setdefault(key, []).append(person)

    def find(self, pid: str, email: str, first: str, last: str):
        """(person, None) or (None, Czech message)."""
        if pid:
            try:
                person = self.by_id.get(int(pid))
            except ValueError:
                person = None
            if person is None:
                return None, _("osoba s ID %(id)s v evidenci územního celku není.") % {"id": pid}
            return person, None
        if email:
            found = self.by_email.get(email.lower(), [])
            if len(found) == 1:
                return found[0], None
            if len(found) > 1:
                return None, _("e-mail %(e)s má více osob; doplňte ID osoby.") % {"e": email}
        if first or last:
            found = self.by_name.get((first.lower(), last.lower()), [])
            if len(found) == 1:
                return found[0], None
            if len(found) > 1:
                return None, _("osob jménem %(n)s je více; doplňte ID osoby.") % {"n": f"{first} {last}"}
            return None, _(
                "osoba %(n)s v evidenci územního celku není; nejprve ji zapište mezi osoby partnerství."
            ) % {"n": f"{first} {last}".strip()}
        return None, _("chybí ID osoby, e-mail i jméno.")


FILE_ERROR = gettext_lazy("Soubor nelze přečíst jako sešit XLSX.")


def participants_import(*, event: TrainingEvent, data: bytes) -> ImportOutcome:
    """Validate every row first; write only if all rows are valid."""
    from openpyxl import load_workbook

    if worksheet_rows_exceed(data, MAX_ROWS + 1):
        return ImportOutcome(errors=[RowError(0, _("soubor má víc než %(n)s řádků.") % {"n": MAX_ROWS})])
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a damaged file
        return ImportOutcome(errors=[RowError(0, str(FILE_ERROR))])
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = tuple(_text(v) for v in next(rows, ()))[: len(HEADERS)]
    if tuple(h.lower() for h in header) != tuple(h.lower() for h in HEADERS):
        return ImportOutcome(
            errors=[
                RowError(
                    1,
                    _("první řádek musí být záhlaví šablony: %(h)s.") % {"h": ", ".join(HEADERS)},
                )
            ]
        )

    people = _People(event.unit)
    outcome = ImportOutcome()
    valid: list[services.ImportedRow] = []
    seen: dict[int, int] = {}
    for number, values in enumerate(rows, start=2):
        # Every row counts towards the limit, blank ones too: a file of a million blank rows
        # would otherwise be read to its end.
        if number > MAX_ROWS + 1:
            outcome.errors.append(RowError(number, _("soubor má víc než %(n)s řádků.") % {"n": MAX_ROWS}))
            break
        cells = [_text(v) for v in (tuple(values) + (None,) * len(HEADERS))[: len(HEADERS)]]
        if not any(cells):
            continue
        raw = dict(zip(HEADERS, (tuple(values) + (None,) * len(HEADERS))[: len(HEADERS)], strict=True))
        person, problem = people.find(cells[0], cells[5], cells[2], cells[3])
        if problem:
            outcome.errors.append(RowError(number, problem))
            continue
        if person.pk in seen:
            outcome.errors.append(
                RowError(
                    number, _("osoba je v souboru vícekrát (také na řádku %(r)s).") % {"r": seen[person.pk]}
                )
            )
            continue
        seen[person.pk] = number
        try:
            in_person = _hours(raw["Prezenční hodiny"], event.in_person_hours)
            distance = _hours(raw["Distanční hodiny"], event.distance_hours)
        except ValueError as exc:
            outcome.errors.append(RowError(number, str(exc)))
            continue
        problems = services.participation_errors(
            event=event, in_person_hours=in_person, distance_hours=distance
        )
        for field_name, message in problems.items():
            outcome.errors.append(RowError(number, f"{COLUMN_OF_FIELD[field_name]}: {message}"))
        if not problems:
            valid.append(services.ImportedRow(person.pk, in_person, distance))
    if not outcome.errors and not valid:
        outcome.errors.append(RowError(0, _("Soubor neobsahuje žádného účastníka.")))
    if outcome.errors:
        return outcome
    outcome.added, outcome.updated = services.participants_replace_hours(event=event, rows=valid)
    return outcome
