"""Plans built explicitly for tests, of any size."""

from __future__ import annotations

from decimal import Decimal

from spojka.plans.models import (
    Goal,
    ImplementationStatus,
    InclusionPlan,
    Indicator,
    IndicatorValue,
    Measure,
    MonitoringRound,
    PlanAction,
    PriorityArea,
)


def make_plan(
    unit, *, areas: int = 1, goals: int = 1, measures: int = 1, actions: int = 1, thematic_area=None
):
    """A PSZ 2022–2027 with the given fan-out; every measure and goal has an indicator with a value."""
    plan = InclusionPlan.objects.create(
        unit=unit, title="Plán sociálního začleňování", year_from=2022, year_to=2027, is_example=True
    )
    plan.strategic_documents.create(unit=unit, title="Komunitní plán sociálních služeb", period="2016")
    for a in range(1, areas + 1):
        area = PriorityArea.objects.create(
            unit=unit, plan=plan, code=str(a), name=f"Oblast {a}", order=a, thematic_area=thematic_area
        )
        for g in range(1, goals + 1):
            goal = Goal.objects.create(unit=unit, area=area, code=f"{a}.{g}", name=f"Cíl {a}.{g}", order=g)
            _indicator(unit, f"G{a}.{g}", goal=goal)
            for m in range(1, measures + 1):
                measure = Measure.objects.create(
                    unit=unit,
                    goal=goal,
                    code=f"{a}.{g}.{m}",
                    name=f"Opatření {a}.{g}.{m}",
                    order=m,
                    budget=Decimal("1234567.50"),
                    due_season="autumn",
                    due_year=2023,
                )
                _indicator(unit, f"M{a}.{g}.{m}", measure=measure)
                for x in range(1, actions + 1):
                    PlanAction.objects.create(
                        unit=unit,
                        measure=measure,
                        code=f"{a}.{g}.{m}.{x}",
                        name=f"Aktivita {a}.{g}.{m}.{x}",
                        order=x,
                        status=ImplementationStatus.IN_PROGRESS,
                    )
    return plan


def _indicator(unit, code: str, **owner) -> Indicator:
    indicator = Indicator.objects.create(
        unit=unit,
        code=code,
        name=f"Indikátor {code}",
        unit_of_measure="osoby",
        baseline_value=Decimal("10"),
        baseline_year=2022,
        target_value=Decimal("50"),
        target_year=2027,
        **owner,
    )
    IndicatorValue.objects.create(unit=unit, indicator=indicator, year=2023, value=Decimal("20"))
    return indicator


def make_round(plan, year: int, *, approved: bool = False) -> MonitoringRound:
    from django.utils import timezone

    return MonitoringRound.objects.create(
        unit=plan.unit, plan=plan, year=year, approved_at=timezone.now() if approved else None
    )
