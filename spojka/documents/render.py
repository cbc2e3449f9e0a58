"""One mechanism for every generated document.

A renderer returns a :class:`RenderedDocument` (file name, content type, bytes):

* PDF from HTML: a Django template rendered to HTML, then WeasyPrint;
* DOCX from a Word template kept in the repository (docxtpl), which users can open and adapt.

Meetings (attendance sheet, minutes), training (certificates) and the official reports all use it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class RenderedDocument:
    filename: str
    content_type: str
    content: bytes


def render_pdf(*, template_name: str, context: dict, filename: str) -> RenderedDocument:
    """Render a Django template to HTML, then to PDF with WeasyPrint.

    The template should extend ``documents/pdf_base.html`` (A4, Czech hyphenation, DejaVu fonts,
    which carry every Czech diacritic). Nothing is fetched from outside: the base URL is the
    project's own static folder.
    """
    from weasyprint import HTML  # imported lazily: loading Pango costs time at start-up

    html = render_to_string(template_name, context)
    base_url = str(Path(settings.BASE_DIR) / "spojka")
    content = HTML(string=html, base_url=base_url).write_pdf()
    return RenderedDocument(filename=filename, content_type=PDF, content=content)


def render_docx(
    *, template: Path | str | bytes, context: dict, filename: str, strict: bool = False
) -> RenderedDocument:
    """Fill a DOCX template (Jinja tags inside Word, see docxtpl) with ``context``.

    Units may upload their own templates, so the Jinja environment is sandboxed: a template can
    read the context but cannot reach Python internals. ``strict`` makes an unknown variable an
    error instead of an empty string; it is used to check an uploaded template before accepting it.
    """
    from docxtpl import DocxTemplate
    from jinja2 import StrictUndefined, Undefined
    from jinja2.sandbox import SandboxedEnvironment

    source = io.BytesIO(template) if isinstance(template, bytes) else str(template)
    document = DocxTemplate(source)
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined if strict else Undefined)
    document.render(context, jinja_env=env, autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return RenderedDocument(filename=filename, content_type=DOCX, content=buffer.getvalue())


def as_response(document: RenderedDocument):
    """An HTTP download of a rendered document."""
    from django.http import HttpResponse

    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = _content_disposition(document.filename)
    return response


def _content_disposition(filename: str) -> str:
    from urllib.parse import quote

    ascii_name = filename.encode("ascii", "ignore").decode() or "dokument"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
