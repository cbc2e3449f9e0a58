"""This app's URLs in the URL × role matrix (see spojka/core/tests/test_matrix.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from spojka.testing.matrix_kinds import PUBLIC, UNIT_READ, UNIT_WRITE, Entry, unit_kwargs

MATRIX_FILE = "matrix/vzdelavani-matice.pdf"
# A minimal PDF: enough for the content sniffing of uploads and for a download.
TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def build(world) -> None:
    """A training event with one participant (a person of the unit) and one material."""
    from spojka.partnership.models import Person
    from spojka.training.models import Participation, TrainingEvent, TrainingMaterial

    # One file shared by every matrix case: the suite must not leave a file per case behind.
    if not default_storage.exists(MATRIX_FILE):
        default_storage.save(MATRIX_FILE, ContentFile(TINY_PDF))
    world.training_person = Person.objects.create(
        unit=world.unit, first_name="Jana", last_name="Školená", email="jana.skolena@example.org"
    )
    world.training_event = TrainingEvent.objects.create(
        unit=world.unit,
        title="Dluhové poradenství",
        starts_on=date(2022, 3, 1),
        in_person_hours=Decimal(6),
    )
    world.training_participation = Participation.objects.create(
        unit=world.unit,
        event=world.training_event,
        person=world.training_person,
        in_person_hours=Decimal(6),
    )
    world.training_material = TrainingMaterial.objects.create(
        unit=world.unit,
        event=world.training_event,
        title="Prezentace",
        file=MATRIX_FILE,
        filename="prezentace.pdf",
        content_type="application/pdf",
        size=len(TINY_PDF),
    )


def event_kwargs(w) -> dict:
    return {"unit": w.unit.slug, "pk": w.training_event.pk}


def participant_kwargs(w) -> dict:
    return {**event_kwargs(w), "participant": w.training_participation.pk}


def material_kwargs(w) -> dict:
    return {**event_kwargs(w), "material": w.training_material.pk}


ENTRIES = {
    "training:event_list": Entry(UNIT_READ, unit_kwargs),
    "training:event_export": Entry(UNIT_READ, unit_kwargs),
    "training:event_create": Entry(UNIT_WRITE, unit_kwargs),
    "training:event_detail": Entry(UNIT_READ, event_kwargs),
    "training:event_edit": Entry(UNIT_WRITE, event_kwargs),
    "training:event_delete": Entry(UNIT_WRITE, event_kwargs, method="POST"),
    # Documents and lists with personal data: writers only (a partner gets 403, like a write).
    "training:attendance_sheet": Entry(UNIT_WRITE, lambda w: {**event_kwargs(w), "fmt": "docx"}),
    "training:participant_template": Entry(UNIT_WRITE, unit_kwargs),
    "training:participant_export": Entry(UNIT_WRITE, event_kwargs),
    "training:participant_add": Entry(UNIT_WRITE, event_kwargs),
    "training:participant_bulk_add": Entry(UNIT_WRITE, event_kwargs),
    "training:participant_import": Entry(UNIT_WRITE, event_kwargs),
    "training:participant_edit": Entry(UNIT_WRITE, participant_kwargs),
    "training:participant_delete": Entry(UNIT_WRITE, participant_kwargs, method="POST"),
    "training:certificate": Entry(UNIT_WRITE, participant_kwargs),
    "training:certificate_revoke": Entry(UNIT_WRITE, participant_kwargs, method="POST"),
    "training:material_upload": Entry(UNIT_WRITE, event_kwargs),
    "training:material_download": Entry(UNIT_READ, material_kwargs),
    "training:material_delete": Entry(UNIT_WRITE, material_kwargs, method="POST"),
    # Public: whoever holds a certificate may check it, signed in or not, of any unit.
    "training:verify": Entry(
        PUBLIC,
        lambda w: {"code": w.training_participation.certificate_code},
        overrides={
            p: {200} for p in ("anonymous", "agency_admin", "consultant", "editor", "partner", "outsider")
        },
    ),
}
