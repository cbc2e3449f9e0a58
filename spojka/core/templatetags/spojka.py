"""Template filters for Czech formats and small display helpers."""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, format_html

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


@register.filter
def error_target(field) -> str:
    """The id the error summary links to: the field's control, or its first option where the field is
    a group of radios or checkboxes (whose label points nowhere)."""
    if field.id_for_label:
        return field.id_for_label
    subwidgets = field.subwidgets
    return (subwidgets[0].id_for_label if subwidgets else "") or field.auto_id


@register.filter
def has_required(form) -> bool:
    """Whether ``form`` has a visible field that must be filled: the form then explains the mark."""
    return any(field.field.required for field in form.visible_fields())


@register.filter
def marked_label(field) -> str:
    """The field's ``<label>`` with a visible mark when filling it is required (WCAG 3.3.2); assistive
    technology hears "required" from the control itself, so the mark is hidden from it."""
    suffix = field.field.label_suffix if field.field.label_suffix is not None else field.form.label_suffix
    label = str(field.label)
    if suffix and label and label[-1] not in ":?.!":
        label += suffix
    contents = conditional_escape(label)
    if field.field.required:
        contents = format_html('{} <span class="app-required" aria-hidden="true">*</span>', contents)
    return field.label_tag(contents, label_suffix="")
