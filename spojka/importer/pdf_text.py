"""The text of a PDF, rebuilt from where its words stand on the page.

A PDF printed from a word processor has no paragraphs, cells or footnotes, only characters at
positions. Read in stream order (what `pypdf` does) the cells of a table row run into each other,
a row broken by a page runs into the repeated header, and footnotes glue onto the body. Here the
page is read as geometry instead (`pdf_layout`):

* The schedule table is found by its header row ("Činnost … Termín dokončení"); the header's cell
  starts (and the table's vertical rules, when it has them) give the column boundaries, and
  horizontal rules (or, without rules, the first column) the rows. A row broken by a page break
  continues on the next page after the repeated header, which is dropped. Each row is written as
  one line with tab-separated cells and `CELL_SEPARATOR` between the paragraphs of a cell, the
  same form as a DOCX table, so the schedule parser reads it cell by cell.
* Other ruled tables (the header table, a section framed in a one-column table) are layout: their
  cells are written one after another, a line per printed line.
* Footnote bodies (small type at the foot of a page, opened by a footnote number) and footnote
  markers (small raised digits) are dropped, and so are page numbers and lines repeated at the
  top or bottom of every page.
* Everything else is written line by line, with a blank line where the vertical gap shows a new
  paragraph and a tab between parts of a line that stand far apart (two signatures side by side).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .czech import continues_previous, fold
from .pdf_layout import Band, Page, Segment, Word
from .schedule import CELL_SEPARATOR, ROW_CONTINUED, WORD_JOINED

# Header cells of the schedule table, folded prefixes ("Odpovědno|st" may be broken mid-word).
_HEADER_PREFIXES = ("cinnost", "specifik", "vystup", "odpov", "termin")
# A word after a gap this wide (share of the font size) starts a new cell of the header row.
_CELL_GAP = 0.8
# Lines within this share of the page height from its top or bottom edge may be page furniture.
_EDGE_SHARE = 0.1
_PAGE_NUMBER_RE = re.compile(
    r"(?:(?:stránka|strana|str\.)\s*)?[-–]?\s*\d{1,3}\s*(?:(?:z|ze|/)\s*\d{1,3})?\s*[-–]?", re.IGNORECASE
)
_FOOTNOTE_NUMBER_RE = re.compile(r"\d{1,2}\s?\S")
_PUNCTUATION = ".,;:!?()[]„“\"'–-/"
_VOWELS = set("aeiouyáéíóúůýě")


@dataclass
class _Region:
    """A ruled table on one page: the rectangle its vertical rules span."""

    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    xs: list[float]  # distinct x of its vertical rules, left to right
    rows: list[float]  # y of its horizontal rules, top to bottom


@dataclass
class _CellLine:
    text: str
    single_word: bool
    x1: float
    limit: float  # where the cell's text area ends on the right
    next_fits: float = 0.0  # width of the line's first character (see `_joined`)


Paragraph = list[_CellLine]
Row = list[list[Paragraph]]


@dataclass
class _Layout:
    pages: list[Page]
    body_size: float
    vocabulary: set[str]
    dropped: set[int] = field(default_factory=set)  # id() of bands not to be written


def pages_text(pages: list[Page]) -> str:
    layout = _Layout(pages, _body_size(pages), _vocabulary(pages))
    regions = {page.number: _regions(page) for page in pages}
    for page in pages:
        _drop_footnotes(layout, page, regions[page.number])
    _drop_running_lines(layout, regions)
    schedule = _Schedule.find(layout, regions)
    lines: list[str] = []
    for page in pages:
        lines.extend(_page_lines(layout, page, regions[page.number], schedule))
    return "\n".join(lines)


# --- document-wide measures ---------------------------------------------------------------------------


def _words(band: Band) -> list[Word]:
    return [word for segment in band.segments for word in segment.words]


def _body_size(pages: list[Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for band in page.bands:
            for word in _words(band):
                sizes[round(word.size, 1)] += len(word.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _vocabulary(pages: list[Page]) -> set[str]:
    """Words surely complete: neither the first nor the last of their line (a first word may be the
    rest of a broken one), or a last one followed by punctuation.

    A line that ends in a fragment ("schvalovacíc" / "h procesů") is told from one that ends in a
    whole word by whether the fragment occurs as a word anywhere else.
    """
    vocabulary = set()
    for page in pages:
        for band in page.bands:
            for segment in band.segments:
                for index, word in enumerate(segment.words):
                    last = index == len(segment.words) - 1
                    if index > 0 and (not last or word.text[-1:] in _PUNCTUATION):
                        vocabulary.add(_token(word.text))
    return vocabulary


def _token(text: str) -> str:
    return text.strip(_PUNCTUATION).casefold()


# --- ruled tables ---------------------------------------------------------------------------------------


def _regions(page: Page) -> list[_Region]:
    """Ruled tables: stretches of the page where the same set of vertical rules runs side by side.

    Two tables printed one right after the other (a section framed in a one-column table after the
    schedule) touch, but their vertical rules stand at different places, so they stay apart.
    """
    verticals = [rule for rule in page.rules if not rule.horizontal and rule.y1 - rule.y0 > 4]
    if not verticals:
        return []
    xs = _distinct(rule.x0 for rule in verticals)
    cuts = sorted({round(y, 1) for rule in verticals for y in (rule.y0, rule.y1)})
    stretches: list[tuple[float, float, tuple[float, ...]]] = []
    for top, bottom in zip(cuts, cuts[1:], strict=False):
        middle = (top + bottom) / 2
        active = tuple(
            x for x in xs if any(abs(rule.x0 - x) <= 2 and rule.y0 <= middle <= rule.y1 for rule in verticals)
        )
        if stretches and stretches[-1][2] == active and abs(stretches[-1][1] - top) < 0.5:
            stretches[-1] = (stretches[-1][0], bottom, active)
        else:
            stretches.append((top, bottom, active))
    regions = []
    for top, bottom, active in stretches:
        if len(active) < 2:
            continue
        width = active[-1] - active[0]
        rows = _distinct(
            rule.y0
            for rule in page.rules
            if rule.horizontal
            and top - 2 <= rule.y0 <= bottom + 2
            and rule.x1 - rule.x0 >= 0.3 * width
            and rule.x0 >= active[0] - 3
            and rule.x1 <= active[-1] + 3
        )
        regions.append(_Region(page.number, active[0], active[-1], top, bottom, list(active), rows))
    return regions


def _distinct(values: Iterable[float], tolerance: float = 2.0) -> list[float]:
    result: list[float] = []
    for value in sorted(values):
        if not result or value - result[-1] > tolerance:
            result.append(value)
    return result


def _inside(band: Band, region: _Region) -> bool:
    middle = (band.top + band.bottom) / 2
    return region.top <= middle <= region.bottom and any(
        region.x0 - 2 <= segment.center <= region.x1 + 2 for segment in band.segments
    )


def _region_of(band: Band, regions: list[_Region]) -> _Region | None:
    return next((region for region in regions if _inside(band, region)), None)


# --- footnotes and page furniture ---------------------------------------------------------------------


def _drop_footnotes(layout: _Layout, page: Page, regions: list[_Region]) -> None:
    """Footnote bodies: the lines under the footnote separator (a short rule at the left margin
    near the foot of the page), or else the run of small-type lines at the foot of the page; in
    both cases only from a line that opens with a footnote number."""
    outside = [band for band in page.bands if not band.blank and _region_of(band, regions) is None]
    if not outside:
        return
    separator = _footnote_separator(page, outside, regions)
    if separator is not None:
        run = [band for band in outside if band.top > separator]
    else:
        run = []
        for band in reversed(outside):
            if _dominant_size(band) >= 0.95 * layout.body_size:
                break
            run.insert(0, band)
    opening = next((index for index, band in enumerate(run) if _opens_footnote(band)), None)
    if opening is not None:
        layout.dropped.update(id(band) for band in run[opening:])


def _footnote_separator(page: Page, bands: list[Band], regions: list[_Region]) -> float | None:
    left = min(band.segments[0].x0 for band in bands)
    for rule in page.rules:
        short = rule.horizontal and rule.x1 - rule.x0 < 0.45 * page.width
        at_margin = abs(rule.x0 - left) < 10
        low = rule.y0 > page.height / 2
        in_table = any(region.top - 2 <= rule.y0 <= region.bottom + 2 for region in regions)
        below = [band for band in bands if band.top > rule.y0]
        if short and at_margin and low and not in_table and below and _opens_footnote(below[0]):
            return rule.y0
    return None


def _opens_footnote(band: Band) -> bool:
    return band.lead_marker or bool(_FOOTNOTE_NUMBER_RE.match(band.segments[0].text))


def _dominant_size(band: Band) -> float:
    sizes: Counter[float] = Counter()
    for word in _words(band):
        sizes[round(word.size, 1)] += len(word.text)
    return sizes.most_common(1)[0][0]


def _drop_running_lines(layout: _Layout, regions: dict[int, list[_Region]]) -> None:
    """Page numbers, and lines repeated near the top or bottom edge of several pages."""
    seen: dict[str, list[Band]] = {}
    for page in layout.pages:
        edge = _EDGE_SHARE * page.height
        for band in page.bands:
            if band.blank or id(band) in layout.dropped or _region_of(band, regions[page.number]):
                continue
            if band.top > edge and band.bottom < page.height - edge:
                continue
            text = " ".join(segment.text for segment in band.segments)
            if _PAGE_NUMBER_RE.fullmatch(text.strip()):
                layout.dropped.add(id(band))
                continue
            key = re.sub(r"\d+", "#", " ".join(text.split()))
            seen.setdefault(key, []).append(band)
    for bands in seen.values():
        if len(bands) >= 2 and len({id(band) for band in bands}) >= 2:
            layout.dropped.update(id(band) for band in bands)


# --- the schedule table ---------------------------------------------------------------------------------


@dataclass
class _Part:
    """The piece of the schedule table on one page."""

    page: Page
    top: float
    bottom: float
    region: _Region | None


@dataclass
class _Schedule:
    boundaries: list[float]  # left edge of each column, then the right edge of the last
    header: Band
    parts: list[_Part]
    rows: list[Row] = field(default_factory=list)
    ordinary_gap: float = 0.0

    @classmethod
    def find(cls, layout: _Layout, regions: dict[int, list[_Region]]) -> _Schedule | None:
        for page in layout.pages:
            for band in page.bands:
                starts = _header_starts(band)
                if starts is None:
                    continue
                region = _region_of(band, regions[page.number])
                schedule = cls(_boundaries(starts, region, page), band, [])
                schedule._collect_parts(layout, regions, page, region)
                schedule.rows = schedule._read_rows(layout)
                return schedule
        return None

    def _collect_parts(
        self, layout: _Layout, regions: dict[int, list[_Region]], page: Page, region: _Region | None
    ) -> None:
        self.parts.append(
            _Part(page, self.header.top - 1, self._part_bottom(page, region, self.header), region)
        )
        for following in layout.pages[page.number + 1 :]:
            if _content_below(layout, self.parts[-1]):
                break  # the table ended on the previous page
            part = self._continuation(layout, following, regions[following.number])
            if part is None:
                break
            self.parts.append(part)

    def _part_bottom(self, page: Page, region: _Region | None, first: Band) -> float:
        if region is not None:
            return region.bottom
        bottom = first.bottom
        for band in page.bands:
            if band.top < first.top or band.blank:
                continue
            if not self._fits(band):
                break
            bottom = band.bottom
        return bottom

    def _fits(self, band: Band) -> bool:
        """Whether every word of a line stays within one column of the table."""
        edges = self.boundaries
        for word in _words(band):
            if word.x0 < edges[0] - 4 or word.x1 > edges[-1] + 4:
                return False
            column = _column(edges, word.x0)
            if word.x1 > edges[column + 1] + 2:
                return False
        return True

    def _continuation(self, layout: _Layout, page: Page, regions: list[_Region]) -> _Part | None:
        content = [band for band in page.bands if not band.blank and id(band) not in layout.dropped]
        if not content:
            return None
        first = content[0]
        region = _region_of(first, regions)
        if region is not None:
            inner = self.boundaries[1:-1]
            if all(any(abs(x - edge) < 3 for x in region.xs) for edge in inner):
                return _Part(page, region.top, region.bottom, region)
            return None
        if _header_starts(first) is None and sum(1 for _ in _columns_used(self.boundaries, first)) < 2:
            return None
        return _Part(page, first.top - 1, self._part_bottom(page, None, first), None)

    # --- rows and cells ----------------------------------------------------------------------------

    def bands(self) -> set[int]:
        ids = set()
        for part in self.parts:
            for band in part.page.bands:
                if part.top <= (band.top + band.bottom) / 2 <= part.bottom:
                    ids.add(id(band))
        return ids

    def _read_rows(self, layout: _Layout) -> list[Row]:
        parts = [[self._cell_lines(words) for words in self._row_words(layout, part)] for part in self.parts]
        self.ordinary_gap = _ordinary_gap(lines for part in parts for row in part for lines in row)
        rows: list[Row] = []
        for index, part in enumerate(parts):
            part_rows = [self._cells(row) for row in part]
            part_rows = [row for row in part_rows if any(row)]
            if part_rows and _is_header_row(part_rows[0]):
                part_rows = part_rows[1:]  # the header, repeated on every page but the first
            if index > 0 and rows and part_rows and _continues_row(part_rows[0]):
                _merge_rows(rows[-1], part_rows.pop(0))
            rows.extend(part_rows)
        return rows

    def _row_words(self, layout: _Layout, part: _Part) -> list[list[Word]]:
        bands = [
            band
            for band in part.page.bands
            if not band.blank
            and id(band) not in layout.dropped
            and part.top <= (band.top + band.bottom) / 2 <= part.bottom
        ]
        if part.region is not None and len(part.region.rows) >= 2:
            cuts = part.region.rows
            rows: list[list[Word]] = [[] for _ in range(len(cuts) + 1)]
            for band in bands:
                middle = (band.top + band.bottom) / 2
                rows[sum(1 for cut in cuts if cut < middle)].extend(_words(band))
            return [row for row in rows if row]
        return self._rows_by_first_column(bands)

    def _rows_by_first_column(self, bands: list[Band]) -> list[list[Word]]:
        """Without horizontal rules a row starts where the first column starts a new block."""
        rows: list[list[Word]] = []
        previous: Band | None = None
        for band in bands:
            words = _words(band)
            first_column = [word for word in words if _column(self.boundaries, word.x0) == 0]
            starts = first_column and (
                previous is None or band.top - previous.bottom > 0.35 * first_column[0].size
            )
            if starts or not rows:
                rows.append([])
            rows[-1].extend(words)
            if first_column:
                previous = band
        return rows

    def _cell_lines(self, words: list[Word]) -> list[list[list[Word]]]:
        """Each column's words of one row, as printed lines."""
        columns: list[list[Word]] = [[] for _ in range(len(self.boundaries) - 1)]
        for word in words:
            columns[_column(self.boundaries, word.x0)].append(word)
        return [_printed_lines(column) for column in columns]

    def _cells(self, row: list[list[list[Word]]]) -> list[list[Paragraph]]:
        cells = []
        for index, lines in enumerate(row):
            edge = self.boundaries[index]
            padding = max(0.0, min((line[0].x0 for line in lines), default=edge) - edge)
            limit = self.boundaries[index + 1] - padding
            cells.append(_paragraphs(lines, limit, self.ordinary_gap))
        return cells

    def text_lines(self, vocabulary: set[str]) -> list[str]:
        header = [_paragraphs_text(cell, vocabulary) for cell in self._header_cells()]
        lines = ["", "\t".join(header)]
        for row in self.rows:
            lines.append("\t".join(_cell_text(cell, vocabulary) for cell in row))
        lines.append("")
        return lines

    def _header_cells(self) -> list[list[Paragraph]]:
        part = self.parts[0]
        words = []
        for band in part.page.bands:
            if band.top >= self.header.top - 1 and not band.blank:
                band_words = _words(band)
                if band is not self.header and any(_column(self.boundaries, w.x0) == 0 for w in band_words):
                    break
                words.extend(band_words)
        return self._cells(self._cell_lines(words))


