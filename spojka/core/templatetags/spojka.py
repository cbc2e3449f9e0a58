"""Template filters for Czech formats and small display helpers."""

from __future__ import annotations

from django import template

from spojka.cooperation.models import Status
from spojka.lib import czech

register = template.Library()


@register.filter
def hours(value) -> str:
    return czech.hours(value)


@register.filter
def money(value) -> str:
    return czech.money(value)


@register.filter
def date_long(value) -> str:
    return czech.date_long(value)


@register.filter
def status_label(code: str) -> str:
    return str(Status(code).label) if code else ""


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current address with page ``number`` (``strana``); every other query parameter is kept."""
    query = context["request"].GET.copy()
    query["strana"] = str(number)
    return "?" + query.urlencode()
