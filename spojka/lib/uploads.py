"""Checks on uploaded files: type by content (not by name), size, and a safe file name."""

from __future__ import annotations

import zipfile
from io import BytesIO

import filetype
import olefile
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

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


def check_upload(upload, *, allowed: set[str], max_bytes: int | None = None) -> str:
    """Validate an uploaded file; return its content type. Raises a Czech ValidationError."""
    limit = max_bytes or settings.UPLOAD_MAX_BYTES
    if upload.size == 0:
        raise ValidationError(_("Soubor je prázdný."), code="empty")
    if upload.size > limit:
        raise ValidationError(
            _("Soubor je příliš velký (%(size)s MB); nejvýše lze nahrát %(limit)s MB.")
            % {"size": round(upload.size / 1048576, 1), "limit": round(limit / 1048576, 1)},
            code="too_large",
        )
    upload.seek(0)
    content_type = sniff(upload.read())
    upload.seek(0)
    if content_type not in allowed:
        raise ValidationError(
            _("Nepodporovaný typ souboru. Povolené typy: %(types)s.")
            % {"types": ", ".join(sorted(LABELS.get(t, t) for t in allowed))},
            code="bad_type",
        )
    return content_type


def safe_filename(name: str) -> str:
    return get_valid_filename(name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])[:150] or "soubor"
