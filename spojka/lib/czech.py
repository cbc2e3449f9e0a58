"""Czech formats for people to read: dates, numbers, money and typography.

The UI uses Django's localisation for most of this; these helpers serve the places where text
is produced outside a template (generated documents, e-mails, exports) and must look the same.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

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


# ---------------------------------------------------------------------------------------------
# Plural forms, percentages, counts, collation and labels: the rules pages and documents share.
# ---------------------------------------------------------------------------------------------

# The nouns counted in Spojka, each as (1, 2–4, 5 and more; also 0 and fractions take the last).
HODINA = ("hodina", "hodiny", "hodin")
OSOBA = ("osoba", "osoby", "osob")
JEDNANI = ("jednání", "jednání", "jednání")
CLEN = ("člen", "členové", "členů")
DEN = ("den", "dny", "dní")
UCASTNIK = ("účastník", "účastníci", "účastníků")
ORGANIZACE = ("organizace", "organizace", "organizací")
DOKUMENT = ("dokument", "dokumenty", "dokumentů")
UKOL = ("úkol", "úkoly", "úkolů")


def plural_form(value: Decimal | float | int | None, forms: tuple[str, str, str]) -> str:
    """The form of a noun after ``value``: 1 hodina, 2–4 hodiny, 0 and 5+ hodin.

    A fraction takes the genitive singular in careful Czech ("1,5 hodiny"), which the 2–4 form
    spells the same for the nouns used here.
    """
    one, few, many = forms
    if value is None:
        return many
    dec = Decimal(str(value))
    if dec != dec.to_integral_value():
        return few
    n = abs(int(dec))
    if n == 1:
        return one
    if 2 <= n <= 4:
        return few
    return many


def count(value: Decimal | float | int | None, forms: tuple[str, str, str]) -> str:
    """``value`` and its noun, kept on one line: "4 hodiny", "120 osob", "1,5 hodiny"."""
    if value is None:
        return ""
    return f"{integer_or_decimal(value)}{NBSP}{plural_form(value, forms)}"


def integer_or_decimal(value: Decimal | float | int | None, decimals: int = 1) -> str:
    """A count shown without decimals when it is whole ("120", never "120,00"); else "1,5"."""
    if value is None:
        return ""
    dec = Decimal(str(value))
    return number(dec, 0 if dec == dec.to_integral_value() else decimals)


def percent(value: Decimal | float | int | None, decimals: int = 0) -> str:
    """75 % — the sign separated by a non-breaking space, as Czech typesetting requires."""
    if value is None:
        return ""
    return f"{number(value, decimals)}{NBSP}%"


# Czech alphabetical order (ČSN 97 6030): č, ř, š, ž and "ch" are letters of their own (ch after h);
# á, é, ě, í, ó, ú, ů, ý, ď, ň, ť sort as their base letter and only break ties (secondary level).
_ALPHABET = [
    "a", "b", "c", "č", "d", "e", "f", "g", "h", "ch", "i", "j", "k", "l", "m",
    "n", "o", "p", "q", "r", "ř", "s", "š", "t", "u", "v", "w", "x", "y", "z", "ž",
]  # fmt: skip
_PRIMARY = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_SECONDARY_BASE = {
    "á": "a", "ä": "a", "é": "e", "ě": "e", "ë": "e", "í": "i", "ó": "o", "ö": "o", "ô": "o",
    "ú": "u", "ů": "u", "ü": "u", "ý": "y", "ď": "d", "ň": "n", "ť": "t", "ĺ": "l", "ľ": "l", "ŕ": "r",
}  # fmt: skip


def _letters(text: str) -> list[str]:
    letters, i = [], 0
    while i < len(text):
        if text[i : i + 2] == "ch":
            letters.append("ch")
            i += 2
        else:
            letters.append(text[i])
            i += 1
    return letters


@lru_cache(maxsize=4096)
def collation_key(text: str | None) -> tuple:
    """A sort key that orders Czech names as a Czech reader expects.

    Primary: letters in the Czech alphabet (Čermák after Cibulka, Chalupa after Hruška,
    Šedá after Svoboda, Žák after Zeman); spaces and punctuation are ignored at this level.
    Secondary: a letter without an accent before the accented one (Dvorak, Dvořák is primary).
    Tertiary: lower case before upper case. Characters outside the alphabet sort after it by code.
    Kept per text (immutable tuples): a list of every unit sorts the same names on each request.
    """
    text = (text or "").strip()
    lowered = text.lower()
    primary, secondary = [], []
    for letter in _letters(lowered):
        if not letter.isalnum():
            continue
        base = _SECONDARY_BASE.get(letter, letter)
        if base in _PRIMARY:
            primary.append((0, _PRIMARY[base], ""))
        elif base.isdigit():
            primary.append((-1, int(base), ""))
        else:
            primary.append((1, 0, base))
        secondary.append(0 if base == letter else 1)
    tertiary = tuple(0 if ch.islower() else 1 for ch in text if ch.isalpha())
    return (tuple(primary), tuple(secondary), tertiary, text)


def sorted_czech(items, key=None) -> list:
    """``items`` in Czech alphabetical order; ``key`` picks the text of each (default ``str``)."""
    pick = key or str
    return sorted(items, key=lambda item: collation_key(pick(item)))


def capfirst_label(text: str) -> str:
    """A label as printed: its first letter capitalised ("Hosté", "Soubor"), the rest untouched."""
    return text[:1].upper() + text[1:] if text else text


def by_gender(gender: str, *, feminine: str, masculine: str, neutral: str) -> str:
    """The wording that fits a person's grammatical gender; ``neutral`` when it is not recorded.

    ``gender`` is the value of ``partnership.GrammaticalGender`` ("feminine", "masculine", "").
    """
    if gender == "feminine":
        return feminine
    if gender == "masculine":
        return masculine
    return neutral


_COUNTED = (HODINA, OSOBA, JEDNANI, CLEN, DEN, UCASTNIK, ORGANIZACE, DOKUMENT, UKOL)


def unit_after(value: Decimal | float | int | None, unit: str) -> str:
    """A unit of measure written after ``value`` in the form the number needs ("190 osob").

    A unit that is one of the counted nouns in any of its forms ("osoby" as typed in a plan) is
    inflected; any other unit ("%", "Kč", "km") is left as written.
    """
    word = (unit or "").strip()
    for forms in _COUNTED:
        if word.lower() in forms:
            return plural_form(value, forms)
    return word