def _content_below(layout: _Layout, part: _Part) -> bool:
    return any(
        not band.blank and id(band) not in layout.dropped and band.top > part.bottom
        for band in part.page.bands
    )


def _header_starts(band: Band) -> list[Word] | None:
    """The first word of each cell of the schedule's header row, if the line is that header."""
    words = _words(band)
    starts = [
        word
        for index, word in enumerate(words)
        if index == 0
        or word.x0 - words[index - 1].x1 > _CELL_GAP * word.size
        or any(segment.words[0] is word for segment in band.segments)
    ]
    if len(starts) < 4 or not fold(starts[0].text).startswith("cinnost"):
        return None
    named = sum(1 for word in starts if fold(word.text).startswith(_HEADER_PREFIXES))
    return starts if named >= 4 else None


def _boundaries(starts: list[Word], region: _Region | None, page: Page) -> list[float]:
    if region is None:
        return [word.x0 - 2 for word in starts] + [page.width]
    edges = []
    for word in starts:
        left = [x for x in region.xs if x <= word.x0 + 1]
        edges.append(left[-1] if left else word.x0 - 2)
    return [*_distinct(edges, 1.0), region.x1]


def _column(boundaries: list[float], x: float) -> int:
    column = 0
    for index, edge in enumerate(boundaries[1:-1], start=1):
        if x >= edge - 1:
            column = index
    return column


