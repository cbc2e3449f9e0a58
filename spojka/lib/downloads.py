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


# The extension a file of each type is stored and downloaded with (the first one listed above).
EXTENSIONS = {content_type: extension for extension, content_type in reversed(MIME_TYPES.items())}


def mime_type(filename: str) -> str:
    return MIME_TYPES.get(PurePath(filename).suffix.lower(), "application/octet-stream")


def extension_for(content_type: str) -> str | None:
    """ ".pdf" for a PDF; None for a type Spojka does not know."""
    return EXTENSIONS.get(content_type)


def _named_for(filename: str, content_type: str | None) -> str:
    """``filename`` with the extension of ``content_type``: what comes back is what was checked."""
    extension = extension_for(content_type) if content_type else None
    if extension is None or PurePath(filename).suffix.lower() == extension:
        return filename
    stem = PurePath(filename).stem if PurePath(filename).suffix else filename
    return f"{stem}{extension}"


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

    A file missing from storage is a 404, not a server error. With ``content_type`` (the type
    checked at upload) the name's extension follows it, also for files stored before names did.
    """
    try:
        handle = file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=_named_for(filename, content_type),
        content_type=content_type or mime_type(filename),
    )
