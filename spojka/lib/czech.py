"""Czech formats for people to read: dates, numbers, money and typography.

The UI uses Django's localisation for most of this; these helpers serve the places where text
is produced outside a template (generated documents, e-mails, exports) and must look the same.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"

MONTHS_GENITIVE = (
    "ledna",
    "února",
    "března",
    "dubna",
    "května",
    "června",
    "července",
    "srpna",
    "září",
    "října",
    "listopadu",
    "prosince",
)


def date_short(value: date | datetime | None) -> str:
    """21. 9. 2021 (spaces are non-breaking so a date never breaks across lines)."""
    if value is None:
        return ""
    return f"{value.day}.{NBSP}{value.month}.{NBSP}{value.year}"


def date_long(value: date | datetime | None) -> str:
    """21. září 2021, the form used in official documents."""
    if value is None:
        return ""
    return f"{value.day}.{NBSP}{MONTHS_GENITIVE[value.month - 1]}{NBSP}{value.year}"


def number(value: Decimal | float | int | None, decimals: int = 0) -> str:
    """1 234 567,50 — groups of three separated by a non-breaking space, decimal comma."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = NBSP.join(groups) or "0"
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def hours(value: Decimal | float | int | None) -> str:
    """Hours drop a zero fraction: 40, 1,5."""
    if value is None:
        return ""
    dec = Decimal(str(value))
    return number(dec, 0 if dec == dec.to_integral_value() else 1)


def money(value: Decimal | float | int | None) -> str:
    """1 234 567,50 Kč"""
    if value is None:
        return ""
    return f"{number(value, 2)}{NBSP}Kč"


# One-letter prepositions and conjunctions must not end a line in Czech typesetting.
_ONE_LETTER = re.compile(r"(?<![\w])([kKsSvVzZoOuUaAiI])\s+(?=\S)")
# A number followed by its unit or a percentage sign stays together.
_NUMBER_UNIT = re.compile(r"(\d)\s+(%|Kč|hod\.|hodin|h\b|let|roky|roku|ks)")


def typography(text: str) -> str:
    """Insert the non-breaking spaces Czech typesetting requires."""
    if not text:
        return text
    text = _ONE_LETTER.sub(lambda m: m.group(1) + NBSP, text)
    return _NUMBER_UNIT.sub(lambda m: m.group(1) + NBSP + m.group(2), text)
