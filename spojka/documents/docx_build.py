"""Building blocks of the built-in Word templates (used by each app's ``docx_templates/build.py``).

python-docx covers paragraphs and tables; the few table properties Word needs for documents that are
printed and signed (a header row repeated on each page, rows tall enough to sign in, rows that do not
split, fixed column widths that never break a word) are set here on the underlying XML.
"""

from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "Calibri"


def new_document(*, landscape: bool = False) -> Document:
    """An A4 document in one font family, headings and footers included."""
    document = Document()
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_height, section.page_width = Cm(21.0), Cm(29.7)
    else:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.0)
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Title", "Footer", "Header"):
        style = document.styles[name]
        style.font.name = FONT
        # East-Asian and complex-script slots too, or Word falls back to its theme font there.
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(theme), None)
    document.styles["Normal"].font.size = Pt(10.5)
    settings = document.settings.element
    # Czech, without automatic hyphenation (names must never be split). The schema fixes the order
    # of settings: autoHyphenation follows defaultTabStop.
    auto = settings.find(qn("w:autoHyphenation"))
    if auto is None:
        auto = OxmlElement("w:autoHyphenation")
        tab_stop = settings.find(qn("w:defaultTabStop"))
        if tab_stop is not None:
            tab_stop.addnext(auto)
        else:
            settings.append(auto)
    auto.set(qn("w:val"), "false")
    lang = document.styles["Normal"].element.get_or_add_rPr()
    lang_el = OxmlElement("w:lang")
    lang_el.set(qn("w:val"), "cs-CZ")
    lang.append(lang_el)
    return document


def repeat_header(row) -> None:
    """Repeat this table row at the top of every page the table continues on."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def keep_row_together(row) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def min_height(row, height) -> None:
    """At least ``height`` high (it grows with its content)."""
    row.height = height
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def fixed_widths(table, widths: list) -> None:
    """Fixed column widths (in Word lengths), so Word never squeezes a column until words break."""
    table.autofit = False  # python-docx writes <w:tblLayout w:type="fixed"/> in its schema place
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def header_row(table, labels: list[str]) -> None:
    """Bold labels in the first row, repeated on each page."""
    row = table.rows[0]
    for cell, text in zip(row.cells, labels, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    repeat_header(row)


def publicity_footer(document) -> None:
    """The project's publicity in the page footer: logo and text when the unit shows them."""
    footer = document.sections[0].footer
    paragraph = footer.paragraphs[0]
    paragraph.add_run("{% if publicity.shown %}{% if publicity.logo %}{{ publicity.logo }} {% endif %}")
    paragraph.add_run("{{ publicity.text }}{% endif %}").font.size = Pt(8)
