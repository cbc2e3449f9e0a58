"""Workflows of training events and the training-hours indicator.

The arithmetic of the commitment lives in ``indicator.py`` (pure Python, tested on its own); this
module turns the database into ``Credit`` rows for it. Other apps (the compliance dashboard) call
``training_indicator``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from auditlog.models import LogEntry
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from spojka.cooperation.models import CooperationDescription, TerritorialUnit
from spojka.lib.audit import HistoryRow, history_rows
from spojka.lib.czech import hours as hours_text
from spojka.training.indicator import (
    CommitmentMode,
    Credit,
    TrainingCommitment,
    TrainingResult,
    evaluate_training,
)
from spojka.training.models import Delivery, Participation, TrainingEvent, TrainingMaterial

# --- Hours of one participant ------------------------------------------------------------------


def participation_errors(
    *, event: TrainingEvent, in_person_hours: Decimal, distance_hours: Decimal
) -> dict[str, str]:
    """What is wrong with crediting these hours at this event: {field name: Czech message}.

    Shared by the participant form and the XLSX import so both refuse the same things.
    """
    errors: dict[str, str] = {}
    if in_person_hours < 0:
        errors["in_person_hours"] = _("Počet hodin nemůže být záporný.")
    if distance_hours < 0:
        errors["distance_hours"] = _("Počet hodin nemůže být záporný.")
    if errors:
        return errors
    if in_person_hours > 0 and event.delivery == Delivery.DISTANCE:
        errors["in_person_hours"] = _("Akce je distanční, prezenční hodiny nelze započítat.")
    elif in_person_hours > event.in_person_hours:
        errors["in_person_hours"] = _(
            "Prezenční část akce trvala jen %(h)s h; víc hodin nelze započítat."
        ) % {"h": hours_text(event.in_person_hours)}
    if distance_hours > 0 and event.delivery == Delivery.IN_PERSON:
        errors["distance_hours"] = _("Akce je prezenční, distanční hodiny nelze započítat.")
    elif distance_hours > event.distance_hours:
        errors["distance_hours"] = _("Distanční část akce trvala jen %(h)s h; víc hodin nelze započítat.") % {
            "h": hours_text(event.distance_hours)
        }
    if not errors and in_person_hours + distance_hours == 0:
        field = "distance_hours" if event.delivery == Delivery.DISTANCE else "in_person_hours"
        errors[field] = _("Účastníkovi musí být započtena alespoň část akce (více než 0 hodin).")
    return errors


def hours_exceeding_event(
    *, event: TrainingEvent, in_person_hours: Decimal, distance_hours: Decimal
) -> dict[str, str]:
    """Before an event's hours change: participants credited more than the event would last."""
    errors: dict[str, str] = {}
    participations = list(event.participations.all()) if event.pk else []
    if any(p.in_person_hours > in_person_hours for p in participations):
        errors["in_person_hours"] = _(
            "Někteří účastníci mají započteno víc prezenčních hodin; nejprve upravte jejich hodiny."
        )
    if any(p.distance_hours > distance_hours for p in participations):
        errors["distance_hours"] = _(
            "Někteří účastníci mají započteno víc distančních hodin; nejprve upravte jejich hodiny."
        )
    return errors


@transaction.atomic
def participation_save(
    *,
    participation: Participation,
    event: TrainingEvent,
    person,
    in_person_hours: Decimal,
    distance_hours: Decimal,
) -> Participation:
    participation.unit_id = event.unit_id
    participation.event = event
    participation.person = person
    participation.in_person_hours = in_person_hours
    participation.distance_hours = distance_hours
    participation.save()
    return participation


