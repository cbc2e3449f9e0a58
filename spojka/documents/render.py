"""One mechanism for every generated document.

An app that generates a document declares a :class:`DocumentSpec` (its kind, its HTML template for
the PDF and its built-in Word template for the DOCX) and renders it with :func:`render`:

* PDF from HTML: a Django template rendered to HTML, then WeasyPrint;
* DOCX from a Word template (docxtpl): the unit's own uploaded template of that kind if it has one,
  else the built-in template kept in the repository.

A renderer returns a :class:`RenderedDocument` (file name, content type, bytes).
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.cooperation.models import TerritorialUnit
from spojka.cooperation.validity import current_description
from spojka.documents.models import DocumentSettings
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
    spec: DocumentSpec,
    fmt: str,
    *,
    unit: TerritorialUnit,
    context: dict,
    stem: str,
    archival: bool = False,
) -> RenderedDocument:
    """Render a document of ``spec`` as ``fmt`` ("pdf" or "docx") into ``<stem>.<fmt>``.

    ``archival`` asks for PDF/A (a document filed into the library); see :func:`render_pdf`.
    """
    filename = f"{stem}.{check_format(fmt)}"
    if fmt == "pdf":
        return render_pdf(
            template_name=spec.pdf_template,
            context={**context, "publicity": publicity_context(unit)},
            filename=filename,
            archival=archival,
        )
    return render_docx(
        template=template_source(unit, spec),
        context={**context, "publicity": publicity_context(unit)},
        filename=filename,
    )


# Every generated PDF is tagged (a structure tree, reading order, document language), because public
# bodies must publish accessible documents: PDF/UA-1. A document kept in the library is PDF/A-3a,
# the archival standard whose level "a" is itself tagged and accessible.
PDF_VARIANT = "pdf/ua-1"
PDF_ARCHIVAL_VARIANT = "pdf/a-3a"


def render_pdf(
    *, template_name: str, context: dict, filename: str, archival: bool = False
) -> RenderedDocument:
    """Render a Django template to HTML, then to a tagged PDF with WeasyPrint.

    The template should extend ``documents/pdf_base.html`` (A4, DejaVu fonts, which carry every
    Czech diacritic, ``lang="cs"``, a title and metadata). Nothing is fetched from outside: the base
    URL is the project's own folder.
    """
    from weasyprint import HTML  # imported lazily: loading Pango costs time at start-up

    html = breakable(render_to_string(template_name, context))
    base_url = str(Path(settings.BASE_DIR) / "spojka")
    content = HTML(string=html, base_url=base_url).write_pdf(
        pdf_variant=PDF_ARCHIVAL_VARIANT if archival else PDF_VARIANT
    )
    return RenderedDocument(filename=filename, content_type=PDF, content=content)


def publicity_context(unit: TerritorialUnit) -> dict:
    """The publicity footer the unit's project requires on its outputs (project, reg. number, logo).

    Taken from the unit's cooperation description in force today (else its newest); the logo is the unit's optional upload,
    embedded as a data URI so WeasyPrint never fetches anything.
    """
    settings_ = DocumentSettings.for_unit(unit)
    if not settings_.show_publicity:
        return {"shown": False, "text": "", "logo": ""}
    description = (
        current_description(unit, timezone.localdate()) or unit.descriptions.order_by("-version").first()
    )
    parts = []
    if description is not None and description.project_name:
        parts.append(_("Projekt %(name)s") % {"name": description.project_name})
        if description.project_registration_number:
            parts.append(_("reg. č. %(n)s") % {"n": description.project_registration_number})
    logo = ""
    if settings_.publicity_logo:
        with settings_.publicity_logo.open("rb") as handle:
            encoded = base64.b64encode(handle.read()).decode()
        logo = f"data:{settings_.publicity_logo_type or 'image/png'};base64,{encoded}"
    text = ", ".join(parts)
    return {"shown": bool(text or logo), "text": text, "logo": logo}


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
    context = _with_docx_logo(document, context)
    env = BudgetedSandbox(autoescape=True, undefined=StrictUndefined if strict else Undefined)
    document.render(context, jinja_env=env, autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return RenderedDocument(filename=filename, content_type=DOCX, content=buffer.getvalue())


def _with_docx_logo(document, context: dict) -> dict:
    """The publicity logo (a data URI for the PDF) as an image docxtpl can place in the DOCX."""
    publicity = context.get("publicity")
    if not isinstance(publicity, dict) or not str(publicity.get("logo", "")).startswith("data:"):
        return context
    from docx.shared import Mm
    from docxtpl import InlineImage

    encoded = publicity["logo"].split(",", 1)[1]
    image = InlineImage(document, io.BytesIO(base64.b64decode(encoded)), height=Mm(12))
    return {**context, "publicity": {**publicity, "logo": image}}
