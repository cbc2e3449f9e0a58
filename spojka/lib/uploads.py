"""Checks on uploaded files: type by content (not by name), size packed and unpacked, no DTD in
the XML parts of Office and OpenDocument files, and a safe file name whose extension follows the
content."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from io import BytesIO

import filetype
import olefile
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from spojka.lib.czech import number
from spojka.lib.downloads import extension_for

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
PNG = "image/png"
JPEG = "image/jpeg"

LABELS = {
    PDF: "PDF",
    DOCX: "DOCX",
    XLSX: "XLSX",
    PPTX: "PPTX",
    ODT: "ODT",
    ODS: "ODS",
    DOC: "DOC",
    XLS: "XLS",
    PNG: "PNG",
    JPEG: "JPEG",
}
_OOXML_PARTS = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml", PPTX: "ppt/presentation.xml"}
# OpenDocument names its type in the package's "mimetype" member; the content must be there too.
_ODF_TYPES = {ODT, ODS}
# Zip packages of XML parts: their unpacked size and their XML are checked before anything reads them.
ZIP_TYPES = frozenset({*_OOXML_PARTS, *_ODF_TYPES})
# A DTD in an XML part can define entities that expand without bound ("billion laughs") or point
# outside the file; Office and LibreOffice never write one. Looked for in UTF-8 and in UTF-16.
_DTD_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_CHUNK = 256 * 1024
# Word and Excel 97–2003 files are OLE compound files; the main stream's name tells which.
_OLE_STREAMS = {DOC: ("WordDocument",), XLS: ("Workbook", "Book")}


def _sniff_zip(data: bytes) -> str | None:
    try:
        package = zipfile.ZipFile(BytesIO(data))
        names = set(package.namelist())
        if "mimetype" in names and "content.xml" in names:
            declared = package.read("mimetype").decode("ascii", "replace").strip()
            return declared if declared in _ODF_TYPES else None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, OSError):
        return None
    for content_type, part in _OOXML_PARTS.items():
        if part in names:
            return content_type
    return None


def _sniff_ole(data: bytes) -> str | None:
    try:
        with olefile.OleFileIO(data) as ole:
            for content_type, streams in _OLE_STREAMS.items():
                if any(ole.exists(name) for name in streams):
                    return content_type
    except (OSError, ValueError, IndexError, TypeError):  # olefile's errors for a damaged file
        return None
    return None


def sniff(data: bytes) -> str | None:
    """The content type of ``data`` judged by its content."""
    if data[:4] == b"PK\x03\x04":
        return _sniff_zip(data)
    if data[:8] == olefile.MAGIC:
        return _sniff_ole(data)
    kind = filetype.guess(data)
    return kind.mime if kind else None


def megabytes(size: int) -> str:
    """A size in MB the Czech way: "20,5 MB"."""
    return f"{number(Decimal(size) / 1048576, decimals=1)} MB"


def zip_problem(data: bytes, *, max_unpacked: int | None = None) -> str | None:
    """Why a zip package (OOXML, OpenDocument) must be refused, in Czech; None when it may be read.

    The declared sizes are checked before anything is inflated (``zipfile`` never inflates a part
    beyond its declared size), then every XML part is read in chunks looking for a DTD.
    """
    limit = max_unpacked or settings.UPLOAD_MAX_UNPACKED_BYTES
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > limit:
                return _("Soubor by se po rozbalení zvětšil na %(size)s; nejvýše lze %(limit)s.") % {
                    "size": megabytes(unpacked),
                    "limit": megabytes(limit),
                }
            if dtd_part(archive):
                return _("Soubor obsahuje definici typu dokumentu (DTD), kterou Office nikdy nezapisuje.")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError):
        return _("Soubor je poškozený archiv a nelze jej přečíst.")
    return None


def dtd_part(archive: zipfile.ZipFile) -> str | None:
    """The name of the first XML part of ``archive`` that contains a DTD (needs no Django settings:
    the importer's command line uses it too)."""
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        tail = b""
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                window = tail + chunk
                if any(marker in window for marker in _DTD_MARKERS):
                    return info.filename
                tail = window[-32:]
    return None


# The start of a row element of a worksheet, whatever its namespace prefix.
_ROW_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")


def worksheet_rows_exceed(data: bytes, max_rows: int) -> bool:
    """Whether any worksheet of an XLSX file has more than ``max_rows`` row elements, blank ones
    included. Counted on the raw XML, because openpyxl reads a whole sheet just to find its size
    when the file does not state it; that alone held a worker for seconds on a million blank rows.
    """
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile:
        return False  # not a workbook at all: the reader says so in its own words
    with archive:
        for info in archive.infolist():
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            rows, tail = 0, b""
            with archive.open(info) as part:
                while chunk := part.read(_CHUNK):
                    window = tail + chunk
                    # A row start cut by the chunk boundary is counted in the next window.
                    cut = max(window.rfind(b"<", len(window) - 64), len(window) - 64, 0)
                    rows += len(_ROW_START.findall(window, 0, cut))
                    tail = window[cut:]
                    if rows > max_rows:
                        return True
            if rows + len(_ROW_START.findall(tail)) > max_rows:
                return True
    return False


def check_upload(upload, *, allowed: set[str], max_bytes: int | None = None) -> str:
    """Validate an uploaded file; return its content type. Raises a Czech ValidationError."""
    limit = max_bytes or settings.UPLOAD_MAX_BYTES
    if upload.size == 0:
        raise ValidationError(_("Soubor je prázdný."), code="empty")
    if upload.size > limit:
        raise ValidationError(
            _("Soubor je příliš velký (%(size)s); nejvýše lze nahrát %(limit)s.")
            % {"size": megabytes(upload.size), "limit": megabytes(limit)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    content_type = sniff(data)
    if content_type not in allowed:
        raise ValidationError(
            _("Nepodporovaný typ souboru. Povolené typy: %(types)s.")
            % {"types": ", ".join(sorted(LABELS.get(t, t) for t in allowed))},
            code="bad_type",
        )
    if content_type in ZIP_TYPES and (problem := zip_problem(data)):
        raise ValidationError(problem, code="bad_archive")
    return content_type


def safe_filename(name: str, content_type: str | None = None) -> str:
    """A storable file name; with ``content_type`` its extension is the one of that type.

    The name a person gave says nothing about the content: a PDF uploaded as "page.html" is
    stored, and later downloaded, as "page.pdf".
    """
    base = get_valid_filename(name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])[:150] or "soubor"
    extension = extension_for(content_type) if content_type else None
    if extension is None:
        return base
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    return f"{stem.strip('.') or 'soubor'}{extension}"
