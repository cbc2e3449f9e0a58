"""One mechanism for every generated document.

An app that generates a document declares a :class:`DocumentSpec` (its kind, its HTML template for
the PDF and its built-in Word template for the DOCX) and renders it with :func:`render`:

* PDF from HTML: a Django template rendered to HTML, then WeasyPrint;
* DOCX from a Word template (docxtpl): the unit's own uploaded template of that kind if it has one,
  else the built-in template kept in the repository.

A renderer returns a :class:`RenderedDocument` (file name, content type, bytes).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.template.loader import render_to_string

from spojka.cooperation.models import TerritorialUnit
from spojka.documents.template_budget import BudgetedSandbox
from spojka.lib.downloads import DOCX, PDF, download

FORMATS = ("pdf", "docx")
FORMAT_CHOICES = [("pdf", "PDF"), ("docx", "DOCX")]


@dataclass(frozen=True)
class RenderedDocument:
    filename: str
    content_type: str
    content: bytes

    def as_download(self):
        """An HTTP download of this document."""
        return download(self.content, self.filename, content_type=self.content_type)


@dataclass(frozen=True)
class DocumentSpec:
    """A kind of generated document (``TemplateKind``) and its built-in templates.

    ``sample_context(unit)`` gives the unit's own data for checking an uploaded Word template
    (None when the unit has nothing to fill it with yet).
    """

    kind: str
    pdf_template: str
    docx_template: Path
    sample_context: Callable[[TerritorialUnit], dict | None]


_SPECS: dict[str, DocumentSpec] = {}


def register(spec: DocumentSpec) -> DocumentSpec:
    """Declare a kind of generated document; its app calls this when it is loaded."""
    _SPECS[spec.kind] = spec
    return spec


def registered() -> set[str]:
    """The kinds of generated documents the apps declare."""
    return set(_SPECS)


def spec_for(kind: str) -> DocumentSpec:
    """The spec of ``kind``; 404 for a kind no app declares (the kind comes from a URL)."""
    try:
        return _SPECS[kind]
    except KeyError:
        raise Http404 from None


def check_format(fmt: str) -> str:
    """``fmt`` if it is a format documents are generated in; 404 otherwise (it comes from a URL)."""
    if fmt not in FORMATS:
        raise Http404
    return fmt


def template_source(unit: TerritorialUnit, spec: DocumentSpec) -> Path | bytes:
    """The unit's uploaded DOCX template of the spec's kind if it has one, else the built-in one."""
    custom = unit.document_templates.filter(kind=spec.kind).first()
    if custom is not None:
        with custom.file.open("rb") as handle:
            return handle.read()
    return spec.docx_template


def render(
    spec: DocumentSpec, fmt: str, *, unit: TerritorialUnit, context: dict, stem: str
) -> RenderedDocument:
    """Render a document of ``spec`` as ``fmt`` ("pdf" or "docx") into ``<stem>.<fmt>``."""
    filename = f"{stem}.{check_format(fmt)}"
    if fmt == "pdf":
        return render_pdf(template_name=spec.pdf_template, context=context, filename=filename)
    return render_docx(template=template_source(unit, spec), context=context, filename=filename)


def render_pdf(*, template_name: str, context: dict, filename: str) -> RenderedDocument:
    """Render a Django template to HTML, then to PDF with WeasyPrint.

    The template should extend ``documents/pdf_base.html`` (A4, Czech hyphenation, DejaVu fonts,
    which carry every Czech diacritic). Nothing is fetched from outside: the base URL is the
    project's own static folder.
    """
    from weasyprint import HTML  # imported lazily: loading Pango costs time at start-up

    html = breakable(render_to_string(template_name, context))
    base_url = str(Path(settings.BASE_DIR) / "spojka")
    content = HTML(string=html, base_url=base_url).write_pdf()
    return RenderedDocument(filename=filename, content_type=PDF, content=content)


# WeasyPrint's line breaking grows far faster than linearly with the length of an unbreakable
# token, above all in a table cell with hyphenation: one pasted 3,000-character string held a worker
# for half a minute. Longer tokens get a zero-width break opportunity every _TOKEN_PIECE characters
# and no hyphenation; what the reader sees is the same text, wrapped.
# A character of text, an HTML entity counting as one.
_UNIT = r"(?:&#?\w+;|[^\s<>&\u200b])"
_LONG_TOKEN = re.compile(_UNIT + "{61,}")
_UNITS = re.compile(_UNIT)
_TEXT_NODE = re.compile(r">([^<]+)<")
_TOKEN_PIECE = 30


def breakable(html: str) -> str:
    """``html`` with every long unbroken token in its text made breakable (never inside tags)."""

    def pieces(match: re.Match) -> str:
        units = _UNITS.findall(match.group(0))
        parts = ("".join(units[i : i + _TOKEN_PIECE]) for i in range(0, len(units), _TOKEN_PIECE))
        return '<span class="long-token">' + "\u200b".join(parts) + "</span>"

    return _TEXT_NODE.sub(lambda node: ">" + _LONG_TOKEN.sub(pieces, node.group(1)) + "<", html)


def render_docx(
    *, template: Path | str | bytes, context: dict, filename: str, strict: bool = False
) -> RenderedDocument:
    """Fill a DOCX template (Jinja tags inside Word, see docxtpl) with ``context``.

    Units may upload their own templates, so the Jinja environment is sandboxed: a template can
    read the context but cannot reach Python internals, and it has a budget of loop steps, sizes and
    time (``template_budget``; exceeding it raises ``TemplateTooExpensive``). ``strict`` makes an
    unknown variable an error instead of an empty string; it is used to check an uploaded template
    before accepting it.
    """
    from docxtpl import DocxTemplate
    from jinja2 import StrictUndefined, Undefined

    source = io.BytesIO(template) if isinstance(template, bytes) else str(template)
    document = DocxTemplate(source)
    env = BudgetedSandbox(autoescape=True, undefined=StrictUndefined if strict else Undefined)
    document.render(context, jinja_env=env, autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return RenderedDocument(filename=filename, content_type=DOCX, content=buffer.getvalue())
