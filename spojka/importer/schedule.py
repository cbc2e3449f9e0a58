"""Reading the schedule table (harmonogram) of the form.

The table has six columns: Činnost | Specifikace činnosti a fáze procesu strategického plánování |
Výstup | Odpovědnost ASZ | Odpovědnost územního celku | Termín dokončení.

Two renderings are understood:

* Tab-separated rows, one row per line, as `extract_text` renders DOCX tables. Cells are exact;
  paragraphs inside a cell are joined with " / ".
* PDF text flow (see the Jihlava seed): the cells of a row follow one another, each broken into
  short lines, sometimes separated by blank lines and sometimes not. Here rows are found by their
  last cell: a row ends with its deadline cell ("Podzim 2021", "2x ročně …", "Dle nabídky ASZ")
  and the next row starts with the first line that does not continue it. Within a row the
  name is the first block of lines, the specification the next, and the rest is divided into
  outputs and the two responsibility cells by what the lines say. Where that division is a
  guess, the activity lists why in `uncertain`, so the review screen can ask a person.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .czech import clean, continues_previous, fold, is_abbreviation_before, starts_upper, words
from .parsed import Activity, Field, OutputSpec
from .rules import (
    COUNT_RE,
    DEADLINE_DATE_RE,
    FREQUENCY_RE,
    SEASON_RE,
    YEAR_ONLY_RE,
    document_type,
    parse_rules,
)
from .text import Line, Source

# The header row, however the extraction broke it: from "Činnost" to "Termín dokončení".
HEADER_RE = re.compile(
    r"^[ \t]*Činnost\b.{0,500}?\bTermín(?:\s+(?:dokončení|plnění|realizace))?[ \t]*$",
    re.IGNORECASE | re.MULTILINE | re.DOTALL,
)
_WEAK_DEADLINE_START_RE = re.compile(
    r"(?:dle|podle|průběžně|průběžné|do|od|během|nejpozději|každ\w*|trvale|ihned|v\s+průběhu|"
    r"po\s+celou|po\s+dobu|v\s+případě\s+potřeby)\b",
    re.IGNORECASE,
)
_DASHES = ("-", "–", "—")
_DASH_PREFIX_RE = re.compile(r"([-–—])[ \t]+(?=\S)")
CELL_SEPARATOR = " / "
# Marks left in the text by the PDF reader where it joined what the page had apart: a table row
# continued on the next page (a line separator, read as a space) and a word that a narrow column
# broke without a hyphen (a soft hyphen, dropped from values). The review asks a person to check.
ROW_CONTINUED = "\u2028"
WORD_JOINED = "\xad"
ROW_CONTINUED_NOTE = "Řádek tabulky pokračuje na další stránce (sloupec zalomen přes stránku) – zkontrolujte, že se buňky spojily správně."
WORD_JOINED_NOTE = "Slovo rozdělené v úzkém sloupci bez spojovníku bylo spojeno – zkontrolujte je."
MAX_ACTIVITIES = 100
MAX_SCHEDULE_LINES = 50 * MAX_ACTIVITIES
_TAB_ROW_RE = re.compile(r"^[^\n\t]*\t[^\n\t]*\t[^\n\t]*\t", re.MULTILINE)
TOO_MANY_ACTIVITIES = f"Harmonogram má více než {MAX_ACTIVITIES} řádků; načteno je prvních {MAX_ACTIVITIES}, další vynechány."  # how extract_text joins paragraphs inside a DOCX table cell

# First words (folded, as prefixes) of the responsibility cells: what ASZ or the municipality does.
_RESPONSIBILITY_LEADS = tuple(
    words(
        """obsahov soucinnost facilitac vzajemn zajisten zajistuj zajisti priprav podili podil
    metodick zpracovan zpracov zpracuj poskytnut poskytuj poskytne koordinac koordinuj organizac
    organizuj odborn konzultac spoluprac ucast superviz vedeni realizac realizuj garanc
    garantuj svolan svolav moderovan moderuj administrac podpor projednan schvalen schvaluj
    predlozen predklad nominac nominuj delegovan deleguj sber personaln technick financn
    zverejnen informovan lektor komunikac mentor"""
    )
)


@dataclass
class _Row:
    body: list[Line | None]
    deadline: list[Line]
    past_outputs: bool = False  # a responsibility line ("Organizační zajištění") has been seen
    body_lines: int = 0  # non-blank lines in body (kept, not counted, so that a row costs linear time)
    ended_sentence: bool = False  # a body line ended a sentence

    def add(self, line: Line) -> None:
        self.body.append(line)
        self.body_lines += 1
        self.ended_sentence = self.ended_sentence or _ends_sentence(line.text)


def parse_schedule(src: Source, start: int, end: int) -> Field[list[Activity]]:
    """The activities of the table found in text[start:end] (the section after its heading)."""
    headers = list(HEADER_RE.finditer(src.masked, start, end))
    body_start = headers[0].end() if headers else start
    # Word repeats the header row on every page the table spans; those copies are not rows.
    repeated = [(m.start(), m.end()) for m in headers[1:]]
    repeated_starts = [s for s, _ in repeated]

    def body_lines() -> Iterator[Line | None]:
        for line in src.iter_lines(body_start, end):
            if line is not None:
                k = bisect.bisect_right(repeated_starts, line.start) - 1
                if k >= 0 and line.start < repeated[k][1]:
                    continue
            yield line

    if _TAB_ROW_RE.search(src.masked, body_start, end):
        tab_rows = (line for line in body_lines() if _is_tab_row(line))
        activities = [_tab_row_activity(src, line) for line in itertools.islice(tab_rows, MAX_ACTIVITIES + 1)]
    else:
        # Enough lines for more rows than a schedule has; the rest is never split into lines.
        lines = list(itertools.islice(body_lines(), MAX_SCHEDULE_LINES))
        rows = _segment_rows(_split_dash_prefixes(lines), limit=MAX_ACTIVITIES + 1)
        activities = [_flow_activity(src, row) for row in rows]
    activities = [activity for activity in activities if activity.name.value]
    if len(activities) > MAX_ACTIVITIES:
        # A schedule has a handful of rows; a table this long is something else, and the review
        # could not show it. The rest is left out, and the review says so.
        activities = activities[:MAX_ACTIVITIES]
        activities[-1].uncertain.append(TOO_MANY_ACTIVITIES)
    if not activities:
        return Field.missing(src.snippet(start, end))
    first, last = activities[0].span, activities[-1].span
    span_start = first[0] if first else body_start
    span_end = last[1] if last else end
    return src.field(activities, span_start, span_end)


# --- tab-separated rows (DOCX) -------------------------------------------------------------------


def _is_tab_row(line: Line | None) -> bool:
    return line is not None and line.text.count("\t") >= 3 and not HEADER_RE.match(line.text)


def _tab_row_activity(src: Source, line: Line) -> Activity:
    spans: list[tuple[int, int]] = []
    position = line.start
    for part in line.text.split("\t"):
        spans.append((position, position + len(part)))
        position += len(part) + 1
    uncertain: list[str] = []
    if len(spans) != 6:
        uncertain.append(f"Řádek tabulky má {len(spans)} sloupců místo 6.")
    if ROW_CONTINUED in line.text:
        uncertain.append(ROW_CONTINUED_NOTE)
    if WORD_JOINED in line.text:
        uncertain.append(WORD_JOINED_NOTE)
    if len(spans) > 6:
        # Unexpected extra cells: keep the first and the last four; the middle is the specification.
        spans = [spans[0], (spans[1][0], spans[-5][1]), *spans[-4:]]
    cells: list[tuple[int, int] | None] = [*spans, *([None] * (6 - len(spans)))]
    name, spec, outputs, agency, municipality, deadline = cells

    name_field, deadline_field = _tab_text(src, name), _tab_text(src, deadline)
    return Activity(
        name=name_field,
        specification=_tab_text(src, spec),
        outputs=_as_outputs(_tab_list(src, outputs)),
        agency_responsibility=_tab_list(src, agency),
        municipality_responsibility=_tab_list(src, municipality),
        deadline=deadline_field,
        rules=parse_rules(deadline_field.value or "", name_field.value or "") if deadline_field.value else [],
        snippet=src.snippet(line.start, line.end),
        span=(line.start, line.end),
        uncertain=uncertain,
    )


def _tab_text(src: Source, span: tuple[int, int] | None) -> Field[str]:
    if span is None:  # the row is short of this cell
        return Field.missing()
    value = clean(src.masked[span[0] : span[1]].replace(CELL_SEPARATOR, " "))
    return src.field(value, *span) if value else Field(None, "", True, span)


def _tab_list(src: Source, span: tuple[int, int] | None) -> Field[list[str]]:
    """A list cell: paragraphs are items, except that a lowercase one continues the previous."""
    if span is None:
        return Field.missing()
    items: list[str] = []
    for part in src.masked[span[0] : span[1]].split(CELL_SEPARATOR):
        part = clean(part)
        if not part or part in _DASHES:
            continue
        if items and continues_previous(items[-1], part):
            items[-1] = f"{items[-1]}{CELL_SEPARATOR}{part}"
        else:
            items.append(part)
    return src.field(items, *span) if src.value(*span) else Field([], "", True, span)


# --- PDF text flow: finding rows ------------------------------------------------------------------


def _split_dash_prefixes(lines: list[Line | None]) -> list[Line | None]:
    """ "- Dle nabídky ASZ" is an empty cell ("-") and the deadline cell that PDF put on one line."""
    result: list[Line | None] = []
    for line in lines:
        if line is None:
            result.append(None)
        while line is not None:
            match = _DASH_PREFIX_RE.match(line.text)
            rest = line.text[match.end() :] if match else ""
            if not match or not _starts_deadline(rest, strong_only=False):
                result.append(line)
                break
            result.append(Line(line.start, line.start + 1, match.group(1)))
            offset = line.start + match.end()
            line = Line(offset, line.end, rest)
    return result


# First words of a deadline cell: a quick test before the full patterns (most lines are not).
_DEADLINE_FIRST_WORDS = frozenset(
    words(
        """minimálně min nejméně alespoň jednou dvakrát třikrát čtyřikrát pětkrát šestkrát ročně za do
    každý každoročně pololetně čtvrtletně měsíčně týdně na v jaro jara jaře léto léta létě podzim
    podzimu zima zimě zimy zimu nejpozději k dle podle průběžně průběžné od během trvale ihned po"""
    )
)
_FIRST_WORD_RE = re.compile(r"\s*([^\W\d_]+)")


def _may_start_deadline(text: str) -> bool:
    if text[:1].isdigit() or text.lstrip()[:1].isdigit():
        return True
    first = _FIRST_WORD_RE.match(text)
    if first is None:
        return False
    word = first.group(1).lower()
    return word in _DEADLINE_FIRST_WORDS or word.startswith("každ")


def _starts_deadline(text: str, *, strong_only: bool) -> bool:
    """Whether a line opens a "Termín dokončení" cell.

    Strong starts (a frequency, a season with a year, a date) are unmistakable; weak ones
    ("Dle nabídky ASZ", "Do konce roku", "2022") are trusted only where a cell can start (see
    `_opens_deadline`).
    """
    if not _may_start_deadline(text):
        return False
    frequency = FREQUENCY_RE.match(text)
    if (frequency and frequency.group(0).strip()) or COUNT_RE.match(text):
        return True
    if SEASON_RE.match(text) or DEADLINE_DATE_RE.match(text):
        return True
    if strong_only:
        return False
    return bool(_WEAK_DEADLINE_START_RE.match(text) or YEAR_ONLY_RE.fullmatch(text.rstrip(".")))


def _segment_rows(lines: list[Line | None], *, limit: int) -> list[_Row]:
    rows: list[_Row] = []
    row = _Row([], [])
    blocks_done = 0  # blocks of the current row closed by a blank line
    after_blank = True
    previous: str | None = None
    for index, line in enumerate(lines):
        if line is None:
            if row.body and not after_blank and not row.deadline:
                blocks_done += 1
            after_blank = True
            if not row.deadline:
                row.body.append(None)
            continue
        if row.deadline:
            if _starts_deadline(line.text, strong_only=False) or continues_previous(previous, line.text):
                row.deadline.append(line)
                previous, after_blank = line.text, False
                continue
            rows.append(row)  # this line is the name of the next activity
            if len(rows) >= limit:
                return rows
            row, blocks_done = _Row([], []), 0
        elif _opens_deadline(line, lines, index, row, blocks_done, after_blank):
            row.deadline.append(line)
            previous, after_blank = line.text, False
            continue
        if _is_responsibility(line.text) and _past_specification(row, blocks_done):
            row.past_outputs = True
        row.add(line)
        previous, after_blank = line.text, False
        if line.text in _DASHES:  # an empty cell ends a cell just as a blank line does
            blocks_done += 1
            after_blank = True
    if any(line is not None for line in row.body) or row.deadline:
        rows.append(row)
    return rows


def _past_specification(row: _Row, blocks_done: int) -> bool:
    """Whether the name and specification cells are behind: two blocks closed by blank lines, or,
    in text without blank lines, a line that ended a sentence (the specification always does)."""
    if blocks_done >= 2:
        return True
    return blocks_done == 0 and row.ended_sentence


def _opens_deadline(
    line: Line, lines: list[Line | None], index: int, row: _Row, blocks_done: int, after_blank: bool
) -> bool:
    body_lines = row.body_lines
    if line.text in _DASHES:
        # A lone dash is an empty cell; it is the deadline cell itself only when no deadline follows.
        following = next((lines[k] for k in range(index + 1, len(lines)) if lines[k] is not None), None)
        enough_cells = blocks_done >= 3 or row.past_outputs
        return enough_cells and (following is None or not _starts_deadline(following.text, strong_only=False))
    if body_lines >= 2 and _starts_deadline(line.text, strong_only=True):
        return True
    if not _starts_deadline(line.text, strong_only=False):
        return False
    # "Dle nabídky ASZ" after a blank line that closed the outputs and responsibilities, or, in
    # text without blank lines, capitalised after the responsibility cells have begun.
    return (after_blank and blocks_done >= 3) or (
        row.past_outputs and body_lines >= 4 and starts_upper(line.text)
    )


# --- PDF text flow: cells of one row ---------------------------------------------------------------


def _flow_activity(src: Source, row: _Row) -> Activity:
    blocks = _blocks(row.body)
    uncertain: list[str] = []
    name, spec, rest, note = _name_and_specification(blocks)
    if note:
        uncertain.append(note)
    outputs, responsibilities, note = _outputs_and_responsibilities(rest)
    if note:
        uncertain.append(note)
    agency, municipality, note = _agency_and_municipality(responsibilities)
    if note:
        uncertain.append(note)

    name_field = _text_field(src, name)
    deadline_field = _text_field(src, row.deadline)
    if not row.deadline:
        uncertain.append("Nenalezen termín dokončení – řádek může být spojený s dalším.")
    all_lines = [line for line in row.body if line is not None] + row.deadline
    span = (all_lines[0].start, all_lines[-1].end)
    return Activity(
        name=name_field,
        specification=_text_field(src, spec),
        outputs=_as_outputs(_list_field(src, outputs)),
        agency_responsibility=_list_field(src, agency),
        municipality_responsibility=_list_field(src, municipality),
        deadline=deadline_field,
        rules=parse_rules(deadline_field.value or "", name_field.value or "") if row.deadline else [],
        snippet=src.snippet(*span),
        span=span,
        uncertain=uncertain,
    )


def _blocks(body: list[Line | None]) -> list[list[Line]]:
    """Runs of lines between blank lines; a lone dash (an empty cell) is a block of its own."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in body:
        if line is None or line.text in _DASHES:
            if current:
                blocks.append(current)
            current = []
            if line is not None:
                blocks.append([line])
            continue
        current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _name_and_specification(
    blocks: list[list[Line]],
) -> tuple[list[Line], list[Line], list[list[Line]], str | None]:
    """The name and specification lines, the remaining blocks, and a note when the split is a guess."""
    if not blocks:
        return [], [], [], None
    first, rest = blocks[0], list(blocks[1:])
    name, spec = first, []
    note = None
    # "Vyhodnocení PSZ / Sledování naplňování PSZ a / případné návrhy revize PSZ." came out as one
    # block: a name never ends a sentence, so a block holding a sentence holds more than the name.
    if len(first) > 1 and any(_ends_sentence(line.text) for line in first):
        split = _first_new_item(first)
        if split is not None:
            name, spec = first[:split], first[split:]
    if not spec and rest and not _is_dash(rest[0]):
        spec = rest.pop(0)
    # A blank line inside the specification: the part after it continues lowercase.
    while spec and rest and not _is_dash(rest[0]) and not starts_upper(rest[0][0].text):
        spec = spec + rest.pop(0)
    # Text without blank lines: the specification ends with the sentence after which an output
    # or a responsibility follows ("… implementace. / Plán sociálního / začleňování").
    for k in range(len(spec) - 1):
        following = _item_text(spec, k + 1)
        if _ends_sentence(spec[k].text) and (document_type(following) or _is_responsibility(following)):
            rest.insert(0, spec[k + 1 :])
            spec = spec[: k + 1]
            note = "Hranice mezi názvem, specifikací a výstupy je odhad (text bez prázdných řádků)."
            break
    return name, spec, rest, note


