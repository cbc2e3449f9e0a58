from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.cooperation import validity
from spojka.cooperation.models import CooperationDescription, TerritorialUnit
from spojka.cooperation.tenancy import unit_view
from spojka.documents.render import check_format
from spojka.lib import evidence
from spojka.lib import xlsx as sheet
from spojka.lib.czech import plural_form
from spojka.lib.downloads import download, download_file
from spojka.lib.forms import search_query
from spojka.lib.search import search
from spojka.lib.uploads import safe_filename
from spojka.lib.urls import absolute_url
from spojka.training import documents, services, xlsx
from spojka.training.forms import (
    BulkParticipantsForm,
    MaterialForm,
    ParticipantImportForm,
    ParticipationForm,
    TrainingEventForm,
)
from spojka.training.models import Participation, TrainingEvent
from spojka.trash.views import confirm_delete

# Attendance sheets, certificates and participant lists carry personal data; they are for the
# people who run the unit's work (writers), not for read-only partners.
personal_data_view = unit_view(write=True)


def _event_or_404(unit: TerritorialUnit, pk: int) -> TrainingEvent:
    return get_object_or_404(unit.training_events.select_related("unit", "thematic_area"), pk=pk)


def _participation_or_404(event: TrainingEvent, pk: int) -> Participation:
    return get_object_or_404(event.participations.select_related("person", "event", "event__unit"), pk=pk)


def _chosen_description(
    request: HttpRequest, unit: TerritorialUnit
) -> tuple[list, CooperationDescription | None]:
    """The unit's descriptions and the one whose indicator is shown (?popis=<pk>, else the newest)."""
    descriptions = list(unit.descriptions.select_related("unit").order_by("-version"))
    chosen = descriptions[0] if descriptions else None
    wanted = request.GET.get("popis", "")
    if wanted.isdigit():
        chosen = next((d for d in descriptions if d.pk == int(wanted)), chosen)
    return descriptions, chosen


# --- Events ------------------------------------------------------------------------------------


def _filtered_events(request: HttpRequest, unit: TerritorialUnit):
    """The training list as filtered by ``q``; the list and its export share it."""
    query = search_query(request.GET.get("q"))
    events = (
        unit.training_events.select_related("thematic_area")
        .annotate(participant_count=Count("participations"))
        .order_by("-starts_on", "-pk")
    )
    return query, search(events, query, ["title", "lecturer", "place", "provider_name"])


