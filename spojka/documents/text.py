"""The readable text of an uploaded PDF or DOCX, kept with its version for the unit search.

Best effort and bounded: a file whose text cannot be read (a scan, a damaged or encrypted file, a
format without text) simply has none, and uploading it never fails because of this.
"""

from __future__ import annotations

import io
import logging

from spojka.lib.downloads import DOCX, PDF

MAX_PAGES = 100
MAX_CHARS = 200_000

log = logging.getLogger(__name__)


def extract_text(content: bytes, content_type: str) -> str:
    try:
        if content_type == PDF:
            text = _pdf(content)
        elif content_type == DOCX:
            text = _docx(content)
        else:
            return ""
    except Exception:  # any unreadable file: no text, the upload itself was already checked
        log.info("no text extracted from a %s upload", content_type, exc_info=True)
        return ""
    return " ".join(text.replace("\x00", " ").split())[:MAX_CHARS]


def _pdf(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    parts, size = [], 0
    for page in reader.pages[:MAX_PAGES]:
        part = page.extract_text() or ""
        parts.append(part)
        size += len(part)
        if size > MAX_CHARS:
            break
    return "\n".join(parts)


def _docx(content: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)
