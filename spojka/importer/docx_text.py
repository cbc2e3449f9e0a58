"""The text of a Word document (DOCX) in reading order, tables included.

The body is walked in order: paragraphs, tables and content controls. How a table is written
depends on what it is:

* A grid of four or more columns (the schedule table, "harmonogram") keeps one row per line with
  its cells separated by tabs, and the paragraphs inside a cell separated by `CELL_SEPARATOR`, so
  the schedule parser reads it cell by cell.
* Any narrower table (the two-column header, a one-column table holding a whole section, the
  signature block) is layout: its cells are written one after another, each paragraph on a line
  of its own, as if the table were not there.

Footnote bodies, headers and footers are not part of the body and so never reach the text; the
footnote reference marks in the text carry no characters.
"""

from __future__ import annotations

from collections.abc import Iterator

from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from lxml import etree

from .schedule import CELL_SEPARATOR

# A table this wide is a grid read cell by cell; narrower ones are page layout.
GRID_MIN_COLUMNS = 4

_P, _TBL, _SDT, _SDT_CONTENT = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
_TR, _TC = qn("w:tr"), qn("w:tc")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_NO_BREAK_HYPHEN, _DEL, _FALLBACK = (
    qn("w:noBreakHyphen"),
    qn("w:del"),
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
)
_TXBX = qn("w:txbxContent")
_GRID_SPAN, _V_MERGE = qn("w:gridSpan"), qn("w:vMerge")


def document_text(document: DocumentObject) -> str:
    lines = list(_blocks(document.element.body))
    return "\n".join(lines)


def _blocks(container: etree._Element) -> Iterator[str]:
    """Lines of a body, a cell or a content control, in document order."""
    for child in container.iterchildren():
        if child.tag == _P:
            yield paragraph_text(child)
        elif child.tag == _TBL:
            yield from _table(child)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content)


def paragraph_text(paragraph: etree._Element) -> str:
    """The visible text of a paragraph: deleted text and the fallback copies of drawings left out."""
    parts: list[str] = []
    for element in paragraph.iter(_T, _TAB, _BR, _CR, _NO_BREAK_HYPHEN):
        if _inside_skipped(element, paragraph):
            continue
        if element.tag == _T:
            parts.append(element.text or "")
        elif element.tag == _TAB:
            parts.append("\t")
        elif element.tag == _NO_BREAK_HYPHEN:
            parts.append("-")
        elif element.tag == _CR or element.get(qn("w:type")) in (None, "textWrapping"):
            parts.append("\n")
    return "".join(parts).replace("\xad", "")


def _inside_skipped(element: etree._Element, paragraph: etree._Element) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in (_DEL, _FALLBACK, _TXBX):
            return True
        parent = parent.getparent()
    return False


def _rows(table: etree._Element) -> list[list[etree._Element | None]]:
    """Each row's cells; a cell continuing a vertical merge is None (its text is in the cell above)."""
    rows = []
    for tr in table.iterchildren(_TR):
        cells: list[etree._Element | None] = []
        for tc in tr.iterchildren(_TC):
            properties = tc.find(qn("w:tcPr"))
            merge = properties.find(_V_MERGE) if properties is not None else None
            continues = merge is not None and merge.get(qn("w:val"), "continue") == "continue"
            cells.append(None if continues else tc)
        rows.append(cells)
    return rows


def _columns(table: etree._Element) -> int:
    grid = table.find(qn("w:tblGrid"))
    columns = len(grid.findall(qn("w:gridCol"))) if grid is not None else 0
    return max([columns] + [len(row) for row in _rows(table)])


def _table(table: etree._Element) -> Iterator[str]:
    rows = _rows(table)
    if _columns(table) >= GRID_MIN_COLUMNS:
        yield ""
        for row in rows:
            yield "\t".join(_grid_cell(cell) for cell in row)
        yield ""
        return
    for row in rows:
        for cell in row:
            if cell is not None:
                yield ""
                yield from _blocks(cell)
    yield ""


def _grid_cell(cell: etree._Element | None) -> str:
    """A cell of a grid on one line: paragraphs (and line breaks) separated by CELL_SEPARATOR."""
    if cell is None:
        return ""
    parts = []
    for line in _blocks(cell):
        for part in line.split("\n"):
            part = " ".join(part.split())  # tabs and runs of spaces inside a cell are layout
            if part:
                parts.append(part)
    return CELL_SEPARATOR.join(parts)
