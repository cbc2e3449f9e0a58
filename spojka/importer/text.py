"""The text being parsed, with page furniture masked out.

Text extracted from a PDF carries things that are not part of the form's flow: footnote bodies
printed at the bottom of a page ("1 V případě obce se jedná o sídlo obecního úřadu."), footnote
markers glued to words ("Sídlo1"), page numbers ("Stránka 2 z 4") and headers repeated on every
page. `Source.masked` is the text with all of these replaced by spaces. Because it has exactly the
same length as the text, every offset found in it is also an offset into the text, so a value can
be read from the masked text while its snippet is cut, unchanged, from the original.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeVar

from .czech import clean, is_abbreviation_before
from .parsed import Field

T = TypeVar("T")

# A footnote marker is a 1-2 digit number glued to the end of a word: "Sídlo1", "celkem5:".
FOOTNOTE_MARKER_RE = re.compile(r"(?<=[^\W\d_])(\d{1,2})(?=[\s:;,)]|\.\s|\.?$)")
# A footnote body starts a line with its number and a capitalised sentence.
FOOTNOTE_BODY_RE = re.compile(r"[ \t\f]*(\d{1,2})[ \t]+(?=[A-ZÁ-Ž„\"])")
_FOOTNOTE_LINE_RE = re.compile(r"^" + FOOTNOTE_BODY_RE.pattern, re.M)
PAGE_NUMBER_RE = re.compile(
    r"\s*(?:(?:stránka|strana|str\.)\s*\d{1,3}(?:\s*(?:z|ze|/)\s*\d{1,3})?"
    r"|\d{1,3}\s*(?:/|z|ze)\s*\d{1,3}"
    r"|[-–]?\s*\d{1,3}\s*[-–]?)\s*",
    re.IGNORECASE,
)
_DIGIT_RE = re.compile(r"\d")
# A footnote longer than this without a closing full stop is more likely a misread body line.
MAX_FOOTNOTE_LINES = 10
# A repeated line counts as a page header/footer when it sits this close to a page edge.
PAGE_EDGE_DISTANCE = 2


@dataclass(frozen=True)
class Line:
    """A non-blank line of the masked text; start/end exclude surrounding whitespace."""

    start: int
    end: int
    text: str


def normalise(text: str) -> str:
    """The text as the parser sees it; every `Field.span` is an offset into this.

    PDF extraction can produce decomposed accents ("c" + caron) and Windows line ends; the
    patterns expect composed characters and "\n".
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


class Source:
    def __init__(self, text: str) -> None:
        self.text = normalise(text)
        self.masked = mask_furniture(self.text)

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """Shrink a span so that it neither starts nor ends with (masked) whitespace."""
        while start < end and self.masked[start].isspace():
            start += 1
        while end > start and self.masked[end - 1].isspace():
            end -= 1
        return start, end

    def snippet(self, start: int, end: int) -> str:
        start, end = self.trim(start, end)
        return self.text[start:end]

    def value(self, start: int, end: int) -> str:
        """The readable value of a span: furniture removed, whitespace collapsed."""
        return clean(self.masked[start:end])

    def field(self, value: T | None, start: int, end: int) -> Field[T]:
        start, end = self.trim(start, end)
        return Field(value, self.text[start:end], True, (start, end))

    def unreadable(self, start: int, end: int) -> Field[T]:
        """A place in the document whose text could not be interpreted: keep it for review."""
        start, end = self.trim(start, end)
        return Field(None, self.text[start:end], False, (start, end) if end > start else None)

    def lines(self, start: int, end: int) -> list[Line | None]:
        """The lines of masked[start:end]; None stands for a blank line.

        Lines that held only page furniture are dropped rather than turned into blank lines, so a
        page break does not look like a gap between two table cells.
        """
        return list(self.iter_lines(start, end))

    def iter_lines(self, start: int, end: int) -> Iterator[Line | None]:
        position = start
        original = self.text
        for raw in self.masked[start:end].split("\n"):
            content = raw.strip()
            if content:
                left = position + len(raw) - len(raw.lstrip())
                yield Line(left, left + len(content), content)
            elif not original[position : position + len(raw)].strip():
                yield None
            # else: a line that held only page furniture
            position += len(raw) + 1


def mask_furniture(text: str) -> str:
    """`text` with footnotes, footnote markers, page numbers and running headers blanked."""
    raw_lines = text.split("\n")
    spans = _line_spans(raw_lines)
    markers = _footnote_markers(text)
    furniture = _page_number_lines(raw_lines)
    footnote_lines, footnote_numbers = _footnote_lines(text, spans, markers, furniture)
    furniture |= footnote_lines
    furniture |= _running_header_lines(text, raw_lines, spans, furniture)

    blanks = [spans[index] for index in furniture]
    # Without footnote bodies (a DOCX, a retyped text) markers are recognised by shape alone.
    blanks += [
        (start, end) for start, end, number in markers if number in footnote_numbers or not footnote_numbers
    ]
    parts = []
    position = 0
    for start, end in sorted(blanks):
        if end <= position:
            continue
        start = max(start, position)
        parts += [text[position:start], " " * (end - start)]
        position = end
    parts.append(text[position:])
    return "".join(parts)