def _outputs_and_responsibilities(
    blocks: list[list[Line]],
) -> tuple[list[Line], list[list[Line]], str | None]:
    """The output lines and the blocks of the two responsibility cells that follow them."""
    if not blocks:
        return [], [], "Nenalezeny výstupy ani odpovědnosti."
    if _is_dash(blocks[0]):
        return blocks[0], blocks[1:], None
    if _is_responsibility(blocks[0][0].text):
        return [], blocks, "Výstup nebyl nalezen."
    for b, block in enumerate(blocks):
        for k, line in enumerate(block):
            if _is_responsibility(line.text):
                outputs = _flatten(blocks[:b]) + block[:k]
                responsibilities = ([block[k:]] if k else [block]) + blocks[b + 1 :]
                return outputs, responsibilities, None
    if len(blocks) >= 3:
        return _flatten(blocks[:-2]), blocks[-2:], "Odpovědnosti určeny podle pořadí bloků."
    return _flatten(blocks), [], "Nenalezeny odpovědnosti ASZ a územního celku."


def _agency_and_municipality(
    blocks: list[list[Line]],
) -> tuple[list[Line], list[Line], str | None]:
    """Split the responsibility lines into the ASZ cell and the municipality's cell."""
    if not blocks:
        return [], [], None
    if _is_dash(blocks[0]):
        return blocks[0], _flatten(blocks[1:]), None
    if _is_dash(blocks[-1]):
        return _flatten(blocks[:-1]), blocks[-1], None
    if len(blocks) == 1:
        return _split_single_block(blocks[0])
    # "Vzájemná součinnost" opens both cells in the form; its repetition marks the second cell.
    opening = fold(blocks[0][0].text)
    for k in range(1, len(blocks)):
        if fold(blocks[k][0].text) == opening:
            return _flatten(blocks[:k]), _flatten(blocks[k:]), None
    if len(blocks) == 2:
        return blocks[0], blocks[1], None
    k = math.ceil(len(blocks) / 2)
    return (
        _flatten(blocks[:k]),
        _flatten(blocks[k:]),
        "Hranice mezi odpovědností ASZ a územního celku je odhad.",
    )


