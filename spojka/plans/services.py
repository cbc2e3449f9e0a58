"""Workflows of the plan that touch several models; each is one transaction."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.cooperation.models import TerritorialUnit
from spojka.lib.upsert import upsert
from spojka.plans.models import (
    Goal,
    ImplementationStatus,
    InclusionPlan,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureReport,
    MonitoringRound,
    PlanAction,
    PlanStatus,
    PriorityArea,
    StrategicDocument,
)


def locked_message(year: int) -> str:
    return _("Monitorování za rok %(year)s je schválené a uzamčené; jeho údaje už nelze měnit.") % {
        "year": year
    }


@transaction.atomic
def plan_save(
    *, plan: InclusionPlan, unit: TerritorialUnit, strategic: list[tuple[str, str]]
) -> InclusionPlan:
    """Save a plan with its linked strategic documents as one change."""
    plan.unit = unit
    plan.save()
    wanted = {title: (period, order) for order, (title, period) in enumerate(strategic)}
    for document in plan.strategic_documents.all():
        if document.title not in wanted:
            document.delete()
    for title, (period, order) in wanted.items():
        upsert(
            StrategicDocument,
            lookup={"plan": plan, "title": title},
            values={"unit": unit, "period": period, "order": order},
        )
    return plan


def _refuse_if_locked(plan: InclusionPlan, year: int) -> None:
    if plan.monitoring_rounds.filter(year=year, approved_at__isnull=False).exists():
        raise ValidationError(locked_message(year))


@transaction.atomic
def indicator_value_save(
    *, indicator: Indicator, plan: InclusionPlan, value: IndicatorValue
) -> IndicatorValue:
    """Enter (or correct) an indicator's value for a year, unless that year's monitoring is locked."""
    try:
        _refuse_if_locked(plan, value.year)
    except ValidationError as exc:
        raise ValidationError({"year": exc.messages}) from None
    existing = indicator.values.filter(year=value.year).first()
    if existing is not None:
        existing.value, existing.source, existing.note = value.value, value.source, value.note
        existing.save()
        return existing
    value.indicator = indicator
    value.unit = plan.unit
    value.save()
    return value


@transaction.atomic
def monitoring_start(*, plan: InclusionPlan, year: int) -> MonitoringRound:
    return MonitoringRound.objects.create(unit=plan.unit, plan=plan, year=year)


@transaction.atomic
def monitoring_save(
    *,
    round: MonitoringRound,
    note: str,
    reports: dict[int, tuple[str, str]],
    values: dict[int, tuple[Decimal | None, str]],
) -> MonitoringRound:
    """Save a year's monitoring: each measure's status and comment and each indicator's value.

    ``reports`` maps measure ids and ``values`` indicator ids of this plan (the form builds them from
    the plan's own measures). A blank value removes that year's value. The latest year's statuses
    also become the measures' current statuses, which drive the roll-up.
    """
    # Lock the round: an approval arriving at the same moment must not slip in between.
    locked = MonitoringRound.objects.select_for_update().get(pk=round.pk)
    if locked.is_locked:
        raise ValidationError(locked_message(locked.year))
    plan = locked.plan
    if locked.note != note:
        locked.note = note
        locked.save(update_fields=["note", "updated_at"])
    latest_year = max(plan.monitoring_rounds.values_list("year", flat=True))
    measures = {m.pk: m for m in Measure.objects.filter(goal__area__plan=plan, pk__in=reports)}
    for measure_id, (status, comment) in reports.items():
        measure = measures[measure_id]
        upsert(
            MeasureReport,
            lookup={"round": locked, "measure": measure},
            values={"unit": plan.unit, "status": status, "comment": comment},
        )
        if locked.year == latest_year and measure.status != status:
            measure.status = status
            measure.save(update_fields=["status", "updated_at"])
    in_plan = models.Q(measure__goal__area__plan=plan) | models.Q(goal__area__plan=plan)
    indicators = {i.pk: i for i in Indicator.objects.filter(in_plan, pk__in=values)}
    for indicator_id, (value, source) in values.items():
        indicator = indicators[indicator_id]
        if value is None:
            for old in indicator.values.filter(year=locked.year):
                old.delete()  # one by one, so the history records each deletion
            continue
        upsert(
            IndicatorValue,
            lookup={"indicator": indicator, "year": locked.year},
            values={"unit": plan.unit, "value": value, "source": source},
        )
    return locked


@transaction.atomic
def monitoring_approve(*, round: MonitoringRound, user) -> MonitoringRound:
    locked = MonitoringRound.objects.select_for_update().get(pk=round.pk)
    if locked.is_locked:
        raise ValidationError(_("Monitorování za rok %(year)s už bylo schváleno.") % {"year": locked.year})
    locked.approved_at = timezone.now()
    locked.approved_by = user
    locked.save(update_fields=["approved_at", "approved_by", "updated_at"])
    return locked


def _copy_indicators(owner, *, new_owner_field: str, new_owner, year_to: int) -> None:
    """A new plan starts where the old one ended: the latest measured value becomes the baseline."""
    for indicator in owner.indicators.all():
        values = list(indicator.values.all())
        latest = max(values, key=lambda v: v.year) if values else None
        Indicator.objects.create(
            unit=new_owner.unit,
            **{new_owner_field: new_owner},
            code=indicator.code,
            name=indicator.name,
            kind=indicator.kind,
            unit_of_measure=indicator.unit_of_measure,
            baseline_value=latest.value if latest else indicator.baseline_value,
            baseline_year=latest.year if latest else indicator.baseline_year,
            target_value=indicator.target_value,
            target_year=max(year_to, latest.year if latest else indicator.baseline_year),
            order=indicator.order,
            is_example=indicator.is_example,
        )


def _node_values(node, fields: list[str]) -> dict:
    return {name: getattr(node, name) for name in fields}


NODE_FIELDS = ["code", "name", "description", "order", "is_example"]
MEASURE_FIELDS = NODE_FIELDS + [
    "responsible",
    "partners",
    "budget",
    "funding_source",
    "intervention_type",
]


@transaction.atomic
def plan_start_from(
    *,
    source: InclusionPlan,
    kind: str,
    title: str,
    year_from: int,
    year_to: int,
    area_ids: set[int],
    goal_ids: set[int],
    measure_ids: set[int],
) -> InclusionPlan:
    """Start a new plan from selected areas, goals and measures of ``source`` (a plan with its tree prefetched).

    A selected measure brings its goal and area along, a selected goal its area; selecting an area
    alone copies only the area. Measures start again as "nezahájeno" with no deadline; their
    actions and measured values stay with the old plan (they belong to its period); indicators are
    copied with the latest measured value as the new baseline.
    """
    unit = source.unit
    plan = InclusionPlan.objects.create(
        unit=unit,
        kind=kind,
        title=title,
        year_from=year_from,
        year_to=year_to,
        status=PlanStatus.DRAFT,
        target_group=source.target_group,
        main_goal=source.main_goal,
        source_plan=source,
        is_example=source.is_example,
    )
    for document in source.strategic_documents.all():
        StrategicDocument.objects.create(
            unit=unit, plan=plan, title=document.title, period=document.period, order=document.order
        )
    for area in source.areas.all():
        goals = [
            g
            for g in area.goals.all()
            if g.pk in goal_ids or any(m.pk in measure_ids for m in g.measures.all())
        ]
        if area.pk not in area_ids and not goals:
            continue
        new_area = PriorityArea.objects.create(
            unit=unit, plan=plan, thematic_area=area.thematic_area, **_node_values(area, NODE_FIELDS)
        )
        for goal in goals:
            new_goal = Goal.objects.create(unit=unit, area=new_area, **_node_values(goal, NODE_FIELDS))
            _copy_indicators(goal, new_owner_field="goal", new_owner=new_goal, year_to=year_to)
            for measure in goal.measures.all():
                if measure.pk not in measure_ids:
                    continue
                new_measure = Measure.objects.create(
                    unit=unit,
                    goal=new_goal,
                    status=ImplementationStatus.NOT_STARTED,
                    **_node_values(measure, MEASURE_FIELDS),
                )
                _copy_indicators(measure, new_owner_field="measure", new_owner=new_measure, year_to=year_to)
    return plan


def _locked_years(plan: InclusionPlan) -> set[int]:
    return set(plan.monitoring_rounds.filter(approved_at__isnull=False).values_list("year", flat=True))


@transaction.atomic
def node_delete_check(
    *, plan: InclusionPlan, obj: PriorityArea | Goal | Measure | PlanAction | Indicator
) -> None:
    """May an area, goal, measure, action or indicator be deleted with everything below it?

    Raises a Czech ValidationError when anything below it is part of an approved (locked) monitoring: a locked year's
    statuses and values must stay as they were approved.
    """
    locked = _locked_years(plan)
    if locked:
        if isinstance(obj, PriorityArea):
            reports = MeasureReport.objects.filter(measure__goal__area=obj)
            values = IndicatorValue.objects.filter(
                models.Q(indicator__goal__area=obj) | models.Q(indicator__measure__goal__area=obj)
            )
        elif isinstance(obj, Goal):
            reports = MeasureReport.objects.filter(measure__goal=obj)
            values = IndicatorValue.objects.filter(
                models.Q(indicator__goal=obj) | models.Q(indicator__measure__goal=obj)
            )
        elif isinstance(obj, Measure):
            reports = MeasureReport.objects.filter(measure=obj)
            values = IndicatorValue.objects.filter(indicator__measure=obj)
        elif isinstance(obj, Indicator):
            reports = MeasureReport.objects.none()
            values = obj.values.all()
        else:
            reports = values = IndicatorValue.objects.none()
        years = set(reports.filter(round__year__in=locked).values_list("round__year", flat=True))
        years |= set(values.filter(year__in=locked).values_list("year", flat=True))
        if years:
            raise ValidationError(
                _("Nelze smazat: údaje jsou součástí schváleného monitorování za rok %(years)s.")
                % {"years": ", ".join(str(y) for y in sorted(years))}
            )
