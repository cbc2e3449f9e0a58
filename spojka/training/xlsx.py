"""Participants of a training event as an XLSX sheet: export, blank template and import.

The template is the export of an event with no participants, so a filled template, an export and
an edited export are all read by the same code. A person is found by the "ID osoby" column if it is
filled, otherwise by e-mail, otherwise by first and last name; only people already recorded in the
unit can be imported (the file never creates people). One bad row stops the whole import.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spojka.lib import xlsx
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


COLUMNS = [
    xlsx.Column(header, kind=kind, width=width)
    for header, kind, width in zip(
        HEADERS,
        ("int", "text", "text", "text", "text", "text", "text", "decimal", "decimal"),
        WIDTHS,
        strict=True,
    )
]


def _workbook(rows: list[tuple]) -> bytes:
    # lib/xlsx writes text as text: a name starting with "=" never becomes a live formula.
    return xlsx.to_bytes(xlsx.workbook(SHEET_TITLE, COLUMNS, rows))


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
    try:
        rows = _data_rows(data)
    except _Refused as refused:
        return ImportOutcome(errors=[refused.error])
    outcome = ImportOutcome()
    valid = _valid_rows(event, rows, outcome.errors)
    if not outcome.errors and not valid:
        outcome.errors.append(RowError(0, _("Soubor neobsahuje žádného účastníka.")))
    if outcome.errors:
        return outcome
    outcome.added, outcome.updated = services.participants_replace_hours(event=event, rows=valid)
    return outcome


class _Refused(Exception):
    """The file as a whole cannot be read; nothing is checked row by row."""

    def __init__(self, error: RowError):
        super().__init__(error.message)
        self.error = error


def _data_rows(data: bytes) -> Iterator[tuple]:
    """The rows below the template's header of the first sheet, streamed; raise _Refused."""
    from openpyxl import load_workbook

    if worksheet_rows_exceed(data, MAX_ROWS + 1):
        raise _Refused(RowError(0, _("soubor má víc než %(n)s řádků.") % {"n": MAX_ROWS}))
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a damaged file
        raise _Refused(RowError(0, str(FILE_ERROR))) from None
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    header = tuple(_text(v) for v in next(rows, ()))[: len(HEADERS)]
    if tuple(h.lower() for h in header) != tuple(h.lower() for h in HEADERS):
        message = _("první řádek musí být záhlaví šablony: %(h)s.") % {"h": ", ".join(HEADERS)}
        raise _Refused(RowError(1, message))
    return rows


def _valid_rows(
    event: TrainingEvent, rows: Iterator[tuple], errors: list[RowError]
) -> list[services.ImportedRow]:
    people = _People(event.unit)
    valid: list[services.ImportedRow] = []
    seen: dict[int, int] = {}  # person → the row that named them first
    for number, values in enumerate(rows, start=2):
        # Every row counts towards the limit, blank ones too: a file of a million blank rows
        # would otherwise be read to its end.
        if number > MAX_ROWS + 1:
            errors.append(RowError(number, _("soubor má víc než %(n)s řádků.") % {"n": MAX_ROWS}))
            break
        padded = (tuple(values) + (None,) * len(HEADERS))[: len(HEADERS)]
        if not any(_text(v) for v in padded):
            continue
        row = _participant_row(event, people, seen, number, padded, errors)
        if row is not None:
            valid.append(row)
    return valid


def _participant_row(
    event: TrainingEvent, people: _People, seen: dict[int, int], number: int, padded: tuple, errors: list
) -> services.ImportedRow | None:
    """The row's person and hours, or None with the row's problems added to ``errors``."""
    cells = [_text(v) for v in padded]
    raw = dict(zip(HEADERS, padded, strict=True))
    person, problem = people.find(cells[0], cells[5], cells[2], cells[3])
    if problem:
        errors.append(RowError(number, problem))
        return None
    if person.pk in seen:
        message = _("osoba je v souboru vícekrát (také na řádku %(r)s).") % {"r": seen[person.pk]}
        errors.append(RowError(number, message))
        return None
    seen[person.pk] = number
    try:
        in_person = _hours(raw["Prezenční hodiny"], event.in_person_hours)
        distance = _hours(raw["Distanční hodiny"], event.distance_hours)
    except ValueError as exc:
        errors.append(RowError(number, str(exc)))
        return None
    problems = services.participation_errors(event=event, in_person_hours=in_person, distance_hours=distance)
    for field_name, message in problems.items():
        errors.append(RowError(number, f"{COLUMN_OF_FIELD[field_name]}: {message}"))
    return None if problems else services.ImportedRow(person.pk, in_person, distance)
