"""Queries that load a whole plan in a constant number of queries, whatever its size."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from spojka.cooperation.models import TerritorialUnit
from spojka.plans.models import (
    Goal,
    InclusionPlan,
    Indicator,
    IndicatorValue,
    Measure,
    PlanAction,
    PriorityArea,
)


def _indicators() -> Prefetch:
    return Prefetch(
        "indicators",
        queryset=Indicator.objects.prefetch_related(
            Prefetch("values", queryset=IndicatorValue.objects.order_by("year"))
        ),
    )


def plan_tree_queryset(unit: TerritorialUnit) -> QuerySet[InclusionPlan]:
    """The unit's plans with areas → goals → measures → actions and all indicators with values.

    One query per level (areas, goals, goal indicators, their values, measures, measure indicators,
    their values, actions, strategic documents): nine queries for any plan.
    """
    measures = Measure.objects.prefetch_related(
        Prefetch("actions", queryset=PlanAction.objects.all()), _indicators()
    )
    goals = Goal.objects.prefetch_related(Prefetch("measures", queryset=measures), _indicators())
    areas = PriorityArea.objects.select_related("thematic_area").prefetch_related(
        Prefetch("goals", queryset=goals)
    )
    return unit.inclusion_plans.select_related("unit", "source_plan").prefetch_related(
        "strategic_documents", Prefetch("areas", queryset=areas)
    )


def plans_with_progress_tree(plans: QuerySet[InclusionPlan]) -> QuerySet[InclusionPlan]:
    """``plans`` (of any units) with what ``progress.plan_progress`` reads: areas → goals → measures →
    actions and the measures' indicators with values; a constant number of queries for any count."""
    measures = Measure.objects.prefetch_related(
        Prefetch("actions", queryset=PlanAction.objects.all()), _indicators()
    )
    goals = Goal.objects.prefetch_related(Prefetch("measures", queryset=measures))
    areas = PriorityArea.objects.prefetch_related(Prefetch("goals", queryset=goals))
    return plans.prefetch_related(Prefetch("areas", queryset=areas))


def plan_with_tree(unit: TerritorialUnit, pk: int) -> InclusionPlan:
    return get_object_or_404(plan_tree_queryset(unit), pk=pk)


def plan_or_404(unit: TerritorialUnit, pk: int) -> InclusionPlan:
    return get_object_or_404(unit.inclusion_plans.select_related("unit"), pk=pk)


def measures_of(plan: InclusionPlan) -> QuerySet[Measure]:
    return Measure.objects.filter(goal__area__plan=plan, unit=plan.unit).select_related("goal__area")


def area_of(plan: InclusionPlan, pk: int) -> PriorityArea:
    return get_object_or_404(plan.areas.all(), pk=pk)


def goal_of(plan: InclusionPlan, pk: int) -> Goal:
    return get_object_or_404(Goal.objects.select_related("area").filter(area__plan=plan), pk=pk)


def measure_of(plan: InclusionPlan, pk: int) -> Measure:
    return get_object_or_404(measures_of(plan), pk=pk)


def action_of(plan: InclusionPlan, pk: int) -> PlanAction:
    return get_object_or_404(
        PlanAction.objects.select_related("measure__goal__area").filter(measure__goal__area__plan=plan), pk=pk
    )


def indicators_of(plan: InclusionPlan) -> QuerySet[Indicator]:
    return Indicator.objects.filter(
        Q(goal__area__plan=plan) | Q(measure__goal__area__plan=plan), unit=plan.unit
    ).select_related("goal__area", "measure__goal__area")


def indicator_of(plan: InclusionPlan, pk: int) -> Indicator:
    return get_object_or_404(indicators_of(plan).prefetch_related("values"), pk=pk)
