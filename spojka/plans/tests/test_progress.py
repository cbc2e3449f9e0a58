"""Indicator progress and the roll-up, against figures computed by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from spojka.plans.models import Goal, Indicator, IndicatorValue, Measure, PlanAction
from spojka.plans.models import ImplementationStatus as S
from spojka.plans.progress import build_tree, indicator_progress, percent
from spojka.plans.selectors import plan_with_tree
from spojka.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db


def _indicator(unit, measure, base, target, values: dict) -> Indicator:
    indicator = Indicator.objects.create(
        unit=unit,
        measure=measure,
        code=f"X{Indicator.objects.count()}",
        name="Počet osob",
        unit_of_measure="osoby",
        baseline_value=Decimal(base),
        baseline_year=2022,
        target_value=Decimal(target),
        target_year=2027,
    )
    for year, value in values.items():
        IndicatorValue.objects.create(unit=unit, indicator=indicator, year=year, value=Decimal(value))
    return indicator


@pytest.mark.parametrize(
    ("base", "target", "values", "expected"),
    [
        (10, 50, {2023: 20, 2024: 30}, Decimal("0.5")),  # the latest year counts: (30 − 10) / (50 − 10)
        (10, 50, {2024: 30, 2023: 45}, Decimal("0.5")),  # by year, not by entry order
        (10, 50, {2023: 80}, Decimal("1")),  # over the target is clamped to 100 %
        (10, 50, {2023: 5}, Decimal("0")),  # below the baseline is clamped to 0 %
        (40, 20, {2023: 30}, Decimal("0.5")),  # a falling target: (30 − 40) / (20 − 40)
        (5, 5, {2023: 5}, Decimal("1")),  # target equal to baseline, reached
        (10, 50, {}, None),  # nothing measured yet
    ],
)
def test_indicator_progress_is_the_share_of_the_way_from_baseline_to_target(
    world, base, target, values, expected
):
    plan = make_plan(world.unit, actions=0)
    measure = Measure.objects.get(goal__area__plan=plan)
    indicator = _indicator(world.unit, measure, base, target, values)
    assert indicator_progress(indicator) == expected


def test_roll_up_from_actions_to_plan_matches_the_hand_computed_figures(world):
    """
    Measure 1.1.1 has actions splněno 1, částečně 0,5, nezahájeno 0 and a cancelled one (left out): 1,5 / 3 = 0,5.
    Measure 1.1.2 has no actions: status plní se 0,5 and an indicator at 25 % → (0,5 + 0,25) / 2 = 0,375.
    Measure 1.1.3 is cancelled and left out. Goal 1.1 = (0,5 + 0,375) / 2 = 0,4375.
    Goal 1.2 has one measure, splněno, without actions or indicators: 1.
    Area 1 = (0,4375 + 1) / 2 = 0,71875. Area 2 has a goal without measures: nothing to count, left out.
    Plan = 0,71875 → 72 %.
    """
    plan = make_plan(world.unit, goals=0)
    unit = world.unit
    area1 = plan.areas.get()
    area2 = plan.areas.create(unit=unit, code="2", name="Prázdná oblast", order=2)
    Goal.objects.create(unit=unit, area=area2, code="2.1", name="Cíl bez opatření")
    goal11 = Goal.objects.create(unit=unit, area=area1, code="1.1", name="Cíl 1.1", order=1)
    goal12 = Goal.objects.create(unit=unit, area=area1, code="1.2", name="Cíl 1.2", order=2)
    m111 = Measure.objects.create(unit=unit, goal=goal11, code="1.1.1", name="A", order=1)
    for code, status in (("a", S.DONE), ("b", S.PARTIAL), ("c", S.NOT_STARTED), ("d", S.CANCELLED)):
        PlanAction.objects.create(unit=unit, measure=m111, code=f"1.1.1.{code}", name=code, status=status)
    m112 = Measure.objects.create(
        unit=unit, goal=goal11, code="1.1.2", name="B", order=2, status=S.IN_PROGRESS
    )
    _indicator(unit, m112, 0, 100, {2023: 25})
    Measure.objects.create(unit=unit, goal=goal11, code="1.1.3", name="C", order=3, status=S.CANCELLED)
    Measure.objects.create(unit=unit, goal=goal12, code="1.2.1", name="D", status=S.DONE)

    tree = build_tree(plan_with_tree(unit, plan.pk))

    area_node = tree.children[0]
    goal11_node = area_node.children[0]
    assert [m.progress for m in goal11_node.children] == [Decimal("0.5"), Decimal("0.375"), None]
    assert goal11_node.progress == Decimal("0.4375")
    assert area_node.children[1].progress == Decimal("1")
    assert area_node.progress == Decimal("0.71875")
    assert tree.children[1].progress is None
    assert tree.progress == Decimal("0.71875")
    assert tree.percent == 72


def test_percent_rounds_half_up():
    assert percent(Decimal("0.625")) == 63
    assert percent(Decimal("0.004")) == 0
    assert percent(None) is None
