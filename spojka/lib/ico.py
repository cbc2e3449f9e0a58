"""Czech company identification number (IČO)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cz import dic


def is_valid_ico(value: str) -> bool:
    """IČO is 8 digits with a mod-11 check digit.

    python-stdnum implements that check as the legal-entity form of the Czech DIČ (whose digits
    are the IČO), so it is reused here rather than re-implemented; only 8-digit values qualify.
    """
    value = (value or "").strip()
    return len(value) == 8 and value.isdigit() and dic.is_valid(value)


def validate_ico(value: str) -> None:
    if not is_valid_ico(value):
        raise ValidationError(
            _("IČO musí mít 8 číslic a platnou kontrolní číslici (např. 00286010)."),
            code="invalid_ico",
        )
