"""Generated documents of a training event: the attendance sheet and the certificates (osvědčení)."""

from __future__ import annotations

from pathlib import Path

from django.utils.text import slugify

from spojka.cooperation.models import TerritorialUnit
from spojka.documents.models import DocumentSettings, TemplateKind
from spojka.documents.render import (
    DocumentSpec,
    RenderedDocument,
    publicity_context,
    register,
    render,
    render_pdf,
)
from spojka.lib.czech import HODINA, by_gender, count, date_long, sorted_czech
from spojka.lib.czech import hours as hours_text
from spojka.training.models import Participation, TrainingEvent

DOCX_DIR = Path(__file__).resolve().parent / "docx_templates"


def dates_text(event: TrainingEvent) -> str:
    if event.ends_on and event.ends_on != event.starts_on:
        return f"{date_long(event.starts_on)} – {date_long(event.ends_on)}"
    return date_long(event.starts_on)


def _event(event: TrainingEvent) -> dict:
    return {
        "title": event.title,
        "kind": event.get_kind_display(),
        "delivery": event.get_delivery_display(),
        "dates": dates_text(event),
        "hours": hours_text(event.hours),
        "hours_count": count(event.hours, HODINA),
        "in_person_hours": hours_text(event.in_person_hours),
        "distance_hours": hours_text(event.distance_hours),
        "area": event.area_label or "–",
        "provider": event.provider_label or "–",
        "lecturer": event.lecturer or "–",
        "place": event.place or "–",
    }


def attendance_sheet_context(event: TrainingEvent) -> dict:
    """Participants in Czech alphabetical order, then the unit's number of blank rows."""
    participations = sorted_czech(
        event.participations.select_related("person", "person__organisation"),
        key=lambda p: f"{p.person.last_name} {p.person.first_name}",
    )
    rows = [
        {
            "name": p.person.full_name,
            "organisation": p.person.organisation.name if p.person.organisation_id else "",
            "function": p.person.function,
            "hours": hours_text(p.hours),
        }
        for p in participations
    ]
    blank = DocumentSettings.for_unit(event.unit).attendance_blank_rows
    return {
        "unit": {"name": event.unit.name},
        "event": _event(event),
        "rows": rows,
        "blank_rows": list(range(blank)),
    }


def _sample(unit: TerritorialUnit) -> dict | None:
    event = unit.training_events.order_by("-starts_on").first()
    return attendance_sheet_context(event) if event else None


ATTENDANCE_SHEET = register(
    DocumentSpec(
        kind=TemplateKind.TRAINING_ATTENDANCE_SHEET,
        pdf_template="training/pdf/attendance_sheet.html",
        docx_template=DOCX_DIR / "attendance_sheet.docx",
        sample_context=_sample,
    )
)


def attendance_sheet(event: TrainingEvent, *, fmt: str = "pdf") -> RenderedDocument:
    return render(
        ATTENDANCE_SHEET,
        fmt,
        unit=event.unit,
        context=attendance_sheet_context(event),
        stem=f"prezencni-listina-{slugify(event.title)[:60]}",
    )


def _issuer(event: TrainingEvent) -> dict:
    settings = DocumentSettings.for_unit(event.unit)
    return {
        "organisation": settings.certificate_issuer or event.provider_label or event.unit.name,
        "signatory": settings.certificate_signatory,
        "role": settings.certificate_signatory_role,
    }


def certificate(participation: Participation, *, verification_url: str) -> RenderedDocument:
    event = participation.event
    return render_pdf(
        template_name="training/pdf/certificate.html",
        context={
            "unit": event.unit.name,
            "event": _event(event),
            "name": participation.person.full_name,
            # The verb follows the recorded gender; without one the sentence is worded without a verb
            # that would need it (never "se zúčastnil(a)").
            "attended": by_gender(
                participation.person.grammatical_gender,
                feminine=f"se zúčastnila vzdělávací aktivity „{event.title}“.",
                masculine=f"se zúčastnil vzdělávací aktivity „{event.title}“.",
                neutral=f"Potvrzujeme účast na vzdělávací aktivitě „{event.title}“.",
            ),
            "hours_count": count(participation.hours, HODINA),
            "in_person_hours": hours_text(participation.in_person_hours),
            "distance_hours": hours_text(participation.distance_hours),
            "hours": hours_text(participation.hours),
            "code": participation.certificate_code,
            "verification_url": verification_url,
            "issued": date_long(event.last_day),
            "issuer": _issuer(event),
            "publicity": publicity_context(event.unit),
        },
        filename=f"osvedceni-{slugify(participation.person.full_name)[:60]}.pdf",
    )