@unit_view()
def event_export(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    """The training events as XLSX, filtered as the list is."""
    _query, events = _filtered_events(request, unit)
    columns = [
        sheet.Column(_("Název"), width=44, wrap=True),
        sheet.Column(_("Začátek"), "date", 12),
        sheet.Column(_("Konec"), "date", 12),
        sheet.Column(_("Druh"), width=16),
        sheet.Column(_("Forma"), width=14),
        sheet.Column(_("Hodin celkem"), "decimal", 10),
        sheet.Column(_("Prezenčních hodin"), "decimal", 10),
        sheet.Column(_("Distančních hodin"), "decimal", 10),
        sheet.Column(_("Účastníků"), "int", 10),
        sheet.Column(_("Tematická oblast"), width=30),
        sheet.Column(_("Lektor"), width=24),
        sheet.Column(_("Místo konání"), width=24),
    ]
    rows = (
        [
            e.title,
            e.starts_on,
            e.ends_on or e.starts_on,
            e.get_kind_display(),
            e.get_delivery_display(),
            e.hours,
            e.in_person_hours,
            e.distance_hours,
            e.participant_count,
            e.area_label,
            e.lecturer,
            e.place,
        ]
        for e in events
    )
    return sheet.response(_("Vzdělávání"), columns, rows, f"vzdelavani-{unit.slug}.xlsx")


@unit_view()
def event_list(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    query, events = _filtered_events(request, unit)
    descriptions, description = _chosen_description(request, unit)
    result = services.training_indicator(description=description) if description else None
    return render(
        request,
        "training/event_list.html",
        {
            "unit": unit,
            "events": events,
            "query": query,
            "descriptions": descriptions,
            "description": description,
            "result": result,
            # A validity already over is judged, not "not yet met".
            "period_closed": bool(
                description and description.valid_to and description.valid_to < timezone.localdate()
            ),
            # (row, raw hours): total mode shows what each person earned, before any cap.
            "people_rows": [(row, row.in_person + row.distance) for row in result.people] if result else [],
        },
    )


@unit_view(write=True)
def event_create(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    return _event_form(request, unit, TrainingEvent(unit=unit))


@unit_view(write=True)
def event_edit(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    return _event_form(request, unit, _event_or_404(unit, pk))


def _event_form(request: HttpRequest, unit: TerritorialUnit, event: TrainingEvent) -> HttpResponse:
    form = TrainingEventForm(request.POST or None, instance=event, unit=unit)
    if request.method == "POST" and form.is_valid():
        event = form.save(commit=False)
        event.unit = unit
        event.save()
        messages.success(request, _("Vzdělávací aktivita byla uložena."))
        warning = _outside_validity(unit, event.ends_on or event.starts_on)
        if warning:
            messages.warning(request, warning)
        return redirect(event)
    cleaned = getattr(form, "cleaned_data", {})
    day = cleaned.get("ends_on") or cleaned.get("starts_on") or event.ends_on or event.starts_on
    return render(
        request,
        "training/event_form.html",
        {"unit": unit, "form": form, "event": event, "validity_warning": _outside_validity(unit, day)},
    )


def _outside_validity(unit: TerritorialUnit, day) -> str:
    return validity.outside_validity_warning(unit, day, _("Vzdělávací akce"))


@unit_view()
def event_detail(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    event = _event_or_404(unit, pk)
    participations = event.participations.select_related("person", "person__organisation")
    return render(
        request,
        "training/event_detail.html",
        {
            "unit": unit,
            "event": event,
            "participations": participations,
            "materials": event.materials.all(),
            "history": services.event_history(event=event),
            "counted_toward": validity.covering(
                validity.descriptions_for_flags(unit), event.ends_on or event.starts_on
            ),
            "counted_as": evidence.counted_as_evidence(unit=unit, kind=evidence.TRAINING, object_id=event.pk),
            "counted_as_item": f"{evidence.TRAINING}:{event.pk}",
            "show_object": True,
        },
    )


def _event_delete_question(event: TrainingEvent, participants: int) -> str:
    values = {"title": event.title, "n": participants}
    if participants == 0:
        return _("Smazat vzdělávací aktivitu „%(title)s“?") % values
    return {
        "one": _("Smazat vzdělávací aktivitu „%(title)s“ a %(n)s účastníka a jeho osvědčení?"),
        "few": _("Smazat vzdělávací aktivitu „%(title)s“ a %(n)s účastníky a jejich osvědčení?"),
        "many": _("Smazat vzdělávací aktivitu „%(title)s“ a %(n)s účastníků a jejich osvědčení?"),
    }[plural_form(participants, ("one", "few", "many"))] % values


@unit_view(write=True)
def event_delete(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    """Participations and materials go with the event, into the trash; certificates stop verifying
    until it is restored. Material files stay in storage until the trash is purged."""
    event = _event_or_404(unit, pk)
    return confirm_delete(
        request,
        unit=unit,
        obj=event,
        question=_event_delete_question(event, event.participations.count()),
        back_url=event.get_absolute_url(),
        done_url=reverse("training:event_list", kwargs={"unit": unit.slug}),
        restore_path=event.get_absolute_url(),
    )


# --- Participants ------------------------------------------------------------------------------


@unit_view(write=True)
def participant_add(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    event = _event_or_404(unit, pk)
    return _participant_form(request, unit, event, Participation(event=event, unit=unit))


@unit_view(write=True)
def participant_bulk_add(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    event = _event_or_404(unit, pk)
    form = BulkParticipantsForm(request.POST if request.method == "POST" else None, event=event)
    if request.method == "POST" and form.is_valid():
        added = services.participants_add_whole_event(event=event, people=form.cleaned_data["people"])
        messages.success(request, _("Přidáno účastníků: %(n)s.") % {"n": len(added)})
        return redirect(event)
    return render(
        request, "training/participant_bulk_form.html", {"unit": unit, "event": event, "form": form}
    )


@unit_view(write=True)
def participant_edit(request: HttpRequest, unit: TerritorialUnit, pk: int, participant: int) -> HttpResponse:
    event = _event_or_404(unit, pk)
    return _participant_form(request, unit, event, _participation_or_404(event, participant))


def _participant_form(request, unit: TerritorialUnit, event: TrainingEvent, participation: Participation):
    form = ParticipationForm(request.POST or None, instance=participation, event=event)
    if request.method == "POST" and form.is_valid():
        services.participation_save(
            participation=participation,
            event=event,
            person=form.cleaned_data["person"],
            in_person_hours=form.cleaned_data["in_person_hours"],
            distance_hours=form.cleaned_data["distance_hours"],
        )
        messages.success(request, _("Účastník byl uložen."))
        if "another" in request.POST:
            return redirect("training:participant_add", unit=unit.slug, pk=event.pk)
        return redirect(event)
    return render(
        request,
        "training/participant_form.html",
        {"unit": unit, "event": event, "form": form, "participation": participation},
    )


@unit_view(write=True)
def participant_delete(
    request: HttpRequest, unit: TerritorialUnit, pk: int, participant: int
) -> HttpResponse:
    event = _event_or_404(unit, pk)
    participation = _participation_or_404(event, participant)
    question = _("Odebrat účastníka %(name)s z akce „%(title)s“ i s jeho hodinami a osvědčením?") % {
        "name": participation.person.full_name,
        "title": event.title,
    }
    return confirm_delete(
        request,
        unit=unit,
        obj=participation,
        question=question,
        back_url=event.get_absolute_url(),
        done_url=event.get_absolute_url(),
        restore_path=event.get_absolute_url(),
    )


@unit_view(write=True)
def certificate_revoke(
    request: HttpRequest, unit: TerritorialUnit, pk: int, participant: int
) -> HttpResponse:
    """Revoke a certificate (or restore it): the public verification page then says it is not valid.
    Revoking asks first (GET shows what it means); restoring acts at once."""
    event = _event_or_404(unit, pk)
    participation = _participation_or_404(event, participant)
    if request.method != "POST":
        return render(
            request,
            "training/certificate_revoke.html",
            {"unit": unit, "event": event, "participation": participation},
        )
    participation.certificate_revoked = not participation.certificate_revoked
    participation.save(update_fields=["certificate_revoked", "updated_at"])
    if participation.certificate_revoked:
        messages.success(request, _("Osvědčení bylo zneplatněno."))
    else:
        messages.success(request, _("Osvědčení je opět platné."))
    return redirect(event)


@personal_data_view
def participant_export(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    event = _event_or_404(unit, pk)
    return download(xlsx.participants_xlsx(event=event), f"ucastnici-{event.pk}.xlsx")


@personal_data_view
def participant_template(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    return download(xlsx.template_xlsx(), "sablona-ucastniku.xlsx")


@unit_view(write=True)
def participant_import(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    event = _event_or_404(unit, pk)
    form = ParticipantImportForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = xlsx.participants_import(event=event, data=form.cleaned_data["upload"].read())
        if outcome.ok:
            messages.success(
                request,
                _("Import proběhl: přidáno %(a)s účastníků, upraveno %(u)s.")
                % {"a": outcome.added, "u": outcome.updated},
            )
            return redirect(event)
        form.add_error("upload", _("Soubor obsahuje chyby; nic nebylo naimportováno. Opravte řádky níže."))
    return render(
        request,
        "training/participant_import.html",
        {"unit": unit, "event": event, "form": form, "outcome": outcome},
        status=422 if outcome is not None else 200,
    )


# --- Documents -------------------------------------------------------------------------------


@personal_data_view
def attendance_sheet(request: HttpRequest, unit: TerritorialUnit, pk: int, fmt: str) -> HttpResponse:
    return documents.attendance_sheet(_event_or_404(unit, pk), fmt=check_format(fmt)).as_download()


@personal_data_view
def certificate(request: HttpRequest, unit: TerritorialUnit, pk: int, participant: int) -> HttpResponse:
    event = _event_or_404(unit, pk)
    participation = _participation_or_404(event, participant)
    if participation.certificate_revoked:
        messages.error(request, _("Osvědčení bylo zneplatněno; nejprve je obnovte."))
        return redirect(event)
    url = absolute_url(reverse("training:verify", kwargs={"code": participation.certificate_code}))
    return documents.certificate(participation, verification_url=url).as_download()


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: anyone holding a certificate can check it. Only the name, the event and validity are
    shown; nothing that the certificate itself does not already say."""
    participation = get_object_or_404(
        Participation.objects.select_related("person", "event"), certificate_code=code
    )
    response = render(request, "training/verify.html", {"participation": participation})
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


# --- Materials -------------------------------------------------------------------------------


@unit_view(write=True)
def material_upload(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    event = _event_or_404(unit, pk)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        material = form.save(commit=False)
        material.unit = unit
        material.event = event
        material.filename = safe_filename(upload.name, form.upload_content_type)
        material.content_type = form.upload_content_type
        material.size = upload.size
        material.file.save(material.filename, upload, save=False)
        material.save()
        messages.success(request, _("Materiál byl nahrán."))
        return redirect(event)
    return render(request, "training/material_form.html", {"unit": unit, "event": event, "form": form})


@unit_view()
def material_download(request: HttpRequest, unit: TerritorialUnit, pk: int, material: int) -> HttpResponse:
    event = _event_or_404(unit, pk)
    item = get_object_or_404(event.materials, pk=material)
    return download_file(item.file, item.filename, content_type=item.content_type)


@unit_view(write=True)
def material_delete(request: HttpRequest, unit: TerritorialUnit, pk: int, material: int) -> HttpResponse:
    event = _event_or_404(unit, pk)
    item = get_object_or_404(event.materials, pk=material)
    return confirm_delete(
        request,
        unit=unit,
        obj=item,
        question=_("Odebrat materiál „%(title)s“ (%(file)s)?") % {"title": item.title, "file": item.filename},
        back_url=event.get_absolute_url(),
        done_url=event.get_absolute_url(),
        restore_path=event.get_absolute_url(),
    )
