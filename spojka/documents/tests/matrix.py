from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from spojka.documents.demo import placeholder_pdf
from spojka.documents.models import Document, DocumentType, DocumentVersion, Resolution, TemplateKind
from spojka.testing.matrix_kinds import UNIT_READ, UNIT_WRITE, Entry, description_kwargs, unit_kwargs

MATRIX_FILE = "matrix/dokument-matice.pdf"


def build(world) -> None:
    """A document visible to partners with one version, and a resolution."""
    # One file shared by every matrix case: the suite must not leave a file per case behind.
    if not default_storage.exists(MATRIX_FILE):
        default_storage.save(MATRIX_FILE, ContentFile(placeholder_pdf("Matice")))
    world.document = Document.objects.create(
        unit=world.unit,
        doc_type=DocumentType.MINUTES,
        title="Záznam z jednání LP",
        description=world.description,
    )
    world.document_version = DocumentVersion.objects.create(
        document=world.document, number=1, file=MATRIX_FILE, content_type="application/pdf", size=100
    )
    world.resolution = Resolution.objects.create(
        unit=world.unit, number="1/21-RM", adopted_on=world.description.valid_from, subject="Schválení"
    )


def document_kwargs(w) -> dict:
    return {"unit": w.unit.slug, "pk": w.document.pk}


def description_fmt(fmt: str):
    return lambda w: {**description_kwargs(w), "fmt": fmt}


def report_fmt(fmt: str):
    return lambda w: {"unit": w.unit.slug, "year": 2022, "fmt": fmt}


def template_kwargs(w) -> dict:
    return {"unit": w.unit.slug, "kind": TemplateKind.ANNUAL_REPORT}


ENTRIES = {
    "documents:library": Entry(UNIT_READ, unit_kwargs),
    "documents:library_export": Entry(UNIT_READ, unit_kwargs),
    "documents:create": Entry(UNIT_WRITE, unit_kwargs),
    "documents:detail": Entry(UNIT_READ, document_kwargs),
    "documents:edit": Entry(UNIT_WRITE, document_kwargs),
    "documents:version_create": Entry(UNIT_WRITE, document_kwargs),
    "documents:download": Entry(UNIT_READ, lambda w: {**document_kwargs(w), "number": 1}),
    "documents:resolution_list": Entry(UNIT_READ, unit_kwargs),
    "documents:resolution_create": Entry(UNIT_WRITE, unit_kwargs),
    "documents:settings": Entry(UNIT_WRITE, unit_kwargs),
    "documents:version_sign": Entry(UNIT_WRITE, lambda w: {**document_kwargs(w), "number": 1}),
    "documents:template_list": Entry(UNIT_READ, unit_kwargs),
    "documents:template_upload": Entry(UNIT_WRITE, template_kwargs),
    "documents:template_download": Entry(UNIT_WRITE, template_kwargs),
    "documents:template_reset": Entry(UNIT_WRITE, template_kwargs, method="POST"),
}
