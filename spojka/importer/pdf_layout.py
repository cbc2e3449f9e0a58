"""Reading a PDF page as positioned words, lines and ruling lines (pdfminer.six).

Nothing here knows about cooperation descriptions: it turns the characters a PDF draws into words
and lines with their boxes and font sizes, drops footnote markers (small raised digits glued to a
word), and collects the horizontal and vertical rules that draw table borders. `pdf_text` builds
the document's text from this.

Coordinates are PDF points measured from the top-left corner of the page (`top` grows downwards).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from statistics import median

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTLine, LTRect
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

# A rule is a line or a rectangle this thin (points); a thicker rectangle contributes its edges.
RULE_THICKNESS = 2.0
# Characters on one line: their baselines differ by at most this share of the font size.
BASELINE_TOLERANCE = 0.25
# A superscript is at most this share of the size of the line it is raised above.
SUPERSCRIPT_RATIO = 0.8
# A gap wider than this share of the font size ends a word when the PDF draws no space glyph.
WORD_GAP = 0.15
# A gap wider than this share of the font size separates two segments of a line (columns, tabs).
SEGMENT_GAP = 1.2


@dataclass
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    first_width: float  # width of the first character, to tell whether it would have fitted above


@dataclass
class Segment:
    """Words on one baseline with no wide gap or rule between them: a line of one cell or column."""

    words: list[Word]
    page: int

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    @property
    def size(self) -> float:
        return max(word.size for word in self.words)

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Band:
    """One visual line of a page: all segments on a baseline, left to right."""

    segments: list[Segment]
    blank: bool = False  # the line holds only spaces (a blank line of a printed text file)
    lead_marker: bool = False  # the line opens with a footnote number

    @property
    def top(self) -> float:
        return min(segment.top for segment in self.segments)

    @property
    def bottom(self) -> float:
        return max(segment.bottom for segment in self.segments)


@dataclass
class Rule:
    """A horizontal (y0 == y1) or vertical (x0 == x1) ruling line."""

    x0: float
    x1: float
    y0: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return self.x1 - self.x0 >= self.y1 - self.y0


@dataclass
class Page:
    number: int
    width: float
    height: float
    bands: list[Band]
    rules: list[Rule] = field(default_factory=list)
    markers: int = 0  # footnote markers dropped from the text


def read_pages(data: bytes, *, max_pages: int) -> Iterator[Page]:
    """Pages of the PDF. Raises pdfminer's exceptions on a broken or encrypted file."""
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    for number, pdf_page in enumerate(PDFPage.create_pages(document)):
        if number >= max_pages:
            raise TooManyPages(number + 1)
        interpreter.process_page(pdf_page)
        layout = device.get_result()
        glyphs: list[Glyph] = []
        rules: list[Rule] = []
        _collect(layout, layout.height, glyphs, rules)
        yield _page(number, layout.width, layout.height, glyphs, rules)


class TooManyPages(Exception):
    def __init__(self, pages: int) -> None:
        super().__init__(pages)
        self.pages = pages


def _collect(container: LTContainer, height: float, glyphs: list[Glyph], rules: list[Rule]) -> None:
    for item in container:
        if isinstance(item, LTChar):
            text = item.get_text().replace("\xad", "").replace("\u2028", " ")
            if item.upright and text:
                glyphs.append(Glyph(text, item.x0, item.x1, height - item.y1, height - item.y0, item.size))
        elif isinstance(item, LTLine | LTRect) or (isinstance(item, LTCurve) and len(item.pts) == 2):
            rules.extend(_rules(item.x0, item.x1, height - item.y1, height - item.y0))
        elif isinstance(item, LTContainer):
            _collect(item, height, glyphs, rules)


def _rules(x0: float, x1: float, y0: float, y1: float) -> list[Rule]:
    if y1 - y0 <= RULE_THICKNESS or x1 - x0 <= RULE_THICKNESS:
        return [
            Rule(x0, x1, (y0 + y1) / 2, (y0 + y1) / 2)
            if y1 - y0 <= x1 - x0
            else Rule((x0 + x1) / 2, (x0 + x1) / 2, y0, y1)
        ]
    # A box (a bordered or shaded cell): its four edges.
    return [Rule(x0, x1, y0, y0), Rule(x0, x1, y1, y1), Rule(x0, x0, y0, y1), Rule(x1, x1, y0, y1)]


# --- characters into lines --------------------------------------------------------------------------


def _page(number: int, width: float, height: float, glyphs: list[Glyph], rules: list[Rule]) -> Page:
    verticals = [rule for rule in rules if not rule.horizontal and rule.y1 - rule.y0 > 2]
    lines = _superscripts_attached(_baseline_groups(glyphs))
    bands = []
    markers = 0
    for line in lines:
        markers += line.markers
        visible = [glyph for glyph in line.glyphs if glyph.text.strip()]
        if not visible:
            first = line.glyphs[0]
            word = Word("", first.x0, first.x1, first.top, first.bottom, first.size, 0)
            bands.append(Band([Segment([word], number)], blank=True))
            continue
        band = Band(_segments(_words(line.glyphs), verticals, number))
        band.lead_marker = line.lead_marker
        bands.append(band)
    return Page(number, width, height, bands, rules, markers)


