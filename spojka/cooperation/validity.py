"""Validity of a cooperation description as a fact of its dates, not only of its lifecycle status.

A description is *in force* on a day when it went through its lifecycle (status ``platné``, or
``ukončené`` for one that has been in force) and the day lies between ``valid_from`` and
``valid_to``, both inclusive. Its status alone does not say so: a description left at ``platné``
after 1. 11. 2023 has ended on that day, and every page must say "platnost skončila dne 1. 11. 2023",
never "platné". So every page asks this module, not ``description.status``:

* ``validity_on(description, day)`` — the state on a day with its Czech label;
* ``in_force_on(description, day)`` — whether it binds on that day;
* ``current_description(unit, day)`` / ``current_descriptions(units, day)`` — the description in
  force on the day (None when there is none: the unit pages then show a banner);
* ``covering(descriptions, day)`` — which of the given descriptions a meeting or training of that
  day counts toward ("nezapočítá se do žádného popisu spolupráce" when none);
* ``succession(previous, following)`` — the gap or overlap between a description and its renewal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.utils.translation import gettext as _

from spojka.cooperation.models import CooperationDescription, Status, TerritorialUnit
from spojka.lib.czech import date_short

# Lifecycle statuses of a description that has come into force (an ended one was in force until it ended).
IN_FORCE_STATUSES = frozenset({Status.VALID, Status.ENDED})


class Validity(StrEnum):
    NOT_YET_APPROVED = "not_yet_approved"  # návrh … podepsáno: not in force whatever its dates
    UPCOMING = "upcoming"  # in force from a later day
    VALID = "valid"
    ENDED = "ended"
    UNDATED = "undated"  # platné without dates: a data error, said as such


@dataclass(frozen=True)
class ValidityState:
    validity: Validity
    label: str  # Czech, for the badge: "platné do 1. 11. 2025", "platnost skončila dne 1. 11. 2023"
    days_left: int | None  # days until the end of validity (negative once ended); None without dates
    css: str  # the status badge modifier: valid, ended, draft …

    @property
    def is_valid(self) -> bool:
        return self.validity == Validity.VALID

    @property
    def has_ended(self) -> bool:
        return self.validity == Validity.ENDED


def in_force_on(description: CooperationDescription, day: date) -> bool:
    """Whether the description binds on ``day``: came into force and ``day`` is inside its dates."""
    return (
        description.status in IN_FORCE_STATUSES
        and description.valid_from is not None
        and description.valid_to is not None
        and description.valid_from <= day <= description.valid_to
    )


def validity_on(description: CooperationDescription, day: date) -> ValidityState:
    """The state of the description on ``day`` and the words for it.

    A description moved to ``ukončené`` before its end date ended early: it is shown as
    "ukončené" (the day it ended is in its change history), though reports of earlier periods
    still count it as in force then (``in_force_on``).
    """
    d = description
    days_left = (d.valid_to - day).days if d.valid_to else None
    if d.status not in IN_FORCE_STATUSES:
        return ValidityState(Validity.NOT_YET_APPROVED, str(d.get_status_display()), days_left, d.status)
    if d.valid_to and day > d.valid_to:
        label = _("platnost skončila dne %(date)s") % {"date": date_short(d.valid_to)}
        return ValidityState(Validity.ENDED, str(label), days_left, "ended")
    if d.status == Status.ENDED:
        return ValidityState(Validity.ENDED, str(_("ukončené")), days_left, "ended")
    if not (d.valid_from and d.valid_to):
        return ValidityState(Validity.UNDATED, str(_("platné, ale bez doby platnosti")), None, "draft")
    if day < d.valid_from:
        label = _("platné od %(date)s") % {"date": date_short(d.valid_from)}
        return ValidityState(Validity.UPCOMING, str(label), days_left, "approved")
    label = _("platné do %(date)s") % {"date": date_short(d.valid_to)}
    return ValidityState(Validity.VALID, str(label), days_left, "valid")


def covering(descriptions: Iterable[CooperationDescription], day: date) -> CooperationDescription | None:
    """The description in force on ``day`` among ``descriptions`` (the newest if two overlap)."""
    found = [d for d in descriptions if in_force_on(d, day)]
    return max(found, key=lambda d: d.version, default=None)


def current_descriptions(units: Iterable[TerritorialUnit], day: date) -> dict[int, CooperationDescription]:
    """The description in force on ``day`` of each unit that has one (one query for all units)."""
    by_pk = {unit.pk: unit for unit in units}
    candidates = CooperationDescription.objects.filter(
        unit__in=list(by_pk),
        status__in=IN_FORCE_STATUSES,
        valid_from__lte=day,
        valid_to__gte=day,
    ).order_by("unit_id", "-version")
    chosen: dict[int, CooperationDescription] = {}
    for description in candidates:
        description.unit = by_pk[description.unit_id]  # already loaded: no query per description
        chosen.setdefault(description.unit_id, description)
    return chosen


def current_description(unit: TerritorialUnit, day: date) -> CooperationDescription | None:
    """The unit's description in force on ``day``, or None (one query)."""
    return current_descriptions([unit], day).get(unit.pk)


def descriptions_for_flags(unit: TerritorialUnit) -> Sequence[CooperationDescription]:
    """The unit's descriptions that may ever be in force, for ``covering`` on a form or a list."""
    return list(
        unit.descriptions.filter(
            status__in=IN_FORCE_STATUSES, valid_from__isnull=False, valid_to__isnull=False
        ).order_by("-version")
    )


def outside_validity_warning(unit: TerritorialUnit, day: date | None, what: str) -> str:
    """The warning a meeting or training form shows when its day lies outside every description
    that is or was in force ("" inside one, or without a day yet): it will count toward none."""
    if day is None or covering(descriptions_for_flags(unit), day) is not None:
        return ""
    return _(
        "%(what)s dne %(date)s je mimo platnost všech popisů spolupráce: nezapočítá se do žádného "
        "popisu spolupráce. Zkontrolujte datum, nebo nejdříve schvalte popis spolupráce platný v tento den."
    ) % {"what": what, "date": date_short(day)}


@dataclass(frozen=True)
class Succession:
    """How a renewal follows its predecessor: ``gap_days`` > 0 uncovered days, < 0 overlapping days."""

    gap_days: int
    first_uncovered: date | None
    message: str


def succession(previous: CooperationDescription, following: CooperationDescription) -> Succession | None:
    """The gap or overlap between two consecutive descriptions; None while either lacks dates."""
    if not (previous.valid_to and following.valid_from):
        return None
    first_uncovered = previous.valid_to + timedelta(days=1)
    gap = (following.valid_from - first_uncovered).days
    if gap > 0:
        message = _("Mezi popisy je mezera %(days)s dní (%(start)s – %(end)s): v té době neplatí žádný.") % {
            "days": gap,
            "start": date_short(first_uncovered),
            "end": date_short(following.valid_from - timedelta(days=1)),
        }
        return Succession(gap, first_uncovered, str(message))
    if gap < 0:
        message = _("Popisy se překrývají o %(days)s dní: v té době se počítá k novějšímu.") % {"days": -gap}
        return Succession(gap, None, str(message))
    return Succession(0, None, str(_("Nový popis navazuje bez mezery.")))
