"""Builders for the agency tests: a unit with a current description, LP rule, meetings and training."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from spojka.accounts.models import Membership, Role
from spojka.compliance.models import Activity, Rule, RuleKind
from spojka.compliance.tests.helpers import activity, at, frequency_rule, meeting
from spojka.conftest import make_unit
from spojka.cooperation.models import CooperationDescription, Memorandum, Region, TerritorialUnit, UnitKind
from spojka.meetings.models import Meeting
from spojka.partnership.models import Person
from spojka.plans.models import InclusionPlan
from spojka.training.models import Participation, TrainingEvent
from spojka.training.tests.helpers import attend, make_event, make_person


def full_unit(i: int, today: date, *, consultant=None, ending: bool = False) -> CooperationDescription:
    """A unit with everything the agency home shows: one query-relevant row of each kind."""
    unit = make_unit(f"Obec {i:03d}", f"obec-{i:03d}", f"9{i:07d}")
    memorandum = Memorandum.objects.create(unit=unit, signed_on=today - timedelta(days=400))
    description = CooperationDescription.objects.create(
        unit=unit,
        memorandum=memorandum,
        status="valid",
        valid_from=today - timedelta(days=300),
        valid_to=today + timedelta(days=30 if ending else 600),
        training_total_hours=Decimal("40"),
        training_max_distance_hours=Decimal("10"),
    )
    frequency_rule(activity(description, "Jednání LP"))
    meeting(unit, today - timedelta(days=5))
    person = make_person(unit, "Jana", f"Nováková {i}")
    attend(make_event(unit, starts_on=today - timedelta(days=20)), person)
    attend(make_event(unit, "Online", distance="12", starts_on=today - timedelta(days=10)), person)
    InclusionPlan.objects.create(
        unit=unit,
        title="Plán sociálního začleňování",
        year_from=today.year - 1,
        year_to=today.year + 2,
        status="approved",
        resolution_number="12/2025-ZM",
        resolution_date=today - timedelta(days=60),
    )
    if consultant is not None:
        Membership.objects.create(user=consultant, unit=unit, role=Role.CONSULTANT)
    return description


def full_units(
    count: int, today: date, *, consultant=None, ending: Callable[[int], bool] = lambda i: False
) -> list[CooperationDescription]:
    """``full_unit(i, …)`` for i in range(count), written with one ``bulk_create`` per table.

    The pinned query counts are shown flat for 10 and 200 units; creating 200 units row by row
    (with the history and status signals of every save) took most of a test's time. Bulk writes
    send no signals, so the caller runs ``refresh_statuses`` afterwards, as these tests do.
    """
    units = TerritorialUnit.objects.bulk_create(
        TerritorialUnit(
            name=f"Obec {i:03d}",
            slug=f"obec-{i:03d}",
            kind=UnitKind.STATUTORY_CITY,
            ico=f"9{i:07d}",
            seat_address="Masarykovo náměstí 97/1, 586 01 Jihlava",
            region=Region.VYSOCINA,
        )
        for i in range(count)
    )
    memoranda = Memorandum.objects.bulk_create(
        Memorandum(unit=unit, signed_on=today - timedelta(days=400)) for unit in units
    )
    descriptions = CooperationDescription.objects.bulk_create(
        CooperationDescription(
            unit=unit,
            memorandum=memorandum,
            status="valid",
            valid_from=today - timedelta(days=300),
            valid_to=today + timedelta(days=30 if ending(i) else 600),
            training_total_hours=Decimal("40"),
            training_max_distance_hours=Decimal("10"),
        )
        for i, (unit, memorandum) in enumerate(zip(units, memoranda, strict=True))
    )
    activities = Activity.objects.bulk_create(
        Activity(unit=d.unit, description=d, name="Jednání LP", order=1) for d in descriptions
    )
    Rule.objects.bulk_create(
        Rule(
            unit=a.unit,
            activity=a,
            kind=RuleKind.FREQUENCY,
            text="Minimálně 4x ročně",
            per_year=4,
            meeting_kinds=["lp_plenary"],
            counts_working_groups=True,
        )
        for a in activities
    )
    day = at(today - timedelta(days=5))
    Meeting.objects.bulk_create(
        Meeting(
            unit=unit,
            title=f"Jednání {today - timedelta(days=5):%d. %m. %Y}",
            kind="lp_plenary",
            state="held",
            starts_at=day,
            ends_at=day + timedelta(hours=2),
        )
        for unit in units
    )
    people = Person.objects.bulk_create(
        Person(unit=unit, first_name="Jana", last_name=f"Nováková {i}") for i, unit in enumerate(units)
    )
    events = TrainingEvent.objects.bulk_create(
        event
        for unit in units
        for event in (
            TrainingEvent(
                unit=unit,
                title="Sousedské soužití",
                in_person_hours=Decimal("4"),
                distance_hours=Decimal("0"),
                delivery="in_person",
                starts_on=today - timedelta(days=20),
            ),
            TrainingEvent(
                unit=unit,
                title="Online",
                in_person_hours=Decimal("0"),
                distance_hours=Decimal("12"),
                delivery="distance",
                starts_on=today - timedelta(days=10),
            ),
        )
    )
    Participation.objects.bulk_create(
        Participation(
            unit=event.unit,
            event=event,
            person=person,
            in_person_hours=event.in_person_hours,
            distance_hours=event.distance_hours,
        )
        for person, pair in zip(people, zip(events[::2], events[1::2], strict=True), strict=True)
        for event in pair
    )
    InclusionPlan.objects.bulk_create(
        InclusionPlan(
            unit=unit,
            title="Plán sociálního začleňování",
            year_from=today.year - 1,
            year_to=today.year + 2,
            status="approved",
            resolution_number="12/2025-ZM",
            resolution_date=today - timedelta(days=60),
        )
        for unit in units
    )
    if consultant is not None:
        Membership.objects.bulk_create(
            Membership(user=consultant, unit=unit, role=Role.CONSULTANT) for unit in units
        )
    return descriptions
