from __future__ import annotations

import contextlib

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _

# Dates a person can mean in Spojka; anything else is a typo (and year 1 overflows time zones).
YEARS = (1990, 2100)
DATE_RANGE_ERROR = _("Zadejte datum mezi lety 1990 a 2100.")
# The largest id a database column holds; a larger one posted to a form is an invalid choice.
MAX_ID = 2**63 - 1


class DateInput(forms.DateInput):
    """The browser's native date picker; the value travels as ISO 8601."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def _check_year(value):
    if value is not None and not YEARS[0] <= value.year <= YEARS[1]:
        raise ValidationError(DATE_RANGE_ERROR, code="date_range")
    return value


class _PlausibleYears:
    # Checked as soon as the text is parsed, before a time zone is applied: year 1 would overflow
    # there (an HTTP 500). ISO text (the browser's date and datetime-local inputs) is parsed by
    # Django before the input formats, so it is checked first.
    def to_python(self, value):
        if isinstance(value, str):
            # Not ISO (ValueError): Django's parsing reports it or tries the input formats.
            with contextlib.suppress(ValueError):
                _check_year(parse_datetime(value.strip()) or parse_date(value.strip()))
        return _check_year(super().to_python(value))

    def strptime(self, value, format):
        return _check_year(super().strptime(value, format))


class DateField(_PlausibleYears, forms.DateField):
    """A date between 1990 and 2100, with a Czech message otherwise."""


class DateTimeField(_PlausibleYears, forms.DateTimeField):
    """A date and time between 1990 and 2100, with a Czech message otherwise."""


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, but an id no database column can hold is an invalid choice, not an OverflowError."""

    def _check_values(self, value):
        for pk in value or ():
            try:
                number = int(str(pk))
            except (TypeError, ValueError):
                continue  # not a number: Django reports it as an invalid choice
            if abs(number) > MAX_ID:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


def formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    """Model form fields with Spojka's date range and bounded ids."""
    if isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("form_class", DateTimeField)
    elif isinstance(db_field, models.DateField):
        kwargs.setdefault("form_class", DateField)
    elif isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    return db_field.formfield(**kwargs)


def native_date_widgets(form: forms.BaseForm) -> None:
    """Give every date field of a model form the native date picker."""
    for field in form.fields.values():
        if isinstance(field, forms.DateTimeField):
            field.widget = DateTimeInput()
        elif isinstance(field, forms.DateField):
            field.widget = DateInput()


class _SpojkaModelFormMetaclass(forms.models.ModelFormMetaclass):
    """Every Spojka model form builds its fields with :func:`formfield` unless its Meta says otherwise."""

    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = formfield
        return super().__new__(mcs, name, bases, attrs)


class SpojkaModelForm(forms.ModelForm, metaclass=_SpojkaModelFormMetaclass):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        native_date_widgets(self)


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on ``form``: each message next to its field, the rest above it.

    A service raises ``ValidationError({"field": "…"})`` for what a person can correct in a field and
    a plain ``ValidationError("…")`` for what concerns the whole form.
    """
    pairs = exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
    for field, messages in pairs:
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


def posted_id(value: object) -> int:
    """An id sent in a POST (a hidden ``item`` and the like) as an int; 0 (matches no row, so a
    lookup gives 404) for anything that is not an id a database column can hold."""
    text = str(value or "").strip()
    if not text.isascii() or not text.isdigit() or int(text) > MAX_ID:
        return 0
    return int(text)


SEARCH_MAX_LENGTH = 100


def search_query(value: object) -> str:
    """A search box's text as a filter may use it: without NUL (PostgreSQL refuses it), trimmed and
    cut to ``SEARCH_MAX_LENGTH`` characters (SQLite refuses a LIKE pattern over 50,000 bytes)."""
    return str(value or "").replace("\x00", "").strip()[:SEARCH_MAX_LENGTH]
