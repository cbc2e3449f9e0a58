"""Searching Czech text without caring about case or diacritics, the same on PostgreSQL and SQLite.

"novotna", "NOVOTNÁ" and "Novotná" must all find "Novotná". Rather than a normalised copy of every
searched column (a migration and a save hook per model), each letter of the query becomes a regular
expression class of all its accented and cased forms: "sebesta" → ``[sśšSŚŠ][eéěEÉĚ]…``. Both
databases evaluate it themselves (PostgreSQL's ``~``, SQLite's REGEXP which Django provides), so the
filter stays in the database: one query per list however many rows the unit has, no row limit, and
no dependence on the database's collation or on the ``unaccent`` extension being installed.
"""

from __future__ import annotations

import unicodedata
from functools import reduce
from operator import and_, or_

from django.db.models import Q, QuerySet

from spojka.lib.forms import search_query

# Base letter → every form it may take in Czech (and Slovak and German names met in Czech towns).
_VARIANTS = {
    "a": "aáäą",
    "c": "cčć",
    "d": "dď",
    "e": "eéěëę",
    "i": "ií",
    "l": "lľĺł",
    "n": "nňń",
    "o": "oóôö",
    "r": "rřŕ",
    "s": "sšś",
    "t": "tť",
    "u": "uúůü",
    "y": "yý",
    "z": "zžźż",
}
MAX_TERMS = 8


def fold(text: str) -> str:
    """Lowercase without diacritics: "Šebesta" → "sebesta" (for comparing in Python)."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ł", "l")


def _letter(char: str) -> str:
    forms = _VARIANTS.get(char)
    if forms:
        return "[" + forms + forms.upper() + "]"
    if char.isalpha():
        return "[" + char + char.upper() + "]" if char.upper() != char else char
    if char.isdigit():
        return char
    # A backslash before anything that is not a letter or digit makes it literal in both dialects.
    return "\\" + char


def pattern(term: str) -> str:
    """The regular expression matching ``term`` in any case and with any diacritics."""
    return "".join(_letter(c) for c in fold(term))


def terms(query: object) -> list[str]:
    """The words of a search box's text (cleaned as every search box is), at most ``MAX_TERMS``."""
    return [t for t in search_query(query).split() if fold(t)][:MAX_TERMS]


def text_filter(query: object, fields: list[str]) -> Q | None:
    """Every word of ``query`` is somewhere in ``fields`` (None when the query is empty)."""
    words = terms(query)
    if not words:
        return None
    return reduce(and_, (reduce(or_, (Q(**{f"{f}__regex": pattern(w)}) for f in fields)) for w in words))


def search(queryset: QuerySet, query: object, fields: list[str]) -> QuerySet:
    """``queryset`` narrowed to rows where every word of ``query`` occurs in one of ``fields``."""
    condition = text_filter(query, fields)
    return queryset.filter(condition) if condition is not None else queryset