def event_history(*, event: TrainingEvent, limit: int = 100) -> list[HistoryRow]:
    """Changes of the event, its participants and its materials (removed ones too), newest first."""
    # Content types are matched by name in the same query (no content-type cache to warm up).
    label = TrainingEvent._meta.app_label
    parts = [Participation._meta.model_name, TrainingMaterial._meta.model_name]
    entries = (
        LogEntry.objects.filter(content_type__app_label=label)
        .filter(
            Q(content_type__model=TrainingEvent._meta.model_name, object_pk=str(event.pk))
            | Q(content_type__model__in=parts, additional_data__event=event.pk)
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp")[:limit]
    )
    # core.history builds the rows shown by core/_history.html; only the selection differs here.
    return history_rows(entries)


@transaction.atomic
def participants_add_whole_event(*, event: TrainingEvent, people) -> list[Participation]:
    """Add people who attended the whole event."""
    return [
        Participation.objects.create(
            unit_id=event.unit_id,
            event=event,
            person=person,
            in_person_hours=event.in_person_hours,
            distance_hours=event.distance_hours,
        )
        for person in people
    ]


# --- The indicator -----------------------------------------------------------------------------


def training_credits(
    *, unit: TerritorialUnit | int, valid_from: date | None = None, valid_to: date | None = None
) -> list[Credit]:
    """Every participation of the unit whose event ended inside [valid_from, valid_to], in one query."""
    # An event's hours are earned on its last day (a one-day event has no end date).
    participations = Participation.objects.filter(unit=unit).annotate(
        day=Coalesce("event__ends_on", "event__starts_on")
    )
    if valid_from is not None:
        participations = participations.filter(day__gte=valid_from)
    if valid_to is not None:
        participations = participations.filter(day__lte=valid_to)
    participations = (
        participations.select_related("person")
        # What a credit needs (full_name reads the name and titles): the unit's dashboard shows it.
        .only(
            "person_id",
            "in_person_hours",
            "distance_hours",
            "person__title_before",
            "person__first_name",
            "person__last_name",
            "person__title_after",
        )
        .order_by("person__last_name", "person__first_name", "person_id")
    )
    return [
        Credit(
            person_id=p.person_id,
            person_name=p.person.full_name,
            in_person_hours=p.in_person_hours,
            distance_hours=p.distance_hours,
            date=p.day,
        )
        for p in participations
    ]


def training_commitment(description: CooperationDescription) -> TrainingCommitment | None:
    if not description.training_total_hours or description.training_total_hours <= 0:
        return None
    return TrainingCommitment(
        total_hours=description.training_total_hours,
        max_distance_hours=description.training_max_distance_hours,
        mode=description.training_mode,
    )


def training_indicator(
    *, description: CooperationDescription, on: date | None = None
) -> TrainingResult | None:
    """The training commitment of ``description`` as it stands on the day ``on`` (default: all
    recorded events), counting events that ended inside the description's validity period.

    Returns None when the description sets no training commitment (no hours to reach).
    """
    commitment = training_commitment(description)
    if commitment is None:
        return None
    valid_to = description.valid_to
    if on is not None and (valid_to is None or on < valid_to):
        valid_to = on
    credits = training_credits(unit=description.unit_id, valid_from=description.valid_from, valid_to=valid_to)
    return evaluate_training(
        commitment=commitment, credits=credits, valid_from=description.valid_from, valid_to=valid_to
    )


def description_on(*, unit: TerritorialUnit, day: date) -> CooperationDescription | None:
    """The unit's cooperation description in force on ``day`` (the newest version if several)."""
    return (
        unit.descriptions.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("-version")
        .first()
    )


@dataclass(frozen=True)
class CapWarning:
    """Distance hours of one participation that the commitment will not count: the cap is used up."""

    cap: Decimal
    not_counted: Decimal
    per_person: bool


def distance_cap_warning(
    *, event: TrainingEvent, person, distance_hours: Decimal, participation: Participation | None = None
) -> CapWarning | None:
    """Would crediting ``distance_hours`` to ``person`` at ``event`` go over the distance cap of the
    description in force on the event's day? ``participation`` is the row being edited, if any."""
    if distance_hours <= 0:
        return None
    description = description_on(unit=event.unit, day=event.last_day)
    commitment = training_commitment(description) if description else None
    if commitment is None or commitment.max_distance_hours is None:
        return None
    per_person = commitment.mode == CommitmentMode.PER_PERSON
    credits = training_credits(
        unit=event.unit_id, valid_from=description.valid_from, valid_to=description.valid_to
    )
    already = sum(
        (c.distance_hours for c in credits if not per_person or c.person_id == person.pk), Decimal(0)
    )
    if (
        participation is not None
        and participation.pk
        and (not per_person or participation.person_id == person.pk)
    ):
        already -= participation.distance_hours
    cap = commitment.max_distance_hours
    not_counted = max(Decimal(0), already + distance_hours - cap) - max(Decimal(0), already - cap)
    if not_counted <= 0:
        return None
    return CapWarning(cap=cap, not_counted=not_counted, per_person=per_person)


@dataclass(frozen=True)
class ImportedRow:
    person_id: int
    in_person_hours: Decimal
    distance_hours: Decimal


@transaction.atomic
def participants_replace_hours(*, event: TrainingEvent, rows: list[ImportedRow]) -> tuple[int, int]:
    """Write imported rows: new participants are added, existing ones get the file's hours.
    Returns (added, updated). The rows were validated as a whole before."""
    existing = {p.person_id: p for p in event.participations.all()}
    added = updated = 0
    for row in rows:
        participation = existing.get(row.person_id)
        if participation is None:
            Participation.objects.create(
                unit_id=event.unit_id,
                event=event,
                person_id=row.person_id,
                in_person_hours=row.in_person_hours,
                distance_hours=row.distance_hours,
            )
            added += 1
        elif (participation.in_person_hours, participation.distance_hours) != (
            row.in_person_hours,
            row.distance_hours,
        ):
            participation.in_person_hours = row.in_person_hours
            participation.distance_hours = row.distance_hours
            participation.save()
            updated += 1
    return added, updated
