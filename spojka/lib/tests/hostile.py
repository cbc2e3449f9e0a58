"""Hostile files for upload tests, built in memory: OOXML with a DTD, zip bombs, polyglots, and
workbooks with a million rows."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from django.core.files.uploadedfile import SimpleUploadedFile

from spojka.lib.uploads import DOCX, XLSX

BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
)
# A PDF header followed by HTML: a browser that sniffs it may render it as a page.
POLYGLOT = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n"


def docx_bytes(text: str = "Ahoj") -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(sheets: dict[str, list[list]] | None = None) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in (sheets or {"List1": [["a"]]}).items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rewritten(data: bytes, replace: dict[str, bytes]) -> bytes:
    """``data`` (a zip) with the parts in ``replace`` swapped for new content (or added)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
        for name in set(replace) - set(source.namelist()):
            target.writestr(name, replace[name])
    return buffer.getvalue()


def with_dtd(data: bytes, part: str, *, encoding: str = "utf-8") -> bytes:
    """An OOXML file one of whose XML parts starts with an entity-expanding DTD."""
    original = zipfile.ZipFile(io.BytesIO(data)).read(part)
    body = original.split(b"?>", 1)[1] if original.startswith(b"<?xml") else original
    xml = BILLION_LAUGHS + body
    return rewritten(data, {part: xml.decode("utf-8").encode(encoding) if encoding != "utf-8" else xml})


def zip_bomb(data: bytes, unpacked: int) -> bytes:
    """An OOXML file with an extra part of ``unpacked`` zero bytes (it compresses a thousandfold)."""
    return rewritten(data, {"customXml/padding.bin": b"\0" * unpacked})


def sheet_of_blank_rows(data: bytes, sheet_part: str, rows: int, header: list[str] = ()) -> bytes:
    """A workbook whose sheet has ``header`` and then ``rows`` empty rows: kilobytes when packed."""
    cells = "".join(f'<c t="inlineStr"><is><t>{escape(text)}</t></is></c>' for text in header)
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + (f"<row>{cells}</row>".encode() if header else b"")
        + b"<row/>" * rows
        + b"</sheetData></worksheet>"
    )
    return rewritten(data, {sheet_part: xml})


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


__all__ = ["DOCX", "XLSX"]
