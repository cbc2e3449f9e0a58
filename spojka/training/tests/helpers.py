"""Small factories for the training tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from spojka.partnership.models import Person
from spojka.training.models import Participation, TrainingEvent


def make_person(unit, first: str, last: str, **extra) -> Person:
    return Person.objects.create(unit=unit, first_name=first, last_name=last, **extra)


def make_event(
    unit, title: str = "Sousedské soužití", *, in_person: str | None = None, distance: str = "0", **extra
) -> TrainingEvent:
    """An in-person event of 4 hours unless told otherwise; the form follows from the hours."""
    distance = Decimal(distance)
    in_person = Decimal(in_person if in_person is not None else ("4" if not distance else "0"))
    delivery = "hybrid" if in_person and distance else ("distance" if distance else "in_person")
    values = {"starts_on": date(2022, 3, 15), "delivery": delivery, **extra}
    return TrainingEvent.objects.create(
        unit=unit, title=title, in_person_hours=in_person, distance_hours=distance, **values
    )


def attend(event: TrainingEvent, person: Person, in_person=None, distance=None) -> Participation:
    return Participation.objects.create(
        unit=event.unit,
        event=event,
        person=person,
        in_person_hours=event.in_person_hours if in_person is None else Decimal(in_person),
        distance_hours=event.distance_hours if distance is None else Decimal(distance),
    )
