"""Small helpers for reading Czech text: dates, numerals, word stems, sentences and lists."""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date


def words(text: str) -> list[str]:
    """A word list written as running text, which reads better than a column of quoted strings."""
    return text.split()


MONTHS_GENITIVE = {
    "ledna": 1,
    "února": 2,
    "března": 3,
    "dubna": 4,
    "května": 5,
    "června": 6,
    "července": 7,
    "srpna": 8,
    "září": 9,
    "října": 10,
    "listopadu": 11,
    "prosince": 12,
}

# "2.11.2021", "2. 9. 2021", "15. listopadu 2021". The day and month may be split by a line break.
DATE_RE = re.compile(
    r"(?<![\d.])(\d{1,2})\.\s*(?:(\d{1,2})\.|(" + "|".join(MONTHS_GENITIVE) + r"))\s*(\d{4})(?!\d)",
    re.IGNORECASE,
)

NUMBER_WORDS = {
    "jeden": 1,
    "jedna": 1,
    "jednu": 1,
    "jedno": 1,
    "dva": 2,
    "dvě": 2,
    "tři": 3,
    "čtyři": 4,
    "pět": 5,
    "šest": 6,
    "sedm": 7,
    "osm": 8,
    "devět": 9,
    "deset": 10,
}
NUMBER_WORD_RE = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))

# Words after which a trailing full stop does not end a sentence ("Mgr. Lumír Bartů").
ABBREVIATIONS = frozenset(
    words(
        """mgr bc ing phdr judr mudr rndr paeddr thdr mvdr dr doc
    prof dis csc ph tzv např apod atd resp č čj str
    odst písm vč max min cca tj mj reg spol st sv
    ul nám tel odd ev"""
    )
)

# A line ending in one of these continues on the next line even if that line starts uppercase.
JOINING_WORDS = frozenset(
    words(
        """a i o u v ve s se z ze k ke na do pro při po od za či
    nebo and – - , / jeho jejich"""
    )
)


def parse_date(match: re.Match[str]) -> date | None:
    """The date of a DATE_RE match, None when it is not a real date (e.g. 31. 2. 2022)."""
    day, month_number, month_name, year = match.groups()
    month = int(month_number) if month_number else MONTHS_GENITIVE[month_name.lower()]
    try:
        return date(int(year), month, int(day))
    except ValueError:
        return None


def find_date(text: str, start: int = 0, end: int | None = None) -> tuple[date, int, int] | None:
    """The first valid date in text[start:end] with its span."""
    for match in DATE_RE.finditer(text, start, len(text) if end is None else end):
        parsed = parse_date(match)
        if parsed is not None:
            return parsed, match.start(), match.end()
    return None


def parse_count(word: str) -> int | None:
    """ "3" or "tři" → 3."""
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _fold_table() -> dict[int, str]:
    """Each accented Latin letter → its base letter (computed once; translate() is fast)."""
    table = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        if base != char and base:
            table[code] = base
    return table


_FOLD = _fold_table()


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase without diacritics, for comparing words across declension and typing habits."""
    folded = text.lower().translate(_FOLD)
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFD", folded)  # rarer letters, combining marks
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def stem(word: str) -> str:
    """A crude stem that survives Czech declension: "služby"/"služeb", "bydlení"/"bydlením"."""
    folded = fold(word)
    return folded[: max(3, len(folded) - 3)]


_BROKEN_RANGE_RE = re.compile(r"(\d)([-–])[ \t]*\n\s*(\d)")


def clean(text: str) -> str:
    """Collapse the line breaks and runs of spaces of extracted text into single spaces."""
    if "\xad" in text:
        text = text.replace("\xad", "")  # soft hyphens from PDF hyphenation
    if "\n" in text:
        # "(2015-\n2020)": a year range broken after its dash is one token, not two ("2018 -\n2020"
        # keeps its spaces).
        text = _BROKEN_RANGE_RE.sub(r"\1\2\3", text)
    return " ".join(text.split())


def is_abbreviation_before(text: str, dot: int) -> bool:
    """Whether the full stop at text[dot] ends an abbreviation ("Mgr.", "č.", "o.p.s.")."""
    start = dot
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    word = text[start:dot].lower()
    if not word:
        return False
    # Single letters are initials or parts of legal forms (o. p. s., z. s.), never sentence ends here.
    return len(word) == 1 or word in ABBREVIATIONS


def sentence_end(text: str, start: int, end: int) -> int:
    """Offset just past the first sentence-final mark in text[start:end], or `end`.

    A full stop ends a sentence only outside parentheses, when followed by whitespace and an
    uppercase letter (or the end of the range), and when it does not close an abbreviation.
    """
    depth = 0
    for i in range(start, end):
        char = text[i]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char in ".!?" and depth == 0:
            j = i + 1
            while j < end and text[j].isspace():
                j += 1
            if j < end and (j == i + 1 or not (text[j].isupper() or text[j] in '„"(')):
                continue
            if char == "." and is_abbreviation_before(text, i):
                continue
            return i + 1
    return end


def split_top_level(text: str, start: int, end: int, separators: str = ",;") -> list[tuple[int, int]]:
    """Spans of the parts of text[start:end] between separators outside parentheses and quotes."""
    parts: list[tuple[int, int]] = []
    depth = 0
    part_start = start
    for i in range(start, end):
        char = text[i]
        if char in "([„":
            depth += 1
        elif char in ")]“":
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            parts.append((part_start, i))
            part_start = i + 1
    parts.append((part_start, end))
    return parts


_AND_RE = re.compile(r"\s+a\s+")


def last_top_level_and(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Span of the last " a " (and) in text[start:end] outside parentheses, or None."""
    last = None
    depth = 0
    position = start
    for match in _AND_RE.finditer(text, start, end):
        segment = text[position : match.start()]
        depth += segment.count("(") - segment.count(")")
        position = match.start()
        if depth == 0:
            last = match.span()
    return last


def starts_upper(text: str) -> bool:
    return bool(text) and text[0].isupper()


def is_acronym(text: str) -> bool:
    """ "LP", "PSZ", "ASZ": an abbreviation that PDF extraction left alone on a line."""
    return bool(re.fullmatch(r"[A-ZÁ-Ž0-9]{1,6}[.,;)]?", text))


def continues_previous(previous: str | None, line: str) -> bool:
    """Whether `line` continues the item of the previous line rather than starting a new one."""
    if previous is None or previous.strip() in ("-", "–", "—"):  # a lone dash is a whole (empty) cell
        return False
    if not starts_upper(line) or is_acronym(line):
        return True
    last_word = previous.rstrip().rsplit(" ", 1)[-1].lower()
    return last_word in JOINING_WORDS or previous.rstrip().endswith((",", "–", "-", "/"))
