"""Turn an uploaded file (PDF with a text layer, DOCX or plain text) into text for the parser.

The kind of file is recognised by its content, never by its name: people upload "popis.pdf" that
is really a DOCX, or files with no extension at all.
"""

from __future__ import annotations

import contextlib
import io
import logging
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path

from docx import Document
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from spojka.lib.uploads import dtd_part

from .docx_text import document_text
from .errors import ImportRejected
from .pdf_layout import TooManyPages, read_pages
from .pdf_text import pages_text

logger = logging.getLogger(__name__)

# One limit for the web upload, `manage.py import_cooperation` and `python -m spojka.importer`: a
# cooperation description is a few pages; a larger file is something else, and it would take long.
IMPORT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_BYTES = IMPORT_MAX_BYTES
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


def extract_text(data: bytes, filename: str, *, max_bytes: int | None = None) -> str:
    """The text of an uploaded file; raises ImportRejected (Czech message) when there is none.

    `filename` is only used in messages.
    """
    max_bytes = IMPORT_MAX_BYTES if max_bytes is None else max_bytes
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


def read_file(path: Path, *, max_bytes: int | None = None) -> bytes:
    """A file named on the command line; ImportRejected (Czech) when it cannot be read."""
    max_bytes = IMPORT_MAX_BYTES if max_bytes is None else max_bytes
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ImportRejected(
                f"Soubor „{path.name}“ je příliš velký ({_megabytes(size)}); nahrát lze nejvýše "
                f"{_megabytes(max_bytes)}."
            )
        return path.read_bytes()
    except FileNotFoundError as error:
        raise ImportRejected(f"Soubor „{path}“ neexistuje.") from error
    except IsADirectoryError as error:
        raise ImportRejected(f"„{path}“ je složka, ne soubor.") from error
    except PermissionError as error:
        raise ImportRejected(f"Soubor „{path}“ nelze číst – chybí oprávnění.") from error
    except OSError as error:
        logger.info("%s could not be read: %r", path, error)
        raise ImportRejected(f"Soubor „{path}“ se nepodařilo přečíst.") from error


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


# --- PDF --------------------------------------------------------------------------------------------


def _pdf_text(data: bytes, filename: str) -> str:
    try:
        with _library_log_to_debug():
            pages = list(read_pages(data, max_pages=MAX_PDF_PAGES))
    except TooManyPages as error:
        raise ImportRejected(
            f"PDF „{filename}“ má více než {MAX_PDF_PAGES} stran; popis spolupráce jich mívá jen několik. "
            "Zkontrolujte prosím, že nahráváte správný soubor."
        ) from error
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise ImportRejected(
            f"PDF „{filename}“ je chráněné heslem. Nahrajte prosím verzi bez hesla nebo dokument DOCX."
        ) from error
    except Exception as error:  # pdfminer raises many kinds of errors on damaged files
        logger.info("PDF %s could not be read: %r", filename, error)
        raise ImportRejected(
            f"PDF „{filename}“ se nepodařilo přečíst – soubor je patrně poškozený."
        ) from error
    visible = sum(
        len(word.text) for page in pages for band in page.bands for s in band.segments for word in s.words
    )
    if visible < MIN_TEXT_CHARS_PER_PAGE * max(1, len(pages)):
        raise ImportRejected(
            f"PDF „{filename}“ neobsahuje text – jde patrně o sken. Nahrajte prosím PDF uložené přímo "
            "z Wordu (s textovou vrstvou) nebo dokument DOCX."
        )
    return pages_text(pages)


@contextlib.contextmanager
def _library_log_to_debug() -> Iterator[None]:
    """pdfminer reports damaged files in English on its logger; those lines belong in the debug log,
    never on the console of someone importing a file."""
    library = logging.getLogger("pdfminer")
    handler = _Forward()
    saved = library.propagate
    library.addHandler(handler)
    library.propagate = False
    try:
        yield
    finally:
        library.removeHandler(handler)
        library.propagate = saved


class _Forward(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        logger.debug("pdfminer: %s", record.getMessage())


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
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if dtd_part(archive):
            raise ImportRejected(
                f"Dokument „{filename}“ obsahuje definici typu dokumentu (DTD), kterou Word nikdy nezapisuje."
            )
    try:
        document = Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises a variety of XML and key errors on broken files
        raise ImportRejected(
            f"Dokument „{filename}“ se nepodařilo přečíst – soubor je patrně poškozený."
        ) from error
    return document_text(document)


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
