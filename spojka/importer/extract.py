"""Turn an uploaded file (PDF with a text layer, DOCX or plain text) into text for the parser.

The kind of file is recognised by its content, never by its name: people upload "popis.pdf" that
is really a DOCX, or files with no extension at all.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile

from docx import Document
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from .errors import ImportRejected
from .schedule import CELL_SEPARATOR

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# A cooperation description has a handful of pages; a much longer PDF is something else, and text
# extraction time grows with pages.
MAX_PDF_PAGES = 200
# Below this many non-space characters per page a PDF is a scan (an image of text).
MIN_TEXT_CHARS_PER_PAGE = 20
# A DOCX is a zip; refuse archives that inflate far beyond the upload limit (zip bombs).
MAX_UNPACKED_RATIO = 20
# Control characters other than tab, newline, carriage return and form feed mean binary data.
MAX_CONTROL_CHAR_SHARE = 0.01

_SUPPORTED = "Nahrajte prosím PDF s textem, dokument Word (DOCX) nebo prostý text."


def extract_text(data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of an uploaded file; raises ImportRejected (Czech message) when there is none.

    `filename` is only used in messages.
    """
    if not data.strip():
        raise ImportRejected(f"Soubor „{filename}“ je prázdný.")
    if len(data) > max_bytes:
        raise ImportRejected(
            f"Soubor „{filename}“ je příliš velký ({_megabytes(len(data))}); "
            f"nahrát lze nejvýše {_megabytes(max_bytes)}."
        )
    if b"%PDF-" in data[:1024]:  # the PDF specification allows junk before the header
        text = _pdf_text(data, filename)
    elif data.startswith(b"PK\x03\x04"):
        text = _docx_text(data, filename, max_bytes)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRejected(
            f"Soubor „{filename}“ je ve starém formátu Word (DOC). Uložte jej prosím jako DOCX nebo PDF."
        )
    elif data.startswith(b"{\\rtf"):
        raise ImportRejected(f"Soubor „{filename}“ je ve formátu RTF. Uložte jej prosím jako DOCX nebo PDF.")
    else:
        text = _plain_text(data, filename)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise ImportRejected(f"Soubor „{filename}“ neobsahuje žádný text.")
    return text


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


# --- PDF --------------------------------------------------------------------------------------------


def _pdf_text(data: bytes, filename: str) -> str:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportRejected(
                f"PDF „{filename}“ je chráněné heslem. Nahrajte prosím verzi bez hesla nebo dokument DOCX."
            )
        if len(reader.pages) > MAX_PDF_PAGES:
            raise ImportRejected(
                f"PDF „{filename}“ má {len(reader.pages)} stran; popis spolupráce jich mívá jen několik. "
                "Zkontrolujte prosím, že nahráváte správný soubor."
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except ImportRejected:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise ImportRejected(
            f"PDF „{filename}“ se nepodařilo přečíst – soubor je patrně poškozený."
        ) from error
    visible = sum(len("".join(page.split())) for page in pages)
    if visible < MIN_TEXT_CHARS_PER_PAGE * max(1, len(pages)):
        raise ImportRejected(
            f"PDF „{filename}“ neobsahuje text – jde patrně o sken. Nahrajte prosím PDF uložené přímo "
            "z Wordu (s textovou vrstvou) nebo dokument DOCX."
        )
    # A form feed between pages lets the parser recognise headers and footers repeated per page.
    return "\n\f\n".join(pages)


# --- DOCX -------------------------------------------------------------------------------------------


def _docx_text(data: bytes, filename: str, max_bytes: int) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ImportRejected(f"Soubor „{filename}“ je poškozený archiv. {_SUPPORTED}") from error
    if "word/document.xml" not in names:
        raise ImportRejected(f"Soubor „{filename}“ je archiv ZIP, ale ne dokument Word. {_SUPPORTED}")
    if unpacked > MAX_UNPACKED_RATIO * max_bytes:
        raise ImportRejected(f"Dokument „{filename}“ je po rozbalení příliš velký.")
    try:
        document = Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises a variety of XML and key errors on broken files
        raise ImportRejected(
            f"Dokument „{filename}“ se nepodařilo přečíst – soubor je patrně poškozený."
        ) from error
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            blocks.append(item.text)
        elif isinstance(item, Table):
            blocks.append("\n" + _table_text(item) + "\n")
    return "\n".join(blocks)


def _table_text(table: Table) -> str:
    """One line per row, cells separated by tabs, paragraphs within a cell by " / ".

    Keeping a row on one line keeps its cells apart, which the text of a PDF does not; the
    schedule parser reads such rows cell by cell.
    """
    rows = []
    for row in table.rows:
        cells = []
        seen = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is reported once per grid column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(_cell_text(cell))
        rows.append("\t".join(cells))
    return "\n".join(rows)


def _cell_text(cell: _Cell) -> str:
    parts: list[str] = []
    for item in cell.iter_inner_content():
        if isinstance(item, Paragraph):
            text = " ".join(item.text.split())  # line breaks and tabs inside a cell are layout
            if text:
                parts.append(text)
        elif isinstance(item, Table):  # a nested table: its cells in order
            parts.extend(" ".join(line.split()) for line in _table_text(item).split("\n") if line.strip())
    return CELL_SEPARATOR.join(parts)


# --- plain text -------------------------------------------------------------------------------------


def _plain_text(data: bytes, filename: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data[:8192]:
        raise ImportRejected(f"Soubor „{filename}“ není podporovaného typu. {_SUPPORTED}")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # Czech texts saved on Windows without UTF-8 are in cp1250.
            try:
                text = data.decode("cp1250")
            except UnicodeDecodeError as error:
                raise ImportRejected(f"Soubor „{filename}“ není podporovaného typu. {_SUPPORTED}") from error
    control = sum(1 for char in text if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f")
    if control > MAX_CONTROL_CHAR_SHARE * len(text):
        raise ImportRejected(f"Soubor „{filename}“ není podporovaného typu. {_SUPPORTED}")
    return text
