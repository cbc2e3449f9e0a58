"""This app's URLs in the URL × role matrix (see spojka/testing/matrix_kinds.py)."""

from __future__ import annotations

from spojka.testing.matrix_kinds import UNIT_READ, UNIT_WRITE, Entry, unit_kwargs


def build(world) -> None:
    """Add the objects this app's URLs need to the test world."""
    from spojka.plans.tests.factories import make_plan, make_round

    world.plan = make_plan(world.unit, thematic_area=world.area)
    area = world.plan.areas.get()
    world.plan_area = area
    world.plan_goal = area.goals.get()
    world.plan_measure = world.plan_goal.measures.get()
    world.plan_action = world.plan_measure.actions.get()
    world.plan_indicator = world.plan_measure.indicators.get()
    world.plan_round = make_round(world.plan, 2023)


def plan_kwargs(w) -> dict:
    return {"unit": w.unit.slug, "pk": w.plan.pk}


def _with(**extra):
    def kwargs(w) -> dict:
        return {**plan_kwargs(w), **{key: attr(w) for key, attr in extra.items()}}

    return kwargs


area_kwargs = _with(area=lambda w: w.plan_area.pk)
goal_kwargs = _with(goal=lambda w: w.plan_goal.pk)
measure_kwargs = _with(measure=lambda w: w.plan_measure.pk)
action_kwargs = _with(action=lambda w: w.plan_action.pk)
indicator_kwargs = _with(indicator=lambda w: w.plan_indicator.pk)
round_kwargs = _with(year=lambda w: w.plan_round.year)

ENTRIES = {
    "plans:plan_list": Entry(UNIT_READ, unit_kwargs),
    "plans:plan_create": Entry(UNIT_WRITE, unit_kwargs),
    "plans:plan_import": Entry(UNIT_WRITE, unit_kwargs),
    "plans:plan_detail": Entry(UNIT_READ, plan_kwargs),
    "plans:plan_edit": Entry(UNIT_WRITE, plan_kwargs),
    "plans:plan_export": Entry(UNIT_READ, plan_kwargs),
    "plans:plan_evaluation": Entry(UNIT_READ, plan_kwargs),
    "plans:plan_start_from": Entry(UNIT_WRITE, plan_kwargs),
    "plans:area_create": Entry(UNIT_WRITE, plan_kwargs),
    "plans:area_edit": Entry(UNIT_WRITE, area_kwargs),
    "plans:goal_create": Entry(UNIT_WRITE, area_kwargs),
    "plans:goal_edit": Entry(UNIT_WRITE, goal_kwargs),
    "plans:goal_indicator_create": Entry(UNIT_WRITE, goal_kwargs),
    "plans:measure_create": Entry(UNIT_WRITE, goal_kwargs),
    "plans:measure_detail": Entry(UNIT_READ, measure_kwargs),
    "plans:measure_edit": Entry(UNIT_WRITE, measure_kwargs),
    "plans:action_create": Entry(UNIT_WRITE, measure_kwargs),
    "plans:measure_indicator_create": Entry(UNIT_WRITE, measure_kwargs),
    "plans:action_edit": Entry(UNIT_WRITE, action_kwargs),
    "plans:indicator_detail": Entry(UNIT_READ, indicator_kwargs),
    "plans:indicator_edit": Entry(UNIT_WRITE, indicator_kwargs),
    "plans:indicator_value": Entry(
        UNIT_WRITE, indicator_kwargs, method="POST", data=lambda w: {"year": "2024", "value": "25"}
    ),
    "plans:node_delete": Entry(
        UNIT_WRITE, _with(kind=lambda w: "aktivita", obj=lambda w: w.plan_action.pk), method="POST"
    ),
    "plans:monitoring_list": Entry(UNIT_READ, plan_kwargs),
    "plans:monitoring_start": Entry(UNIT_WRITE, plan_kwargs, method="POST", data=lambda w: {"year": "2025"}),
    "plans:monitoring_detail": Entry(UNIT_READ, round_kwargs),
    "plans:monitoring_edit": Entry(UNIT_WRITE, round_kwargs),
    "plans:monitoring_approve": Entry(UNIT_WRITE, round_kwargs, method="POST"),
}
