"""Display helpers of the plan pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from spojka.plans.chart import format_value

register = template.Library()

# Implementation statuses reuse the colours of the shared status badges (core/app.css).
STATUS_CLASSES = {
    "done": "met",
    "in_progress": "on_track",
    "partial": "at_risk",
    "unmet": "unmet",
    "not_started": "not_started",
    "cancelled": "no_rule",
}


@register.filter
def status_class(code: str) -> str:
    return STATUS_CLASSES.get(code, code)


@register.filter
def pct(value: int | None) -> str:
    """A whole percent for people: "63 %", or "bez údajů" when there is nothing to count."""
    if value is None:
        return _("bez údajů")
    return f"{value}\u00a0%"


@register.filter
def value(number) -> str:
    return format_value(number)
