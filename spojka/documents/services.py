"""Writes of the document library: documents and their versions, resolutions, unit templates.

Other apps store their generated files (minutes, attendance sheets, certificates) through
:func:`store_rendered`, so every file a unit produces ends up versioned in one library.
"""

from __future__ import annotations

import hashlib
from datetime import date

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from spojka.cooperation.models import CooperationDescription, TerritorialUnit
from spojka.documents import signing
from spojka.documents.models import (
    HIDDEN_FROM_PARTNERS_BY_DEFAULT,
    Document,
    DocumentSettings,
    DocumentVersion,
    UnitTemplate,
    VersionSignature,
)
from spojka.documents.render import RenderedDocument
from spojka.documents.text import extract_text
from spojka.lib.downloads import PDF
from spojka.lib.uploads import DOCX, safe_filename


def _visible(doc_type: str, visible: bool | None) -> bool:
    # Attendance sheets carry personal data: never shown to partners.
    if doc_type in HIDDEN_FROM_PARTNERS_BY_DEFAULT:
        return False
    return True if visible is None else visible


def version_add(
    *, document: Document, content: bytes, filename: str, content_type: str, user, note: str = ""
) -> DocumentVersion:
    """Append a new numbered version; earlier versions stay untouched."""
    with transaction.atomic():
        # Lock the document so two uploads at once cannot take the same number.
        Document.objects.select_for_update().filter(pk=document.pk).first()
        last = document.versions.aggregate(last=Max("number"))["last"] or 0
        version = DocumentVersion(
            document=document,
            number=last + 1,
            content_type=content_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            created_by=user if getattr(user, "is_authenticated", False) else None,
            note=note,
            text=extract_text(content, content_type),
        )
        version.file.save(safe_filename(filename, content_type), ContentFile(content), save=False)
        version.save()
        if content_type == PDF:
            record_signatures(version=version, content=content)
    return version


def record_signatures(*, version: DocumentVersion, content: bytes) -> list[VersionSignature]:
    """Keep what the PDF's electronic signatures say (who, when, intact), checked once on storing."""
    return VersionSignature.objects.bulk_create(
        VersionSignature(
            version=version,
            field_name=found.field_name,
            signer=found.signer,
            signed_at=found.signed_at,
            intact=found.intact,
            unchanged_after=found.unchanged_after,
        )
        for found in signing.signatures(content)
    )


def version_sign(
    *, version: DocumentVersion, pkcs12: bytes, passphrase: str, reason: str, location: str, user
) -> DocumentVersion:
    """Sign a PDF version with the signer's certificate; the signed file is the next version.

    The certificate and its password live only in this call: nothing of them is stored or logged.
    """
    if version.content_type != PDF:
        raise signing.SigningError(_("Podepsat lze jen verzi ve formátu PDF."), field="")
    with version.file.open("rb") as handle:
        content = handle.read()
    signed = signing.sign_pdf(content, pkcs12=pkcs12, passphrase=passphrase, reason=reason, location=location)
    stem = version.filename.rsplit(".", 1)[0]
    return version_add(
        document=version.document,
        content=signed,
        filename=f"{stem}-podepsano.pdf",
        content_type=PDF,
        user=user,
        note=_("Elektronicky podepsaná verze %(n)s, jak byla podána") % {"n": version.number},
    )


def document_create(
    *,
    unit: TerritorialUnit,
    doc_type: str,
    title: str,
    issued_on: date | None,
    description: CooperationDescription | None,
    visible_to_partners: bool | None,
    content: bytes,
    filename: str,
    content_type: str,
    user,
    subject: models.Model | None = None,
) -> Document:
    with transaction.atomic():
        document = Document.objects.create(
            unit=unit,
            doc_type=doc_type,
            title=title,
            issued_on=issued_on,
            description=description,
            subject=subject,
            visible_to_partners=_visible(doc_type, visible_to_partners),
        )
        version_add(
            document=document, content=content, filename=filename, content_type=content_type, user=user
        )
    return document


def store_rendered(
    *,
    unit: TerritorialUnit,
    rendered: RenderedDocument,
    doc_type: str,
    title: str,
    user,
    issued_on: date | None = None,
    description: CooperationDescription | None = None,
    subject: models.Model | None = None,
    visible_to_partners: bool | None = None,
) -> DocumentVersion:
    """Keep a generated document in the library exactly as it was produced.

    The same document (unit, type, title and subject) gets a new version, so what went to the
    council stays next to what was generated before.
    """
    lookup: dict = {"doc_type": doc_type, "title": title, "description": description}
    if subject is not None:
        from django.contrib.contenttypes.models import ContentType

        lookup |= {"content_type": ContentType.objects.get_for_model(subject), "object_id": subject.pk}
    with transaction.atomic():
        document = unit.documents.filter(**lookup).first()
        if document is None:
            document = Document.objects.create(
                unit=unit,
                issued_on=issued_on,
                subject=subject,
                visible_to_partners=_visible(doc_type, visible_to_partners),
                **{k: v for k, v in lookup.items() if k not in ("content_type", "object_id")},
            )
        elif issued_on and document.issued_on != issued_on:
            document.issued_on = issued_on
            document.save(update_fields=["issued_on", "updated_at"])
        return version_add(
            document=document,
            content=rendered.content,
            filename=rendered.filename,
            content_type=rendered.content_type,
            user=user,
        )


def template_replace(
    *, unit: TerritorialUnit, kind: str, content: bytes, filename: str, user
) -> UnitTemplate:
    """Store the unit's own DOCX template of ``kind`` (already checked to render)."""
    with transaction.atomic():
        template = unit.document_templates.filter(kind=kind).first() or UnitTemplate(unit=unit, kind=kind)
        template.uploaded_by = user
        template.file.save(safe_filename(filename, DOCX), ContentFile(content), save=False)
        template.save()
    return template


def template_reset(*, unit: TerritorialUnit, kind: str) -> None:
    """Go back to the built-in template; the uploaded file leaves storage with its row (django-cleanup)."""
    for template in unit.document_templates.filter(kind=kind):
        template.delete()


@transaction.atomic
def settings_save(*, form, unit: TerritorialUnit) -> DocumentSettings:
    """Save the unit's document settings from a valid form; a new logo is stored with its type."""
    settings = form.save(commit=False)
    settings.unit = unit
    if form.upload_content_type:
        settings.publicity_logo_type = form.upload_content_type
    if not settings.publicity_logo:
        settings.publicity_logo_type = ""
    settings.save()
    return settings
