"""The training-hours commitment of a cooperation description.

Jihlava's text: "uvolnění vybraných pracovníků pro účast na vzdělávacích aktivitách … v celkovém
rozsahu 40 hodin (z nichž může být max. 20 hodin dosaženo distanční formou)".

Two readings, chosen by a setting on the cooperation description (design.md):

* ``total`` (default): the hours of all released staff of the unit add up; distance hours count
  only up to the cap, and the cap applies to the unit's total.
* ``per_person``: every listed person must reach the threshold on their own; the cap applies to
  each person.

Pure Python, no database: the caller turns attendance and certificates into ``Credit`` rows.
Hours are ``Decimal`` throughout (half hours are common: 1,5 h); floats are refused because
0.1 + 0.2 hours must not become 0.30000000000000004.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ZERO = Decimal(0)
HUNDRED = Decimal(100)


class CommitmentMode(StrEnum):
    TOTAL = "total"
    PER_PERSON = "per_person"

    @property
    def label(self) -> Promise:  # a lazy translation; str() it inside a request or template
        return MODE_LABELS[self]


MODE_LABELS = {
    CommitmentMode.TOTAL: _("celkem za pracovníky územního celku"),
    CommitmentMode.PER_PERSON: _("každý pracovník zvlášť"),
}

MODE_CHOICES = [(mode.value, MODE_LABELS[mode]) for mode in CommitmentMode]


def _hours(value: Decimal | int, what: str) -> Decimal:
    # A float is refused too: binary fractions of hours would not add up exactly.
    if not isinstance(value, Decimal | int):
        raise TypeError(f"{what} must be a Decimal (or int), not {type(value).__name__}")
    hours = Decimal(value)
    if not hours.is_finite() or hours < 0:
        raise ValueError(f"{what} must be a finite, non-negative number of hours, got {value!r}")
    return hours


@dataclass(frozen=True)
class TrainingCommitment:
    """ "celkový rozsah 40 hodin, z toho max. 20 hodin distančně" is
    ``TrainingCommitment(total_hours=Decimal(40), max_distance_hours=Decimal(20))``.
    ``max_distance_hours=None`` means no cap. In ``per_person`` mode ``total_hours`` is the
    threshold each person must reach."""

    total_hours: Decimal
    max_distance_hours: Decimal | None = None
    mode: CommitmentMode | str = CommitmentMode.TOTAL

    def __post_init__(self) -> None:
        if _hours(self.total_hours, "total_hours") <= 0:
            raise ValueError("total_hours must be positive")
        if self.max_distance_hours is not None:
            _hours(self.max_distance_hours, "max_distance_hours")
        CommitmentMode(self.mode)  # fail on an unknown mode here, not in the middle of a report


@dataclass(frozen=True)
class Credit:
    """Hours one person earned at one training event (one row of attendance or a certificate)."""

    person_id: Hashable
    person_name: str
    in_person_hours: Decimal
    distance_hours: Decimal
    date: date


@dataclass(frozen=True)
class PersonHours:
    """One row of the per-person breakdown.

    ``in_person`` and ``distance`` are the raw hours. In ``total`` mode the cap belongs to the unit,
    not to a person, so ``counted``, ``over_cap``, ``remaining`` and ``met`` are None there.
    """

    person_id: Hashable
    person_name: str
    in_person: Decimal
    distance: Decimal
    counted: Decimal | None = None
    over_cap: Decimal | None = None
    remaining: Decimal | None = None
    met: bool | None = None


@dataclass(frozen=True)
class TrainingResult:
    """The indicator as a whole.

    ``total`` mode: ``committed`` is the unit's commitment; ``distance_counted`` is the distance
    hours up to the cap, ``distance_over_cap`` the rest (shown, not counted);
    ``counted_total = in_person + distance_counted``; ``remaining = max(0, committed − counted_total)``.

    ``per_person`` mode: ``committed`` is the threshold per person and the hour totals are sums
    of the per-person rows (each capped on its own); ``remaining`` is the sum of what each person
    still lacks, ``percent`` the share of the combined target ``committed × people_total`` reached
    when each person counts at most up to the threshold; ``met`` needs at least one person and
    every person met.

    ``percent`` is 0–100, rounded down to one decimal so it never shows 100 before ``met``.

    ``remaining_in_person`` is the part of ``remaining`` that can no longer be earned at distance
    events because the cap is (or would be) used up; ``distance_room`` is how many distance hours
    may still count (None without a cap; in ``per_person`` mode the sum over people).
    """

    mode: CommitmentMode
    committed: Decimal
    max_distance: Decimal | None
    in_person: Decimal
    distance_total: Decimal
    distance_counted: Decimal
    distance_over_cap: Decimal
    counted_total: Decimal
    remaining: Decimal
    met: bool
    percent: Decimal
    people: tuple[PersonHours, ...] = field(default_factory=tuple)
    people_met: int | None = None
    people_total: int | None = None
    remaining_in_person: Decimal = ZERO
    distance_room: Decimal | None = None

    @property
    def remainder_kind(self) -> str:
        """How the rest may be earned: "none" (nothing left), "in_person" (all of it in person: the
        cap is used up), "partly" (at least ``remaining_in_person`` hours in person) or "any"."""
        if self.remaining <= 0:
            return "none"
        if self.remaining_in_person >= self.remaining:
            return "in_person"
        return "partly" if self.remaining_in_person > 0 else "any"


def _in_person_needed(remaining: Decimal, room: Decimal | None) -> Decimal:
    """Of ``remaining`` hours, those that cannot count at distance with ``room`` distance hours left."""
    return ZERO if room is None else max(ZERO, remaining - room)


def _capped(distance: Decimal, cap: Decimal | None) -> tuple[Decimal, Decimal]:
    """(counted, over the cap)."""
    if cap is None or distance <= cap:
        return distance, ZERO
    return cap, distance - cap


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    if whole <= 0:
        return ZERO
    return min(HUNDRED, part * HUNDRED / whole).quantize(Decimal("0.1"), rounding=ROUND_DOWN)


def evaluate_training(
    *,
    commitment: TrainingCommitment,
    credits: Iterable[Credit],
    valid_from: date | None = None,
    valid_to: date | None = None,
    people: Iterable[tuple[Hashable, str]] = (),
) -> TrainingResult:
    """Evaluate the training commitment.

    ``valid_from`` / ``valid_to`` (inclusive, each optional) drop credits dated outside the validity
    period; the caller normally filters already, this keeps the function safe on its own.

    ``people`` lists released staff as (person_id, name) who must appear in the breakdown even with
    no hours yet; in ``per_person`` mode they count as not met. Rows keep the order in which people
    first appear (``people`` first, then credits), so the caller decides the sort order.
    Several credits of one person are added up; the name of the first one is shown.
    """
    mode = CommitmentMode(commitment.mode)
    committed = _hours(commitment.total_hours, "total_hours")
    cap = (
        None
        if commitment.max_distance_hours is None
        else _hours(commitment.max_distance_hours, "max_distance_hours")
    )

    # person_id -> [name, in_person, distance]; a dict keeps first-appearance order.
    totals: dict[Hashable, list] = {}
    for person_id, name in people:
        totals.setdefault(person_id, [name, ZERO, ZERO])
    for credit in credits:
        in_person = _hours(credit.in_person_hours, "in_person_hours")
        distance = _hours(credit.distance_hours, "distance_hours")
        if valid_from is not None and credit.date < valid_from:
            continue
        if valid_to is not None and credit.date > valid_to:
            continue
        row = totals.setdefault(credit.person_id, [credit.person_name, ZERO, ZERO])
        row[1] += in_person
        row[2] += distance
    if mode == CommitmentMode.TOTAL:
        return _total_result(committed, cap, totals)
    return _per_person_result(committed, cap, totals)


def _total_result(committed: Decimal, cap: Decimal | None, totals: dict[Hashable, list]) -> TrainingResult:
    in_person_sum = sum((row[1] for row in totals.values()), ZERO)
    distance_sum = sum((row[2] for row in totals.values()), ZERO)
    distance_counted, over_cap = _capped(distance_sum, cap)
    counted = in_person_sum + distance_counted
    remaining = max(ZERO, committed - counted)
    room = None if cap is None else cap - distance_counted
    return TrainingResult(
        mode=CommitmentMode.TOTAL,
        committed=committed,
        max_distance=cap,
        in_person=in_person_sum,
        distance_total=distance_sum,
        distance_counted=distance_counted,
        distance_over_cap=over_cap,
        counted_total=counted,
        remaining=remaining,
        met=counted >= committed,
        percent=_percent(counted, committed),
        remaining_in_person=_in_person_needed(remaining, room),
        distance_room=room,
        people=tuple(
            PersonHours(person_id=pid, person_name=name, in_person=inp, distance=dist)
            for pid, (name, inp, dist) in totals.items()
        ),
    )


def _per_person_result(
    committed: Decimal, cap: Decimal | None, totals: dict[Hashable, list]
) -> TrainingResult:
    rows = []
    for pid, (name, inp, dist) in totals.items():
        dist_counted, dist_over = _capped(dist, cap)
        person_counted = inp + dist_counted
        rows.append(
            PersonHours(
                person_id=pid,
                person_name=name,
                in_person=inp,
                distance=dist,
                counted=person_counted,
                over_cap=dist_over,
                remaining=max(ZERO, committed - person_counted),
                met=person_counted >= committed,
            )
        )
    over_cap_sum = sum((r.over_cap for r in rows), ZERO)
    remaining_sum = sum((r.remaining for r in rows), ZERO)
    distance_sum = sum((r.distance for r in rows), ZERO)
    rooms = [None if cap is None else cap - (r.distance - r.over_cap) for r in rows]
    target = committed * len(rows)
    people_met = sum(1 for r in rows if r.met)
    return TrainingResult(
        mode=CommitmentMode.PER_PERSON,
        committed=committed,
        max_distance=cap,
        in_person=sum((r.in_person for r in rows), ZERO),
        distance_total=distance_sum,
        distance_counted=distance_sum - over_cap_sum,
        distance_over_cap=over_cap_sum,
        counted_total=sum((r.counted for r in rows), ZERO),
        remaining=remaining_sum,
        met=bool(rows) and people_met == len(rows),
        # Each person counts at most up to the threshold, so one enthusiast cannot make the
        # indicator look nearly done while colleagues have nothing.
        percent=_percent(target - remaining_sum, target),
        people=tuple(rows),
        people_met=people_met,
        people_total=len(rows),
        remaining_in_person=sum(
            (_in_person_needed(r.remaining, room) for r, room in zip(rows, rooms, strict=True)), ZERO
        ),
        distance_room=None if cap is None else sum((room for room in rooms), ZERO),
    )
