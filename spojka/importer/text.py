"""The text being parsed, with page furniture masked out.

Text extracted from a PDF carries things that are not part of the form's flow: footnote bodies
printed at the bottom of a page ("1 V případě obce se jedná o sídlo obecního úřadu."), footnote
markers glued to words ("Sídlo1"), page numbers ("Stránka 2 z 4") and headers repeated on every
page. `Source.masked` is the text with all of these replaced by spaces. Because it has exactly the
same length as the text, every offset found in it is also an offset into the text, so a value can
be read from the masked text while its snippet is cut, unchanged, from the original.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import TypeVar

from .czech import clean, is_abbreviation_before
from .parsed import Field

T = TypeVar("T")

# A footnote marker is a 1-2 digit number glued to the end of a word: "Sídlo1", "celkem5:".
FOOTNOTE_MARKER_RE = re.compile(r"(?<=[^\W\d_])(\d{1,2})(?=[\s:;,)]|\.\s|\.?$)")
# A footnote body starts a line with its number and a capitalised sentence.
FOOTNOTE_BODY_RE = re.compile(r"[ \t\f]*(\d{1,2})[ \t]+(?=[A-ZÁ-Ž„\"])")
PAGE_NUMBER_RE = re.compile(
    r"\s*(?:(?:stránka|strana|str\.)\s*\d{1,3}(?:\s*(?:z|ze|/)\s*\d{1,3})?"
    r"|\d{1,3}\s*(?:/|z|ze)\s*\d{1,3}"
    r"|[-–]?\s*\d{1,3}\s*[-–]?)\s*",
    re.IGNORECASE,
)
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
    return unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")


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
        result: list[Line | None] = []
        position = start
        while position < end:
            line_end = self.masked.find("\n", position, end)
            if line_end == -1:
                line_end = end
            s, e = self.trim(position, line_end)
            if e > s:
                result.append(Line(s, e, self.masked[s:e]))
            elif self.text[position:line_end].strip():
                pass  # a furniture line
            else:
                result.append(None)
            position = line_end + 1
        return result


def mask_furniture(text: str) -> str:
    """`text` with footnotes, footnote markers, page numbers and running headers blanked."""
    spans = _line_spans(text)
    markers = [(m.start(1), m.end(1), int(m.group(1))) for m in FOOTNOTE_MARKER_RE.finditer(text)]
    furniture = _page_number_lines(text, spans)
    footnote_lines, footnote_numbers = _footnote_lines(text, spans, markers, furniture)
    furniture |= footnote_lines
    furniture |= _running_header_lines(text, spans, furniture)

    chars = list(text)
    for index in furniture:
        start, end = spans[index]
        for i in range(start, end):
            chars[i] = " "
    for start, end, number in markers:
        # Without footnote bodies (a DOCX, a retyped text) markers are recognised by shape alone.
        if number in footnote_numbers or not footnote_numbers:
            for i in range(start, end):
                chars[i] = " "
    return "".join(chars)


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    position = 0
    for line in text.split("\n"):
        spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


def _page_number_lines(text: str, spans: list[tuple[int, int]]) -> set[int]:
    return {
        index
        for index, (start, end) in enumerate(spans)
        if text[start:end].strip() and PAGE_NUMBER_RE.fullmatch(text[start:end].replace("\f", ""))
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
    last_number = 0
    index = 0
    while index < len(spans):
        start, end = spans[index]
        match = FOOTNOTE_BODY_RE.match(text, start, end)
        number = int(match.group(1)) if match else 0
        marked_before = any(n == number and s < start for s, _, n in markers)
        if not match or index in furniture or number <= last_number or not marked_before:
            index += 1
            continue
        last = _footnote_end(text, spans, index)
        lines.update(range(index, last + 1))
        numbers.add(number)
        last_number = number
        index = last + 1
    return lines, numbers


def _footnote_end(text: str, spans: list[tuple[int, int]], first: int) -> int:
    for index in range(first, min(len(spans), first + MAX_FOOTNOTE_LINES)):
        line = text[spans[index][0] : spans[index][1]].rstrip()
        if line.endswith((".", "!", "?")) and not is_abbreviation_before(line, len(line) - 1):
            return index
    return first  # no sentence end in reach: mask only the line we are sure about


def _running_header_lines(text: str, spans: list[tuple[int, int]], furniture: set[int]) -> set[int]:
    """Lines repeated at page edges (headers and footers printed on every page).

    A page edge is a page-number line, a form feed (pypdf output from `extract_text` has one
    between pages) or the start/end of the text. Repeated lines elsewhere, like "Záznam z jednání"
    in several table rows, are content and stay.
    """
    content = [i for i, (s, e) in enumerate(spans) if text[s:e].strip() and i not in furniture]
    edges = {i for i in furniture if i not in content} | {
        i for i, (s, e) in enumerate(spans) if "\f" in text[s:e]
    }
    position_in_content = {line: rank for rank, line in enumerate(content)}

    def near_edge(line: int) -> bool:
        rank = position_in_content[line]
        if rank < PAGE_EDGE_DISTANCE or rank >= len(content) - PAGE_EDGE_DISTANCE:
            return True
        before = content[rank - PAGE_EDGE_DISTANCE] if rank >= PAGE_EDGE_DISTANCE else -1
        after = content[rank + PAGE_EDGE_DISTANCE] if rank + PAGE_EDGE_DISTANCE < len(content) else len(spans)
        return any(before <= edge <= after for edge in edges)

    occurrences: dict[str, list[int]] = defaultdict(list)
    for line in content:
        key = " ".join(text[spans[line][0] : spans[line][1]].split())
        if len(key) >= 4:
            occurrences[key].append(line)
    repeated: set[int] = set()
    for lines in occurrences.values():
        if len(lines) >= 2 and all(near_edge(line) for line in lines):
            repeated.update(lines)
    return repeated
