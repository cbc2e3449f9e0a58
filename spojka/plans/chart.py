"""Geometry of the small server-rendered SVG chart of an indicator (template plans/_chart.html).

No JavaScript and no chart library: the chart is a polyline of the measured values from the baseline,
a dashed line at the target and year labels. Screen readers get a title and description, and every
chart is followed by a table of the same values.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from spojka.lib.czech import number

WIDTH, HEIGHT = 520, 220
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 36


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    year: int
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: list[Point]
    polyline: str
    baseline: Point
    target: Point
    target_y: float
    x_ticks: list[Point]
    y_ticks: list[Point]
    left: int
    right: int
    bottom: float
    description: str


def format_value(value: Decimal | None) -> str:
    """An indicator value for people: 40, 30,5, 13,25 (no trailing zeros, Czech decimal comma)."""
    if value is None:
        return ""
    value = Decimal(value)
    for decimals in (0, 1):
        if value == value.quantize(Decimal(1).scaleb(-decimals)):
            return number(value, decimals)
    return number(value, 2)


_fmt = format_value


@dataclass(frozen=True)
class _Scale:
    """Years along x, values along y (upwards), both into the plot area inside the margins."""

    y_from: int
    y_to: int
    low: Decimal
    high: Decimal

    def x(self, year: int) -> float:
        span = max(1, self.y_to - self.y_from)
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (year - self.y_from) / span, 1)

    def y(self, value: Decimal) -> float:
        fraction = float((self.high - value) / (self.high - self.low))
        return round(TOP + fraction * (HEIGHT - TOP - BOTTOM), 1)

    def point(self, year: int, value: Decimal) -> Point:
        return Point(self.x(year), self.y(value), year, _fmt(value))


def _scale(indicator, values: list) -> _Scale:
    years = [indicator.baseline_year, indicator.target_year, *(v.year for v in values)]
    numbers = [indicator.baseline_value, indicator.target_value, *(v.value for v in values)]
    low, high = min(Decimal(0), *numbers), max(numbers)
    if high == low:
        high = low + 1
    return _Scale(min(years), max(years), low, high)


def _description(baseline: Point, target: Point, points: list[Point]) -> str:
    measured = ", ".join(f"{p.year}: {p.label}" for p in points) or _("zatím žádné")
    return _(
        "Výchozí hodnota %(base)s (%(base_year)s), cílová hodnota %(target)s (%(target_year)s). "
        "Naměřené hodnoty: %(measured)s."
    ) % {
        "base": baseline.label,
        "base_year": baseline.year,
        "target": target.label,
        "target_year": target.year,
        "measured": measured,
    }


def indicator_chart(indicator, values: list) -> Chart:
    """``values`` are the indicator's IndicatorValue rows (any order)."""
    values = sorted(values, key=lambda v: v.year)
    scale = _scale(indicator, values)
    baseline = scale.point(indicator.baseline_year, indicator.baseline_value)
    target = scale.point(indicator.target_year, indicator.target_value)
    points = [scale.point(v.year, v.value) for v in values]
    line = [baseline] + [p for p in points if p.year >= indicator.baseline_year]
    step = 1 if scale.y_to - scale.y_from <= 10 else 2
    x_ticks = [
        Point(scale.x(year), HEIGHT - BOTTOM + 18, year, str(year))
        for year in range(scale.y_from, scale.y_to + 1, step)
    ]
    y_ticks = [
        Point(LEFT - 6, scale.y(v), 0, _fmt(v)) for v in (scale.low, (scale.low + scale.high) / 2, scale.high)
    ]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        polyline=" ".join(f"{p.x},{p.y}" for p in line),
        baseline=baseline,
        target=target,
        target_y=target.y,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        left=LEFT,
        right=WIDTH - RIGHT,
        bottom=HEIGHT - BOTTOM,
        description=_description(baseline, target, points),
    )
