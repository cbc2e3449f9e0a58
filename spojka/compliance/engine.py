"""Evaluation of the cooperation schedule (harmonogram): is each rule being met?

Pure Python on purpose: no models, no database. The Django layer turns querysets into the plain
dataclasses below (``Event``, ``Document``) and gets plain results back, so every rule here can be
tested by hand-made cases and by property-based tests without a database.

Three kinds of checkable rules appear in a cooperation description:

* frequency rules, "minimálně 4x ročně (vč. pracovních skupin)" → ``frequency_periods`` +
  ``evaluate_frequency`` (counts meetings);
* periodic outputs, "1x ročně zpráva o plnění" → ``frequency_periods`` +
  ``evaluate_periodic_output`` (counts documents, which either exist or do not);
* deadlines, "Podzim 2021" (due date from ``spojka.lib.seasons``) → ``evaluate_deadline``.

A rule that cannot be checked ("dle nabídky ASZ") has the status ``Status.NO_RULE``.

Decisions (see also the docstrings of each function):

* A period that has not begun yet is ``not_started``, never ``on_track``: nothing can be said
  about it yet, and "plní se" on a year that has not started would be a promise, not a fact.
* Within a started period, ``met`` wins as soon as enough events are held, even mid-period.
* Only held events count as done. Planned events count as "planned" only when dated today or later;
  planned events dated in the past are "overdue planned" (someone forgot to close the meeting, or it
  did not happen) and count for nothing. Cancelled events count for nothing.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# --------------------------------------------------------------------------------------------------
# Statuses
# --------------------------------------------------------------------------------------------------


class Status(StrEnum):
    MET = "met"
    MET_LATE = "met_late"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    UNMET = "unmet"
    NOT_STARTED = "not_started"
    NO_RULE = "no_rule"

    @property
    def label(self) -> Promise:  # a lazy translation; str() it inside a request or template
        return STATUS_LABELS[self]

    @property
    def severity(self) -> int:
        return STATUS_SEVERITY[self]


STATUS_LABELS = {
    Status.MET: _("splněno"),
    Status.MET_LATE: _("splněno po termínu"),
    Status.ON_TRACK: _("plní se"),
    Status.AT_RISK: _("hrozí nesplnění"),
    Status.UNMET: _("nesplněno"),
    Status.NOT_STARTED: _("zatím nezačalo"),
    Status.NO_RULE: _("bez pravidla"),
}

STATUS_CHOICES = [(status.value, STATUS_LABELS[status]) for status in Status]

# Higher is worse; used for the status light of a rule and of an activity.
# - met_late ranks above on_track: a missed deadline stays visible even though the output exists.
# - not_started and no_rule rank below met: they say nothing about performance, so a rule whose
#   current year is met and whose next year has not begun shows "splněno", not "zatím nezačalo".
STATUS_SEVERITY: dict[Status, int] = {
    Status.UNMET: 6,
    Status.AT_RISK: 5,
    Status.MET_LATE: 4,
    Status.ON_TRACK: 3,
    Status.MET: 2,
    Status.NOT_STARTED: 1,
    Status.NO_RULE: 0,
}

# Statuses after which nothing more is due.
_DONE = frozenset({Status.MET, Status.MET_LATE, Status.NO_RULE})


def worst_status(*, statuses: Iterable[Status | str]) -> Status:
    """The worst of the given statuses (for a status light); ``no_rule`` when there are none.

    Order, worst first: unmet > at_risk > met_late > on_track > met > not_started > no_rule.
    """
    return max((Status(s) for s in statuses), key=STATUS_SEVERITY.__getitem__, default=Status.NO_RULE)


# --------------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------------


class EventState(StrEnum):
    PLANNED = "planned"
    HELD = "held"  # the caller maps closed meetings here too
    CANCELLED = "cancelled"


EventId = Hashable


@dataclass(frozen=True)
class Event:
    """A meeting (or another countable event) as the engine sees it."""

    date: date
    state: EventState | str
    kind: str
    id: EventId
    label: str = ""


@dataclass(frozen=True)
class Document:
    """An output that exists (a report, a plan, minutes). ``date`` is the date the caller decides
    counts for the rule, typically the date of the document or of its approval."""

    date: date
    id: EventId
    kind: str = ""
    label: str = ""


class Dated(Protocol):
    """Anything with a date and an id can be evidence: a ``Document``, an ``Event``, a model."""

    @property
    def date(self) -> date: ...

    @property
    def id(self) -> EventId: ...


def _exists(item: Dated) -> bool:
    # Deadline and output evidence is a thing that exists. If the caller passes events, only held
    # ones exist; a planned or cancelled meeting must never satisfy a deadline by accident.
    state = getattr(item, "state", None)
    return state is None or EventState(state) == EventState.HELD


# --------------------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """One calendar year of a rule, clipped to the validity period. ``start`` and ``end`` are both
    inclusive; ``expected`` is how many events or outputs the year requires."""

    start: date
    end: date
    year: int
    expected: int

    def __post_init__(self) -> None:
        if not (self.start <= self.end and self.start.year == self.end.year == self.year):
            raise ValueError(f"A period lies within one calendar year: {self!r}")
        if self.expected < 0:
            raise ValueError("A period cannot expect a negative count")

    @property
    def months(self) -> int:
        """Calendar months touched by the period (1–12)."""
        return self.end.month - self.start.month + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def frequency_periods(*, valid_from: date, valid_to: date, per_year: int) -> list[Period]:
    """Split a validity period into calendar years and say how many events each year expects.

    ``valid_from`` and ``valid_to`` are both inclusive (a validity of 2 years from 2. 11. 2021 ends
    on 1. 11. 2023). Each calendar year that has at least one day inside the validity becomes one
    ``Period``, clipped to the validity.

    Expected count: a year wholly inside expects ``per_year``. A year only partly inside expects
    ``ceil(per_year × months inside / 12)``, where **months inside is the number of calendar months
    of that year touched by the validity, each counted whole even if only one of its days is
    inside**. A consultant can check it on a calendar without counting days: a validity starting
    2. 11. 2021 touches November and December → 2 months → ceil(4 × 2 / 12) = 1 meeting in 2021.

    Consequences, stated so that nobody is surprised:

    * A year with any day inside never expects 0 (the ceiling of a positive number is at least 1):
      a validity starting on 31. 12. still expects one meeting that year.
    * A year whose twelve months are all touched expects the full ``per_year`` even if its first
      or last days lie outside (a validity from 15. 1. expects 4 that year).
    * Because both edge months count whole, a validity not aligned to calendar years may expect a
      little more than ``per_year`` × its length: Jihlava's 2 years (2. 11. 2021 – 1. 11. 2023)
      expect 1 + 4 + 4 = 9 meetings at 4x a year, not 8.
    """
    if per_year < 1:
        raise ValueError("per_year must be at least 1; a rule without a count has no periods")
    if valid_to < valid_from:
        raise ValueError("valid_to is before valid_from")
    periods = []
    for year in range(valid_from.year, valid_to.year + 1):
        start = max(valid_from, date(year, 1, 1))
        end = min(valid_to, date(year, 12, 31))
        months = end.month - start.month + 1
        expected = -(-per_year * months // 12)  # integer ceiling: no float rounding surprises
        periods.append(Period(start=start, end=end, year=year, expected=expected))
    return periods


# --------------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodResult:
    """How one period of a frequency rule or periodic output stands.

    ``evidence_ids`` are the held events (or existing documents) inside the period, by date.
    ``planned_ids`` are planned events dated today or later; ``overdue_planned_ids`` are planned
    events whose date has passed without being held. Neither of the planned lists counts as done.
    """

    period: Period
    status: Status
    evidence_ids: tuple[EventId, ...] = ()
    planned_ids: tuple[EventId, ...] = ()
    overdue_planned_ids: tuple[EventId, ...] = ()

    @property
    def required(self) -> int:
        return self.period.expected

    @property
    def held(self) -> int:
        return len(self.evidence_ids)

    @property
    def planned(self) -> int:
        return len(self.planned_ids)

    @property
    def overdue_planned(self) -> int:
        return len(self.overdue_planned_ids)

    @property
    def missing(self) -> int:
        """How many more are needed to meet the period (0 when met)."""
        return max(0, self.required - self.held)

    @property
    def due(self) -> date:
        return self.period.end


@dataclass(frozen=True)
class DeadlineResult:
    """How a one-off deadline stands. ``days_left`` is negative once the due date has passed."""

    due: date
    status: Status
    evidence_ids: tuple[EventId, ...]
    first_evidence_date: date | None
    days_left: int


# --------------------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------------------


def evaluate_frequency(
    *, periods: Sequence[Period], events: Iterable[Event], today: date
) -> list[PeriodResult]:
    """Evaluate a frequency rule ("minimálně 4x ročně") period by period.

    Counting: an event belongs to the period that contains its date; events outside every period
    are ignored. Held events count as done. Planned events dated ``today`` or later count as
    planned (a meeting planned for today may still take place); planned events dated before
    ``today`` are overdue and count for nothing. Cancelled events count for nothing.

    Status of a period, in this order:

    * ``not_started`` — the period begins after ``today``. Always, even if (wrongly) held events
      are dated in it: a future year cannot be judged yet, and this keeps the status honest.
    * ``met`` — held ≥ required, as soon as it happens, even mid-period.
    * ``unmet`` — the period is over (``today`` after its end) and held < required.
    * ``on_track`` — held + planned ≥ required: enough is planned for the time left.
    * ``at_risk`` — otherwise: not enough held or planned.
    """
    event_list = list(events)
    results = []
    for period in periods:
        inside = sorted((e for e in event_list if period.contains(e.date)), key=lambda e: e.date)
        held = tuple(e.id for e in inside if EventState(e.state) == EventState.HELD)
        planned = [e for e in inside if EventState(e.state) == EventState.PLANNED]
        upcoming = tuple(e.id for e in planned if e.date >= today)
        overdue = tuple(e.id for e in planned if e.date < today)

        if today < period.start:
            status = Status.NOT_STARTED
        elif len(held) >= period.expected:
            status = Status.MET
        elif today > period.end:
            status = Status.UNMET
        elif len(held) + len(upcoming) >= period.expected:
            status = Status.ON_TRACK
        else:
            status = Status.AT_RISK
        results.append(
            PeriodResult(
                period=period,
                status=status,
                evidence_ids=held,
                planned_ids=upcoming,
                overdue_planned_ids=overdue,
            )
        )
    return results


OUTPUT_WARNING_DAYS = 60


def evaluate_periodic_output(
    *,
    periods: Sequence[Period],
    documents: Iterable[Dated],
    today: date,
    warning_days: int = OUTPUT_WARNING_DAYS,
) -> list[PeriodResult]:
    """Evaluate a periodic output ("1x ročně zpráva o plnění") period by period.

    Counting is the same as ``evaluate_frequency`` but on documents, which have no planned state:
    a document exists or it does not. (Events may be passed too; only held ones count.)

    Status of a period, in this order: ``not_started`` (begins after today), ``met``
    (count ≥ required), ``unmet`` (over), ``at_risk`` (the last ``warning_days`` days of the period
    have started, i.e. today > end − warning_days; with the default 60 that is from 2. 11. for a
    period ending 31. 12.), otherwise ``on_track``. A short clipped period (say November–December)
    is therefore at risk from its first day, which is true: there is little time for the output.
    """
    if warning_days < 0:
        raise ValueError("warning_days cannot be negative")
    items = sorted((d for d in documents if _exists(d)), key=lambda d: d.date)
    results = []
    for period in periods:
        evidence = tuple(d.id for d in items if period.contains(d.date))
        if today < period.start:
            status = Status.NOT_STARTED
        elif len(evidence) >= period.expected:
            status = Status.MET
        elif today > period.end:
            status = Status.UNMET
        elif today > period.end - timedelta(days=warning_days):
            status = Status.AT_RISK
        else:
            status = Status.ON_TRACK
        results.append(PeriodResult(period=period, status=status, evidence_ids=evidence))
    return results


DEADLINE_WARNING_DAYS = 30


def evaluate_deadline(
    *,
    due: date,
    evidence: Iterable[Dated],
    today: date,
    warning_days: int = DEADLINE_WARNING_DAYS,
) -> DeadlineResult:
    """Evaluate a one-off deadline ("Podzim 2021" → due 30. 11. 2021).

    Evidence is the required output (documents; events may be passed, only held ones count).

    * ``met`` — some evidence is dated on or before ``due``.
    * ``met_late`` ("splněno po termínu") — evidence exists, but all of it is dated after ``due``.
      A late output is not hidden as "met" and not left as "unmet" either: it is a fact of its own.
    * ``unmet`` — ``due`` has passed and there is no evidence.
    * ``at_risk`` — no evidence and ``warning_days`` (30) or fewer days remain, the due day included.
    * ``on_track`` — no evidence and more than ``warning_days`` days remain. A deadline has no
      planned items, so time left is the only thing that can be said.
    """
    if warning_days < 0:
        raise ValueError("warning_days cannot be negative")
    items = sorted((e for e in evidence if _exists(e)), key=lambda e: e.date)
    days_left = (due - today).days
    if any(e.date <= due for e in items):
        status = Status.MET
    elif items:
        status = Status.MET_LATE
    elif days_left < 0:
        status = Status.UNMET
    elif days_left <= warning_days:
        status = Status.AT_RISK
    else:
        status = Status.ON_TRACK
    return DeadlineResult(
        due=due,
        status=status,
        evidence_ids=tuple(e.id for e in items),
        first_evidence_date=items[0].date if items else None,
        days_left=days_left,
    )


# --------------------------------------------------------------------------------------------------
# Summaries for dashboards and reminders
# --------------------------------------------------------------------------------------------------


def rule_status(*, results: Iterable[PeriodResult | DeadlineResult]) -> Status:
    """The status light of one rule: the worst status over all its periods (or its deadline).

    A past year that was not met keeps the rule red for the rest of the validity: it is a fact of
    the cooperation. Use ``current_result`` to show how the current year stands.
    """
    return worst_status(statuses=(r.status for r in results))


def activity_status(*, rule_statuses: Iterable[Status | str]) -> Status:
    """The status light of an activity: the worst status of its rules (``no_rule`` if none)."""
    return worst_status(statuses=rule_statuses)


def current_result(*, results: Sequence[PeriodResult], today: date) -> PeriodResult | None:
    """The result of the period that contains ``today``, or None outside the validity."""
    return next((r for r in results if r.period.contains(today)), None)


def next_due(*, results: Iterable[PeriodResult | DeadlineResult], today: date) -> date | None:
    """The next date on which something of this rule falls due, for reminders ("in 30 and 7 days").

    That is the earliest end of a period (or the deadline) that is today or later and is not yet
    met — the current period's end if it is not met yet, otherwise a later period's end. Past
    unmet periods and missed deadlines are not "next": they show as ``unmet`` instead.
    Returns None when nothing more is due.
    """
    pending = (r.due for r in results if r.status not in _DONE and r.due >= today)
    return min(pending, default=None)