def _columns_used(boundaries: list[float], band: Band) -> set[int]:
    return {_column(boundaries, word.x0) for word in _words(band)}


def _printed_lines(words: list[Word]) -> list[list[Word]]:
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (round(w.bottom), w.x0)):
        if lines and abs(word.bottom - lines[-1][0].bottom) <= 0.3 * word.size:
            lines[-1].append(word)
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w.x0)
    return lines


def _gaps(lines: list[list[Word]]) -> list[float]:
    return [following[0].top - line[0].bottom for line, following in zip(lines, lines[1:], strict=False)]


def _ordinary_gap(cells: Iterable[list[list[Word]]]) -> float:
    """The commonest gap between two printed lines of one cell: the leading within a paragraph."""
    gaps = Counter(round(gap * 4) / 4 for lines in cells for gap in _gaps(lines) if gap >= 0)
    if not gaps:
        return 0.0
    common = gaps.most_common(1)[0][0]
    # Paragraph gaps may be as common as line gaps; the leading is the smaller of the frequent ones.
    frequent = [gap for gap, count in gaps.items() if count >= gaps[common] / 2]
    return min(frequent)


def _paragraphs(lines: list[list[Word]], limit: float, ordinary: float) -> list[Paragraph]:
    """The printed lines of one cell grouped into paragraphs: a gap wider than the table's ordinary
    leading starts a new one."""
    gaps = _gaps(lines)
    paragraphs: list[Paragraph] = []
    for index, line in enumerate(lines):
        cell_line = _CellLine(
            text=" ".join(word.text for word in line),
            single_word=len(line) == 1,
            x1=line[-1].x1,
            limit=limit,
            next_fits=line[0].first_width,
        )
        if index == 0 or gaps[index - 1] > ordinary + max(0.8, 0.12 * line[0].size):
            paragraphs.append([cell_line])
        else:
            paragraphs[-1].append(cell_line)
    return paragraphs