# The same as FOOTNOTE_MARKER_RE, found faster: a regex that starts with a lookbehind cannot skip
# ahead, so the digits are found first and the letter before them is checked after.
_MARKER_DIGITS_RE = re.compile(r"(?<!\d)\d{1,2}(?=[\s:;,)]|\.\s|\.?$)")


def _footnote_markers(text: str) -> list[tuple[int, int, int]]:
    return [
        (m.start(), m.end(), int(m.group()))
        for m in _MARKER_DIGITS_RE.finditer(text)
        if m.start() and text[m.start() - 1].isalpha()
    ]


def _line_spans(raw_lines: list[str]) -> list[tuple[int, int]]:
    lengths = list(map(len, raw_lines))
    # All in C, no Python loop: starts are the running sum of line lengths plus newlines.
    starts = list(itertools.accumulate(map((1).__add__, lengths), initial=0))[:-1]
    return list(zip(starts, map(operator.add, starts, lengths), strict=True))


def _line_index(spans: list[tuple[int, int]], offset: int) -> int:
    return bisect.bisect_right(spans, (offset, len(spans) + offset + 1)) - 1


def _page_number_lines(raw_lines: list[str]) -> set[int]:
    """Lines holding only a page number ("Stránka 2 z 4", "- 3 -"): short, with a digit."""
    return {
        index
        for index, line in enumerate(raw_lines)
        if len(line) <= 40 and _DIGIT_RE.search(line) and PAGE_NUMBER_RE.fullmatch(line.replace("\f", ""))
    }


def _footnote_lines(
    text: str,
    spans: list[tuple[int, int]],
    markers: list[tuple[int, int, int]],
    furniture: set[int],
) -> tuple[set[int], set[int]]:
    """Lines holding footnote bodies, and the numbers of those footnotes.

    A line is a footnote body only if it starts with a number that appeared earlier as a marker
    glued to a word, and footnotes come in increasing order. The body runs until a line that ends
    a sentence, which is how the form's footnotes end; a blank line inside one (PDF extraction
    puts them there) does not end it.
    """
    lines: set[int] = set()
    numbers: set[int] = set()
    first_marker: dict[int, int] = {}
    for position, _end, number in markers:
        first_marker.setdefault(number, position)
    last_number = 0
    done = -1  # lines up to this one belong to an earlier footnote
    for match in _FOOTNOTE_LINE_RE.finditer(text):
        index = _line_index(spans, match.start())
        start = spans[index][0]
        number = int(match.group(1))
        marked_before = first_marker.get(number, len(text)) < start
        if index <= done or index in furniture or number <= last_number or not marked_before:
            continue
        last = _footnote_end(text, spans, index)
        lines.update(range(index, last + 1))
        numbers.add(number)
        last_number = number
        done = last
    return lines, numbers


def _footnote_end(text: str, spans: list[tuple[int, int]], first: int) -> int:
    for index in range(first, min(len(spans), first + MAX_FOOTNOTE_LINES)):
        line = text[spans[index][0] : spans[index][1]].rstrip()
        if line.endswith((".", "!", "?")) and not is_abbreviation_before(line, len(line) - 1):
            return index
    return first  # no sentence end in reach: mask only the line we are sure about


def _running_header_lines(
    text: str, raw_lines: list[str], spans: list[tuple[int, int]], furniture: set[int]
) -> set[int]:
    """Lines repeated at page edges (headers and footers printed on every page).

    A page edge is a page-number line, a form feed (pypdf output from `extract_text` has one
    between pages) or the start/end of the text. Repeated lines elsewhere, like "Záznam z jednání"
    in several table rows, are content and stay.
    """
    content = [i for i, line in enumerate(raw_lines) if line.strip() and i not in furniture]
    content_set = set(content)
    edges = {i for i in furniture if i not in content_set}
    if "\f" in text:
        edges |= {i for i, (s, e) in enumerate(spans) if "\f" in text[s:e]}
    position_in_content = {line: rank for rank, line in enumerate(content)}
    sorted_edges = sorted(edges)

    def near_edge(line: int) -> bool:
        rank = position_in_content[line]
        if rank < PAGE_EDGE_DISTANCE or rank >= len(content) - PAGE_EDGE_DISTANCE:
            return True
        before = content[rank - PAGE_EDGE_DISTANCE] if rank >= PAGE_EDGE_DISTANCE else -1
        after = content[rank + PAGE_EDGE_DISTANCE] if rank + PAGE_EDGE_DISTANCE < len(content) else len(spans)
        first = bisect.bisect_left(sorted_edges, before)
        return first < len(sorted_edges) and sorted_edges[first] <= after

    occurrences: dict[str, list[int]] = defaultdict(list)
    for line in content:
        key = raw_lines[line].strip()
        if len(key) >= 4:
            occurrences[key].append(line)
    repeated: set[int] = set()
    for lines in occurrences.values():
        if len(lines) >= 2 and all(near_edge(line) for line in lines):
            repeated.update(lines)
    return repeated
