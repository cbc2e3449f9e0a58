"""Demo data for the agency's pages: support periods, a memorandum, a statement and a second unit in force.

Jihlava's description ended in 2023 (the seed): the agency home shows it as ended. The fictional
Horní Příklad gets a description in force that ends within 90 days, an LP rule it is behind on, a
draft plan and intensive support, so that the home's filters have something to find.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from spojka.agency.models import SupportPeriod, SupportType
from spojka.compliance.models import Activity, Rule, RuleKind
from spojka.cooperation.models import CooperationDescription, Memorandum, Status
from spojka.plans.models import InclusionPlan


def load(*, context: dict) -> dict:
    today = timezone.localdate()
    jihlava, other = context["jihlava"], context["other"]
    for unit, support_type, starts_on, ends_on, wave in (
        (jihlava, SupportType.INTENSIVE, date(2021, 11, 2), date(2023, 11, 1), "KPSV, 1. vlna"),
        (jihlava, SupportType.REMOTE, date(2023, 11, 2), None, "vzdálená podpora po KPSV"),
        (other, SupportType.INTENSIVE, today - timedelta(days=700), None, "KPSV+, 2. vlna"),
    ):
        SupportPeriod.objects.get_or_create(
            unit=unit,
            starts_on=starts_on,
            defaults={"support_type": support_type, "ends_on": ends_on, "wave": wave},
        )
    memorandum, _ = Memorandum.objects.get_or_create(
        unit=other,
        signed_on=today - timedelta(days=720),
        defaults={
            "signatories": "Mgr. Hana Příkladná, starostka\nředitel Agentury pro sociální začleňování",
            "resolution_number": "45/2024-ZO",
            "resolution_date": today - timedelta(days=740),
            "annexes": "Příloha 1: vymezení lokalit",
        },
    )
    description = CooperationDescription.objects.filter(unit=other).order_by("-version").first()
    if description is None:
        description = CooperationDescription.objects.create(
            unit=other,
            memorandum=memorandum,
            status=Status.VALID,
            valid_from=today - timedelta(days=700),
            valid_to=today + timedelta(days=45),
            training_total_hours=Decimal("24"),
            training_max_distance_hours=Decimal("8"),
        )
        activity = Activity.objects.create(
            unit=other, description=description, order=1, name="Jednání lokálního partnerství"
        )
        Rule.objects.create(
            unit=other,
            activity=activity,
            kind=RuleKind.FREQUENCY,
            text="Minimálně 4x ročně",
            per_year=4,
            meeting_kinds=["lp_plenary"],
        )
    InclusionPlan.objects.get_or_create(
        unit=other,
        title="Plán sociálního začleňování Horního Příkladu",
        defaults={"year_from": today.year, "year_to": today.year + 2},
    )
    return {}