def _joined(lines: Paragraph, vocabulary: set[str]) -> str:
    """The lines of a paragraph as one line.

    A narrow column breaks a word that is longer than the column ("Odpovědno" / "st ASZ"), with
    no hyphen. Such a line holds one word, ends at the column's edge (not even the next line's
    first letter would have fitted), the next line goes on in lowercase, and the fragment is not a
    word that occurs elsewhere in the document.
    """
    text = lines[0].text
    for previous, line in zip(lines, lines[1:], strict=False):
        if _broken_word(previous, line, vocabulary):
            text += WORD_JOINED + line.text
        elif text.endswith("-") and text[-2:-1].isalnum() and line.text[:1].isdigit():
            text += line.text  # "(2015-" / "2020)"
        else:
            text += " " + line.text
    return text


def _broken_word(previous: _CellLine, line: _CellLine, vocabulary: set[str]) -> bool:
    if not previous.single_word or not line.text[:1].islower():
        return False
    if previous.x1 + line.next_fits <= previous.limit - 1.0:
        return False  # the next line's first letter would have fitted: the line ended at a space
    fragment, rest = _token(previous.text), _token(line.text.split(" ")[0])
    if fragment + rest in vocabulary:
        return True
    if fragment in vocabulary:
        return False  # two whole words ("organizačním" / "zajištění")
    if len(rest) == 1:
        # "zastupitelstv" / "u obce", but "Projednávání" / "a vyhodnocování": a one-letter rest is
        # a word of its own after a fragment that ends in a vowel, as Czech words mostly do.
        return fragment[-1:] not in _VOWELS
    # A word only a little too long for the column leaves a short rest ("st", "ní"); a longer
    # first word ("naplňování") is a word of its own.
    return len(rest) <= 3 and rest not in vocabulary


