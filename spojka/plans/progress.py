"""How far a plan has got: indicator progress and the roll-up from actions to the whole plan.

Everything here is plain arithmetic over objects that are already loaded (see
``selectors.plan_tree``), so a page showing a whole plan costs the same number of queries however
large the plan is.

Indicator progress
    progress = (latest − baseline) / (target − baseline), clamped to 0–100 %.
    "latest" is the value of the most recent year measured. A falling target (fewer evictions: 40 → 20)
    works with the same formula. No measured value → no progress (None, shown "bez údajů").
    A target equal to the baseline is 100 % once the latest value reaches it, else 0 %.

Roll-up (status points)
    An action's progress is the points of its status: splněno 1, částečně splněno 0.5,
    plní se 0.5, nezahájeno 0, neplněno 0; zrušeno is excluded (it neither helps nor hurts).
    A measure with (non-cancelled) actions: the mean of its actions.
    A measure without actions: the mean of its own status points and the progress of each of its
    indicators that has a measured value. A cancelled measure is excluded.
    A goal: the mean of its measures; an area: the mean of its goals; the plan: the mean of its areas.
    A node with nothing to count has no progress (None) and is left out of its parent's mean.
    Goal indicators are shown with the goal but not counted: they measure impact, which the
    measures' roll-up does not replace, and counting them too would weigh some goals twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from spojka.plans.models import ImplementationStatus

STATUS_POINTS: dict[str, Decimal | None] = {
    ImplementationStatus.DONE: Decimal("1"),
    ImplementationStatus.PARTIAL: Decimal("0.5"),
    ImplementationStatus.IN_PROGRESS: Decimal("0.5"),
    ImplementationStatus.NOT_STARTED: Decimal("0"),
    ImplementationStatus.UNMET: Decimal("0"),
    ImplementationStatus.CANCELLED: None,
}


def mean(values: Iterable[Decimal | None]) -> Decimal | None:
    counted = [v for v in values if v is not None]
    if not counted:
        return None
    return sum(counted, Decimal(0)) / len(counted)


def indicator_progress(
    indicator, values: list | None = None, *, until_year: int | None = None
) -> Decimal | None:
    """Share (0–1) of the way from baseline to target; ``values`` defaults to the prefetched ones.

    With ``until_year`` only values of monitoring years up to it count: a report for 2023 must not
    change when a 2025 value is entered.
    """
    values = list(indicator.values.all()) if values is None else values
    if until_year is not None:
        values = [v for v in values if v.year <= until_year]
    if not values:
        return None
    latest = max(values, key=lambda v: v.year).value
    baseline, target = indicator.baseline_value, indicator.target_value
    if target == baseline:
        return Decimal(1) if latest >= target else Decimal(0)
    share = (latest - baseline) / (target - baseline)
    return min(Decimal(1), max(Decimal(0), share))


def action_progress(action) -> Decimal | None:
    return STATUS_POINTS[action.status]


def measure_progress(measure, until_year: int | None = None) -> Decimal | None:
    if measure.status == ImplementationStatus.CANCELLED:
        return None
    actions = [a for a in measure.actions.all() if a.status != ImplementationStatus.CANCELLED]
    if actions:
        return mean(action_progress(a) for a in actions)
    own = [STATUS_POINTS[measure.status]]
    own += [indicator_progress(i, until_year=until_year) for i in measure.indicators.all()]
    return mean(own)


def goal_progress(goal, until_year: int | None = None) -> Decimal | None:
    return mean(measure_progress(m, until_year) for m in goal.measures.all())


def area_progress(area, until_year: int | None = None) -> Decimal | None:
    return mean(goal_progress(g, until_year) for g in area.goals.all())


def plan_progress(plan, until_year: int | None = None) -> Decimal | None:
    """The plan's progress; with ``until_year``, from indicator values of years up to it only."""
    return mean(area_progress(a, until_year) for a in plan.areas.all())


@dataclass
class Node:
    """One line of the plan tree: the object, its progress and its children."""

    obj: object
    level: str
    progress: Decimal | None
    children: list[Node] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)

    @property
    def percent(self) -> int | None:
        return percent(self.progress)


@dataclass
class IndicatorRow:
    indicator: object
    progress: Decimal | None
    latest: object | None

    @property
    def percent(self) -> int | None:
        return percent(self.progress)


def percent(value: Decimal | None) -> int | None:
    """Whole percent, rounded half up (0.625 → 63)."""
    if value is None:
        return None
    return int((value * 100).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def _indicator_rows(owner, until_year: int | None = None) -> list[IndicatorRow]:
    rows = []
    for indicator in owner.indicators.all():
        values = [v for v in indicator.values.all() if until_year is None or v.year <= until_year]
        latest = max(values, key=lambda v: v.year) if values else None
        rows.append(IndicatorRow(indicator, indicator_progress(indicator, values), latest))
    return rows


def build_tree(plan, until_year: int | None = None) -> Node:
    """The whole plan as a tree of Nodes with their progress (children must be prefetched).

    With ``until_year``, indicators count only values of monitoring years up to it (a report as of
    that year), as ``plan_progress`` does for the annual report."""
    areas = []
    for area in plan.areas.all():
        goals = []
        for goal in area.goals.all():
            measures = []
            for measure in goal.measures.all():
                actions = [Node(a, "action", action_progress(a)) for a in measure.actions.all()]
                measures.append(
                    Node(
                        measure,
                        "measure",
                        measure_progress(measure, until_year),
                        actions,
                        _indicator_rows(measure, until_year),
                    )
                )
            goals.append(
                Node(
                    goal,
                    "goal",
                    mean(m.progress for m in measures),
                    measures,
                    _indicator_rows(goal, until_year),
                )
            )
        areas.append(Node(area, "area", mean(g.progress for g in goals), goals))
    return Node(plan, "plan", mean(a.progress for a in areas), areas)