@dataclass
class _Line:
    glyphs: list[Glyph]
    markers: int = 0
    lead_marker: bool = False  # a footnote number opens the line: a footnote body


def _baseline_groups(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs sharing a baseline, top to bottom; each group sorted left to right."""
    groups: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: g.bottom):
        if groups:
            first = groups[-1][0]
            if glyph.bottom - first.bottom <= BASELINE_TOLERANCE * max(first.size, glyph.size):
                groups[-1].append(glyph)
                continue
        groups.append([glyph])
    return [sorted(group, key=lambda g: g.x0) for group in groups]


def _superscripts_attached(groups: list[list[Glyph]]) -> list[_Line]:
    """Lines with their raised characters: footnote markers (small digits glued to a word) are
    dropped and counted, any other superscript joins the line it is raised above."""
    hosts = [_host(groups, index) for index in range(len(groups))]
    lines = {index: _Line(list(group)) for index, group in enumerate(groups)}
    for index, host in enumerate(hosts):
        if host is None or hosts[host] is not None:
            continue
        line = lines.pop(index)
        target = lines[host]
        for glyph in line.glyphs:
            position = _marker_position(target.glyphs, glyph)
            if glyph.text.isdigit() and position:
                target.markers += 1
                target.lead_marker = target.lead_marker or position == "lead"
            else:
                target.glyphs.append(glyph)
        target.glyphs.sort(key=lambda g: g.x0)
    return [lines[index] for index in sorted(lines)]


def _host(groups: list[list[Glyph]], index: int) -> int | None:
    """The line that a group of small glyphs is raised above, if the group is a superscript."""
    group = groups[index]
    size = max(glyph.size for glyph in group)
    for other in (index + 1, index + 2, index + 3, index - 1):
        if not 0 <= other < len(groups):
            continue
        host = groups[other]
        if max(glyph.size for glyph in host) * SUPERSCRIPT_RATIO < size:
            continue
        top, bottom = min(g.top for g in host), max(g.bottom for g in host)
        raised = all(top - 1 <= g.top and g.bottom < bottom - 0.5 for g in group)
        beside = any(abs(h.x1 - g.x0) < h.size or abs(g.x1 - h.x0) < h.size for g in group for h in host)
        if raised and beside:
            return other
    return None


def _marker_position(host: list[Glyph], glyph: Glyph) -> str | None:
    """ "end" for a digit glued after a character of the line ("Sídlo¹"), "lead" for one before
    the line's first character (a footnote body "¹V případě …"), None otherwise."""
    visible = [other for other in host if other.text.strip()]
    if not visible:
        return None
    if glyph.x1 <= visible[0].x0 + 0.5 and visible[0].x0 - glyph.x1 < glyph.size:
        return "lead"
    if any(abs(other.x1 - glyph.x0) < glyph.size for other in visible):
        return "end"
    return None


def _words(glyphs: list[Glyph]) -> list[Word]:
    words: list[Word] = []
    current: list[Glyph] = []
    for glyph in glyphs:
        if not glyph.text.strip():
            _flush(current, words)
            current = []
            continue
        if current and glyph.x0 - current[-1].x1 > WORD_GAP * glyph.size:
            _flush(current, words)
            current = []
        current.append(glyph)
    _flush(current, words)
    return words


def _flush(glyphs: list[Glyph], words: list[Word]) -> None:
    if not glyphs:
        return
    words.append(
        Word(
            text="".join(glyph.text for glyph in glyphs),
            x0=glyphs[0].x0,
            x1=glyphs[-1].x1,
            top=min(glyph.top for glyph in glyphs),
            bottom=max(glyph.bottom for glyph in glyphs),
            size=median(glyph.size for glyph in glyphs),
            first_width=glyphs[0].x1 - glyphs[0].x0,
        )
    )


def _segments(words: list[Word], verticals: list[Rule], page: int) -> list[Segment]:
    segments = [Segment([words[0]], page)]
    for word in words[1:]:
        previous = segments[-1].words[-1]
        gap = word.x0 - previous.x1
        ruled = any(
            previous.x1 - 1 <= rule.x0 <= word.x0 + 1
            and rule.y0 - 2 <= word.top
            and word.bottom <= rule.y1 + 2
            for rule in verticals
        )
        if ruled or gap > SEGMENT_GAP * max(word.size, previous.size):
            segments.append(Segment([word], page))
        else:
            segments[-1].words.append(word)
    return segments