def _paragraphs_text(cell: list[Paragraph], vocabulary: set[str]) -> str:
    return " ".join(_joined(paragraph, vocabulary) for paragraph in cell)


def _cell_text(cell: list[Paragraph], vocabulary: set[str]) -> str:
    return CELL_SEPARATOR.join(re.sub(r"[ \t\n]+", " ", _joined(p, vocabulary)).strip() for p in cell)


def _is_header_row(row: Row) -> bool:
    first = next((paragraph for paragraph in row[0]), None)
    return first is not None and fold(first[0].text).startswith("cinnost") and len([c for c in row if c]) >= 4


def _continues_row(row: Row) -> bool:
    """A row at the top of a page continues the previous page's row when its first cell (the
    activity's name) is empty or goes on in lowercase."""
    return not row[0] or not row[0][0][0].text[:1].isupper()


def _merge_rows(row: Row, continuation: Row) -> None:
    for cell, more in zip(row, continuation, strict=False):
        if not more:
            continue
        joins = bool(cell) and continues_previous(cell[-1][-1].text, more[0][0].text)
        first = more[0][0]
        more[0][0] = dataclasses.replace(first, text=ROW_CONTINUED + first.text)
        if joins:
            cell[-1].extend(more[0])
            cell.extend(more[1:])
        else:
            cell.extend(more)


