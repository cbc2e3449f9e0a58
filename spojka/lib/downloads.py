"""Every download the app serves, through Django's ``FileResponse``.

``FileResponse(as_attachment=True, filename=…)`` writes a correctly escaped Content-Disposition
(ASCII fallback plus RFC 5987 ``filename*``), so no view builds that header by hand.
"""

from __future__ import annotations

import io
from pathlib import PurePath

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ICS = "text/calendar; charset=utf-8"
JSON = "application/json"

# The one table from a file name's extension to the type a download is served with.
MIME_TYPES = {
    ".pdf": PDF,
    ".docx": DOCX,
    ".xlsx": XLSX,
    ".pptx": PPTX,
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ics": ICS,
    ".json": JSON,
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


def mime_type(filename: str) -> str:
    return MIME_TYPES.get(PurePath(filename).suffix.lower(), "application/octet-stream")


def download(content: bytes, filename: str, *, content_type: str | None = None) -> FileResponse:
    """Serve ``content`` as an attachment named ``filename``."""
    return FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=filename,
        content_type=content_type or mime_type(filename),
    )


def download_file(file: FieldFile, filename: str, *, content_type: str | None = None) -> FileResponse:
    """Serve a stored file as an attachment; the file is streamed, not read into memory.

    A file missing from storage is a 404, not a server error.
    """
    try:
        handle = file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type=content_type or mime_type(filename),
    )
