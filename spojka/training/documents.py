"""Generated documents of a training event: the attendance sheet and the certificates (osvědčení)."""

from __future__ import annotations

from django.utils.text import slugify

from spojka.documents.render import RenderedDocument, render_pdf
from spojka.lib.czech import HODINA, by_gender, count, date_long
from spojka.lib.czech import hours as hours_text
from spojka.training.models import Participation, TrainingEvent


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
        "in_person_hours": hours_text(event.in_person_hours),
        "distance_hours": hours_text(event.distance_hours),
        "area": event.area_label or "–",
        "provider": event.provider_label or "–",
        "lecturer": event.lecturer or "–",
        "place": event.place or "–",
    }


def attendance_sheet(event: TrainingEvent) -> RenderedDocument:
    participations = event.participations.select_related("person", "person__organisation")
    rows = [
        {
            "name": p.person.full_name,
            "organisation": p.person.organisation.name if p.person.organisation_id else "",
            "function": p.person.function,
            "hours": hours_text(p.hours),
        }
        for p in participations
    ]
    return render_pdf(
        template_name="training/pdf/attendance_sheet.html",
        context={"unit": event.unit.name, "event": _event(event), "rows": rows, "blank_rows": range(5)},
        filename=f"prezencni-listina-{slugify(event.title)[:60]}.pdf",
    )


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
        },
        filename=f"osvedceni-{slugify(participation.person.full_name)[:60]}.pdf",
    )