# --- writing the page ---------------------------------------------------------------------------------


def _page_lines(layout: _Layout, page: Page, regions: list[_Region], schedule: _Schedule | None) -> list[str]:
    """The page's lines: flow text, layout tables and (on its first page) the schedule, top down."""
    in_schedule = schedule.bands() if schedule else set()
    entries: list[tuple[float, Band | list[str]]] = []
    if schedule is not None and schedule.parts[0].page is page:
        entries.append((schedule.parts[0].top, schedule.text_lines(layout.vocabulary)))
    tables: dict[int, list[Band]] = {}
    for band in page.bands:
        if id(band) in layout.dropped or id(band) in in_schedule:
            continue
        region = _region_of(band, regions)
        if region is None:
            entries.append((band.top, band))
        else:
            tables.setdefault(regions.index(region), []).append(band)
    for index, bands in tables.items():
        entries.append((regions[index].top, _layout_table_lines(regions[index], bands)))
    entries.sort(key=lambda entry: entry[0])
    lines: list[str] = []
    block: list[Band] = []
    for _top, entry in entries:
        if isinstance(entry, Band):
            block.append(entry)
            continue
        lines.extend(_flow_lines(block))
        lines.extend(entry)
        block = []
    lines.extend(_flow_lines(block))
    return lines


def _flow_lines(bands: list[Band]) -> list[str]:
    lines: list[str] = []
    previous: Band | None = None
    for band in bands:
        if band.blank:
            if lines and lines[-1]:
                lines.append("")
            previous = None
            continue
        size = max(segment.size for segment in band.segments)
        if previous is not None and band.top - previous.bottom > 0.3 * size + 1.0 and lines and lines[-1]:
            lines.append("")
        lines.append("\t".join(segment.text for segment in band.segments))
        previous = band
    return lines


def _layout_table_lines(region: _Region, bands: list[Band]) -> list[str]:
    """A ruled table that is page layout: cell after cell, row by row, each a block of lines."""
    cuts = region.rows or [region.top]
    cells: dict[tuple[int, int], list[Segment]] = {}
    for band in bands:
        middle = (band.top + band.bottom) / 2
        row = sum(1 for cut in cuts if cut < middle)
        for segment in band.segments:
            column = sum(1 for x in region.xs[1:-1] if x < segment.center)
            cells.setdefault((row, column), []).append(segment)
    lines: list[str] = [""]
    for key in sorted(cells):
        segments = cells[key]
        previous: Segment | None = None
        for segment in segments:
            if previous is not None and abs(segment.bottom - previous.bottom) < 0.3 * segment.size:
                lines[-1] += " " + segment.text
                continue
            if previous is not None and segment.top - previous.bottom > 0.3 * segment.size + 1.0:
                lines.append("")
            lines.append(segment.text)
            previous = segment
        lines.append("")
    return lines
