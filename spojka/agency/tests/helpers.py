"""Builders for the agency tests: a unit with a current description, LP rule, meetings and training."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from spojka.accounts.models import Membership, Role
from spojka.compliance.tests.helpers import activity, frequency_rule, meeting
from spojka.conftest import make_unit
from spojka.cooperation.models import CooperationDescription, Memorandum
from spojka.plans.models import InclusionPlan
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
