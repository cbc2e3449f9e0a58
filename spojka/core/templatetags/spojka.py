"""Template filters for Czech formats and small display helpers."""

from __future__ import annotations

from django import template

from spojka.cooperation.models import Status
from spojka.lib import czech

register = template.Library()


@register.filter
def hours(value) -> str:
    return czech.hours(value)


# Nouns a template may count by name: {{ n|count:"hodina" }} → "4 hodiny".
_NOUNS = {
    "hodina": czech.HODINA,
    "osoba": czech.OSOBA,
    "jednání": czech.JEDNANI,
    "člen": czech.CLEN,
    "den": czech.DEN,
    "účastník": czech.UCASTNIK,
    "organizace": czech.ORGANIZACE,
    "dokument": czech.DOKUMENT,
    "úkol": czech.UKOL,
}


def _forms(arg: str) -> tuple[str, str, str]:
    if arg in _NOUNS:
        return _NOUNS[arg]
    forms = tuple(part.strip() for part in arg.split(","))
    if len(forms) != 3:
        raise template.TemplateSyntaxError(f"count needs a known noun or three forms, got {arg!r}")
    return forms


@register.filter
def count(value, arg: str) -> str:
    """``4|count:"hodina"`` → "4 hodiny"; ``5|count:"kus,kusy,kusů"`` → "5 kusů"."""
    return czech.count(value, _forms(arg))


@register.filter
def plural(value, arg: str) -> str:
    """Only the noun's form after ``value``: ``{{ n }} {{ n|plural:"osoba" }}``."""
    return czech.plural_form(value, _forms(arg))


@register.filter
def unit_after(value, unit: str) -> str:
    """The unit of measure after ``value`` in the right form: ``{{ v|unit_after:"osoby" }}`` → "osob"."""
    return czech.unit_after(value, unit)


@register.filter
def percent(value) -> str:
    """75 % with a non-breaking space."""
    return czech.percent(value)


@register.filter
def integer(value) -> str:
    """A count without decimals when whole: 120, not 120,00."""
    return czech.integer_or_decimal(value)


@register.filter
def czech_sorted(items, attribute: str = ""):
    """A list in Czech alphabetical order, by ``attribute`` of each item if given."""
    if attribute:
        return czech.sorted_czech(items, key=lambda item: str(getattr(item, attribute, "")))
    return czech.sorted_czech(items)


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


@register.inclusion_tag("core/_button.html")
def button(
    label: str, href: str = "", kind: str = "solid", color: str = "primary", name: str = "", value: str = ""
) -> dict:
    """A GOV.CZ button: a link when ``href`` is given, else a submit button (``name``/``value`` say
    which one was pressed). ``kind`` is solid or outlined, ``color`` primary or error."""
    return {"label": label, "href": href, "kind": kind, "color": color, "name": name, "value": value}


@register.filter
def fields_with_errors(form) -> list:
    """The visible fields of ``form`` that have errors, for the error summary's links."""
    return [field for field in form.visible_fields() if field.errors]