def _split_single_block(block: list[Line]) -> tuple[list[Line], list[Line], str | None]:
    """Both responsibility cells ran together without a blank line ("Zpracování výstupu /
    Poskytnutí součinnosti / při přípravě výstupu"): split where a new item starts."""
    starts = [k for k in range(1, len(block)) if _starts_item(block[k - 1], block[k])]
    repeated = [k for k in starts if fold(block[k].text) == fold(block[0].text)]
    if repeated:
        k = repeated[0]
    elif len(starts) == 1:
        k = starts[0]
    elif starts:
        k = starts[len(starts) // 2]
        return block[:k], block[k:], "Hranice mezi odpovědností ASZ a územního celku je odhad."
    else:
        return block, [], "Odpovědnost územního celku nebyla nalezena."
    return block[:k], block[k:], None


# --- small helpers ---------------------------------------------------------------------------------


def _is_dash(block: Sequence[Line]) -> bool:
    return len(block) == 1 and block[0].text in _DASHES


def _flatten(blocks: list[list[Line]]) -> list[Line]:
    return [line for block in blocks for line in block]


def _ends_sentence(text: str) -> bool:
    text = text.rstrip()
    return text.endswith((".", "!", "?")) and not is_abbreviation_before(text, len(text) - 1)


def _is_responsibility(text: str) -> bool:
    return fold(text[:20]).startswith(_RESPONSIBILITY_LEADS)


def _starts_item(previous: Line, line: Line) -> bool:
    return starts_upper(line.text) and not continues_previous(previous.text, line.text)


def _item_text(lines: list[Line], start: int) -> str:
    """The item that begins at lines[start], joined over its continuation lines."""
    end = start + 1
    while end < len(lines) and not _starts_item(lines[end - 1], lines[end]):
        end += 1
    return " ".join(line.text for line in lines[start:end])


def _first_new_item(block: list[Line]) -> int | None:
    return next((k for k in range(1, len(block)) if _starts_item(block[k - 1], block[k])), None)


def _items(src: Source, lines: list[Line]) -> list[str]:
    """Lines grouped into items: a new item starts with a capitalised line that does not continue
    the previous one ("Záznam z jednání" + "LP" is one item, "Prezenční listina" another)."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups and not _starts_item(groups[-1][-1], line):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [src.value(group[0].start, group[-1].end) for group in groups]


def _text_field(src: Source, lines: list[Line]) -> Field[str]:
    if not lines:
        return Field.missing()
    return src.field(src.value(lines[0].start, lines[-1].end), lines[0].start, lines[-1].end)


def _list_field(src: Source, lines: list[Line]) -> Field[list[str]]:
    if not lines:
        return Field.missing()
    if _is_dash(lines):  # the cell holds only "-": present, and empty on purpose
        return src.field([], lines[0].start, lines[0].end)
    return src.field(_items(src, lines), lines[0].start, lines[-1].end)


def _as_outputs(items: Field[list[str]]) -> Field[list[OutputSpec]]:
    outputs = [OutputSpec(text=item, document_type=document_type(item)) for item in items.value or []]
    return Field(outputs if items.found else None, items.snippet, items.found, items.span)
