from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from spojka.cooperation import validity
from spojka.cooperation.models import TerritorialUnit
from spojka.cooperation.tenancy import unit_view
from spojka.documents.models import Document, DocumentType
from spojka.documents.services import document_create
from spojka.lib import evidence, xlsx
from spojka.lib import mail as outbox
from spojka.lib.audit import history_for
from spojka.lib.downloads import ICS, download, download_file
from spojka.lib.forms import add_service_errors, posted_id
from spojka.lib.locking import save_unless_changed
from spojka.lib.pagination import paginate
from spojka.lib.search import search
from spojka.lib.uploads import safe_filename
from spojka.lib.urls import absolute_url
from spojka.meetings import documents, services
from spojka.meetings.calendar import meeting_ics, unit_feed_ics
from spojka.meetings.forms import (
    AgendaItemForm,
    AttendanceForm,
    DecisionForm,
    GuestInviteForm,
    MaterialForm,
    MeetingFilterForm,
    MeetingForm,
    MinutesForm,
    ReopenForm,
    ScanForm,
    TaskFilterForm,
    TaskForm,
    TransitionForm,
)
from spojka.meetings.models import (
    Attendance,
    CalendarFeed,
    Meeting,
    MeetingState,
    TaskState,
)

PAGE_SIZE = 50


def _meeting_or_404(unit: TerritorialUnit, pk: int) -> Meeting:
    return get_object_or_404(unit.meetings.select_related("organiser"), pk=pk)


# --- Meetings ----------------------------------------------------------------------------------


def _filtered_meetings(request: HttpRequest, unit: TerritorialUnit):
    """The meeting list's form and its meetings, as filtered; the list and its export share it."""
    form = MeetingFilterForm(request.GET or None)
    meetings = (
        unit.meetings.prefetch_related("working_groups")
        .annotate(
            invited=Count("invitations", distinct=True),
            present=Count("invitations", filter=Q(invitations__attendance=Attendance.PRESENT), distinct=True),
        )
        .order_by("-starts_at")
    )
    if form.is_valid():
        if form.cleaned_data.get("year"):
            meetings = meetings.filter(starts_at__year=form.cleaned_data["year"])
        if form.cleaned_data.get("state"):
            meetings = meetings.filter(state=form.cleaned_data["state"])
        meetings = search(meetings, form.cleaned_data.get("q"), ["title", "place"])
    return form, meetings


@unit_view()
def meeting_export(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    """The meeting list as XLSX, filtered as the list is."""
    _form, meetings = _filtered_meetings(request, unit)
    columns = [
        xlsx.Column(_("Začátek"), "datetime", 18),
        xlsx.Column(_("Konec"), "datetime", 18),
        xlsx.Column(_("Jednání"), width=40),
        xlsx.Column(_("Druh"), width=24),
        xlsx.Column(_("Orgán"), width=30),
        xlsx.Column(_("Místo"), width=30),
        xlsx.Column(_("Stav"), width=14),
        xlsx.Column(_("Pozváno"), "int", 10),
        xlsx.Column(_("Přítomno"), "int", 10),
    ]
    rows = (
        [
            timezone.localtime(m.starts_at),
            timezone.localtime(m.ends_at),
            m.title,
            m.get_kind_display(),
            ", ".join(
                ([str(_("Lokální partnerství"))] if m.includes_lp else [])
                + [g.name for g in m.working_groups.all()]
            ),
            m.place,
            m.get_state_display(),
            m.invited,
            m.present,
        ]
        for m in meetings
    )
    return xlsx.response(_("Jednání"), columns, rows, f"jednani-{unit.slug}.xlsx")


@unit_view()
def meeting_list(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    form, meetings = _filtered_meetings(request, unit)
    page = paginate(request, meetings, per_page=PAGE_SIZE)
    feed = CalendarFeed.objects.filter(unit=unit).first() if request.access.can_write else None
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "unit": unit,
            "page": page,
            "form": form,
            "feed": feed,
            "feed_url": absolute_url(reverse("meetings:calendar_feed", kwargs={"token": feed.token}))
            if feed
            else "",
        },
    )


@unit_view()
def meeting_detail(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(unit, pk)
    invitations = list(
        meeting.invitations.select_related("person", "person__organisation", "email").order_by(
            "person__last_name", "person__first_name"
        )
    )
    for invitation in invitations:
        invitation.delivery_state = outbox.delivery_state(invitation.email)
        invitation.delivery_label = outbox.delivery_label(invitation.email)
    items = list(meeting.agenda_items.all())
    decisions = list(meeting.decisions.select_related("agenda_item"))
    guests = list(meeting.guests.all())
    # The content type is matched by name in the same query (no content-type cache to warm up).
    library = Document.objects.filter(
        unit=unit,
        content_type__app_label=Meeting._meta.app_label,
        content_type__model=Meeting._meta.model_name,
        object_id=meeting.pk,
    ).order_by("doc_type", "title")
    if not request.access.can_write:
        library = library.filter(visible_to_partners=True)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "unit": unit,
            "meeting": meeting,
            "groups": list(meeting.working_groups.all()),
            "invitations": invitations,
            "guests": guests,
            "items": items,
            "decisions": decisions,
            "tasks": list(meeting.tasks.select_related("assignee")),
            "quorum": services.meeting_quorum(meeting, invitations) if invitations else None,
            "has_minutes": services.has_minutes(meeting, items),
            "attendance_recorded": services.attendance_recorded(meeting, invitations, guests),
            "today": timezone.localdate(),
            "counted_toward": validity.covering(
                validity.descriptions_for_flags(unit), timezone.localtime(meeting.starts_at).date()
            ),
            "counted_as": evidence.counted_as_evidence(
                unit=unit, kind=evidence.MEETING, object_id=meeting.pk
            ),
            "counted_as_item": f"{evidence.MEETING}:{meeting.pk}",
            "history": history_for(meeting),
            "library": list(library),
        },
    )


@unit_view(write=True)
def meeting_create(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    return _meeting_form(request, unit, Meeting(unit=unit))


@unit_view(write=True)
def meeting_edit(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(unit, pk)
    if meeting.state in (MeetingState.CLOSED, MeetingState.CANCELLED):
        messages.error(request, _("Uzavřené nebo zrušené jednání už nelze měnit."))
        return redirect(meeting)
    return _meeting_form(request, unit, meeting)


def _meeting_form(request: HttpRequest, unit: TerritorialUnit, meeting: Meeting) -> HttpResponse:
    form = MeetingForm(request.POST or None, instance=meeting, unit=unit)
    saved: list[Meeting] = []

    def save() -> None:
        saved.append(
            services.meeting_save(
                meeting=form.save(commit=False),
                unit=unit,
                working_groups=form.cleaned_data["working_groups"],
                invitees=form.invitee_list(),
                organiser=request.user,
            )
        )

    if request.method == "POST" and form.is_valid() and save_unless_changed(form, save):
        messages.success(request, _("Jednání bylo uloženo."))
        warning = _outside_validity(unit, saved[0].starts_at)
        if warning:
            messages.warning(request, warning)
        return redirect(saved[0])
    starts_at = getattr(form, "cleaned_data", {}).get("starts_at") or meeting.starts_at
    return render(
        request,
        "meetings/meeting_form.html",
        {
            "form": form,
            "unit": unit,
            "meeting": meeting,
            "validity_warning": _outside_validity(unit, starts_at),
        },
    )


def _outside_validity(unit: TerritorialUnit, starts_at) -> str:
    day = timezone.localtime(starts_at).date() if starts_at else None
    return validity.outside_validity_warning(unit, day, _("Jednání"))


AGENDA_MESSAGES = {
    "add": gettext_lazy("Bod „%(title)s“ byl přidán."),
    "save": gettext_lazy("Bod „%(title)s“ byl uložen."),
    "up": gettext_lazy("Bod „%(title)s“ je o místo výš."),
    "down": gettext_lazy("Bod „%(title)s“ je o místo níž."),
    "remove": gettext_lazy("Bod „%(title)s“ byl odebrán; lze ho obnovit v Koši."),
}


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _focus_after_move(focus: str, items: list) -> str:
    """A point moved to the top has no "up" button any more (nor one at the bottom "down"): focus
    the other one, so the keyboard user stays on the point they moved."""
    pk, _sep, what = focus.partition("-")
    if items and what == "up" and str(items[0].pk) == pk:
        return f"{pk}-down"
    if items and what == "down" and str(items[-1].pk) == pk:
        return f"{pk}-up"
    return focus


@unit_view(write=True)
def agenda_edit(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    """The programme edited in place: add, edit, move and remove points one at a time.

    Every action is a plain form POST (works without JavaScript: the page reloads); with htmx the
    same POST answers with the editor alone, which replaces itself and keeps focus where it was.
    """
    meeting = _meeting_or_404(unit, pk)
    context = {"unit": unit, "meeting": meeting}
    if request.method == "POST":
        action = request.POST.get("action", "")
        item = None
        if action != "add":
            item = get_object_or_404(meeting.agenda_items, pk=posted_id(request.POST.get("item")))
        if action == "remove" and not request.POST.get("confirm"):
            return render(request, "meetings/agenda_remove.html", {**context, "item": item})
        try:
            context |= _agenda_action(request, meeting, action, item)
        except ValidationError as exc:
            context["error"] = " ".join(exc.messages)
            context["error_target"] = f"title-{item.pk}" if item is not None and action == "save" else ""
        if not _is_htmx(request) and "error" not in context and "add_error" not in context:
            messages.success(request, context["announcement"])
            return redirect("meetings:agenda_edit", unit=unit.slug, pk=meeting.pk)
    context["items"] = list(meeting.agenda_items.order_by("order", "pk"))
    focus_item, _sep, context["focus_what"] = _focus_after_move(
        context.get("focus", ""), context["items"]
    ).rpartition("-")
    context["focus_item"] = int(focus_item) if focus_item.isdigit() else None
    if context.get("focus") == "add":
        context["focus_what"] = "add"
    context["htmx"] = _is_htmx(request)
    # A full page with an error gets the error summary and "Chyba:" in its title, as every form does.
    context["page_errors"] = not context["htmx"] and bool(context.get("error") or context.get("add_error"))
    template = "meetings/_agenda_editor.html" if context["htmx"] else "meetings/agenda_form.html"
    return render(request, template, context)


def _agenda_action(request: HttpRequest, meeting: Meeting, action: str, item) -> dict:
    """Do one editor action; return what the editor shows next (message, focus, errors)."""
    if action == "add":
        form = AgendaItemForm(request.POST)
        if not form.is_valid():
            return {
                "add_error": " ".join(form.errors["title"]),
                "error_target": "new-title",
                "new_summary": request.POST.get("summary", ""),
                "focus": "add",
            }
        item = services.agenda_item_add(
            meeting=meeting, title=form.cleaned_data["title"], summary=form.cleaned_data["summary"]
        )
        focus = "add"
    elif action == "save":
        services.agenda_item_update(
            item=item, title=request.POST.get("title", ""), summary=request.POST.get("summary", "")
        )
        focus = f"{item.pk}-title"
    elif action in ("up", "down"):
        services.agenda_item_move(item=item, step=-1 if action == "up" else 1)
        focus = f"{item.pk}-{action}"
    elif action == "remove":
        services.agenda_item_remove(item=item, user=request.user)
        focus = "add"
    else:
        raise ValidationError(_("Neznámá úprava programu."))
    return {"announcement": AGENDA_MESSAGES[action] % {"title": item.title}, "focus": focus}


@unit_view(write=True)
def meeting_transition(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    """GET ?target=…: a page saying what the change means, to confirm. POST: change the state."""
    meeting = _meeting_or_404(unit, pk)
    if request.method != "POST":
        form = TransitionForm(initial={"target": request.GET.get("target", "")})
        if form["target"].value() not in services.ALLOWED[meeting.state]:
            return redirect(meeting)
        return render(request, "meetings/transition.html", {"unit": unit, "meeting": meeting, "form": form})
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_transition(
                meeting=meeting,
                target=form.cleaned_data["target"],
                reason=form.cleaned_data.get("reason", ""),
                user=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Stav jednání byl změněn."))
            return redirect(meeting)
    return render(
        request, "meetings/transition.html", {"unit": unit, "meeting": meeting, "form": form}, status=422
    )


@unit_view(write=True)
def meeting_reopen(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(unit, pk)
    form = ReopenForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_reopen(meeting=meeting, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
            status = 422
        else:
            messages.success(request, _("Jednání je znovu otevřené; po opravě ho opět uzavřete."))
            return redirect(meeting)
    return render(
        request, "meetings/reopen_form.html", {"unit": unit, "meeting": meeting, "form": form}, status=status
    )


# --- Attendance, minutes, decisions ------------------------------------------------------------


# The shortcuts fill every invited person's choice at once; exceptions are then set by hand.
SHORTCUTS = {"present": Attendance.PRESENT, "excused": Attendance.EXCUSED}


@unit_view(write=True)
def attendance_edit(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(unit, pk)
    refusal = services.attendance_refusal(meeting)
    if refusal:
        context = {"unit": unit, "meeting": meeting, "refusal": refusal}
        return render(request, "meetings/attendance_form.html", context, status=422 if request.POST else 200)
    invitations = list(
        meeting.invitations.select_related("person").order_by("person__last_name", "person__first_name")
    )
    guests = list(meeting.guests.all())
    shortcut = SHORTCUTS.get(request.POST.get("vsem", ""))
    if shortcut:
        form = AttendanceForm(
            invitations=invitations, guests=guests, preset=shortcut, guest_text=request.POST.get("guests")
        )
        return render(
            request,
            "meetings/attendance_form.html",
            {"form": form, "unit": unit, "meeting": meeting, "preset": Attendance(shortcut).label},
        )
    form = AttendanceForm(request.POST or None, invitations=invitations, guests=guests)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                meeting=meeting, attendance=form.attendance(), guests=form.guest_lines()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            status = 422
        else:
            messages.success(request, _("Účast byla zaznamenána."))
            return redirect(meeting)
    return render(
        request,
        "meetings/attendance_form.html",
        {"form": form, "unit": unit, "meeting": meeting},
        status=status,
    )


@unit_view(write=True)
def minutes_edit(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(unit, pk)
    form = MinutesForm(request.POST or None, meeting=meeting, items=list(meeting.agenda_items.all()))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_unless_changed(
                form,
                lambda: services.minutes_save(
                    meeting=meeting, note=form.cleaned_data["minutes_note"], item_minutes=form.item_minutes()
                ),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            status = 422
        else:
            if saved:
                messages.success(request, _("Záznam z jednání byl uložen."))
                return redirect(meeting)
    return render(
        request, "meetings/minutes_form.html", {"form": form, "unit": unit, "meeting": meeting}, status=status
    )


@unit_view(write=True)
def decision_create(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(unit, pk)
    form = DecisionForm(request.POST or None, meeting=meeting)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_add(meeting=meeting, decision=form.save(commit=False))
        except ValidationError as exc:
            add_service_errors(form, exc)
            status = 422
        else:
            messages.success(request, _("Rozhodnutí bylo zapsáno."))
            return redirect(meeting)
    return render(
        request,
        "meetings/decision_form.html",
        {"form": form, "unit": unit, "meeting": meeting},
        status=status,
    )


# --- Documents and the signed scan -------------------------------------------------------------


@unit_view()
def attendance_sheet(request: HttpRequest, unit: TerritorialUnit, pk: int, fmt: str) -> HttpResponse:
    meeting = _meeting_or_404(unit, pk)
    return documents.attendance_sheet(meeting, fmt=fmt).as_download()


@unit_view()
def minutes_document(request: HttpRequest, unit: TerritorialUnit, pk: int, fmt: str) -> HttpResponse:
    meeting = _meeting_or_404(unit, pk)
    return documents.minutes(meeting, fmt=fmt).as_download()


@unit_view(write=True)
def scan_upload(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(unit, pk)
    form = ScanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["scan"]
        meeting.attendance_scan.save(safe_filename(upload.name, form.content_type), upload, save=False)
        meeting.attendance_scan_type = form.content_type
        meeting.save(update_fields=["attendance_scan", "attendance_scan_type", "updated_at"])
        messages.success(request, _("Podepsaná prezenční listina byla nahrána."))
        return redirect(meeting)
    return render(request, "meetings/scan_form.html", {"form": form, "unit": unit, "meeting": meeting})


@unit_view(write=True)
def material_upload(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    """A background material for the meeting, kept in the library and linked to the meeting."""
    meeting = _meeting_or_404(unit, pk)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        document_create(
            unit=unit,
            doc_type=DocumentType.ANALYSIS,
            title=form.cleaned_data["title"],
            issued_on=timezone.localdate(),
            description=None,
            visible_to_partners=True,
            content=upload.read(),
            filename=upload.name,
            content_type=form.content_type,
            user=request.user,
            subject=meeting,
        )
        messages.success(request, _("Podklad byl přidán do knihovny a k jednání."))
        return redirect(meeting)
    return render(request, "meetings/material_form.html", {"form": form, "unit": unit, "meeting": meeting})


# Signatures are personal data: the signed sheet is for those who run the meetings, not partners.
@unit_view(write=True)
def scan_download(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(unit, pk)
    if not meeting.attendance_scan:
        raise Http404
    return download_file(
        meeting.attendance_scan,
        Path(meeting.attendance_scan.name).name,
        content_type=meeting.attendance_scan_type or None,
    )


# --- Invitations and the calendar feed ---------------------------------------------------------


@unit_view(write=True)
@require_POST
def invitations_send(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(unit, pk)
    try:
        count = services.send_invitations(meeting=meeting)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Pozvánky čekají na odeslání (%(count)s); stav doručení uvidíte u pozvaných.")
            % {"count": count},
        )
    return redirect(meeting)


@unit_view(write=True)
def guest_invite(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    """Invite the ASZ consultant or an external guest by e-mail in advance (issue 15, item 6)."""
    meeting = _meeting_or_404(unit, pk)
    form = GuestInviteForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            guest = services.guest_invite(
                meeting=meeting,
                name=form.cleaned_data["name"],
                organisation=form.cleaned_data["organisation"],
                email=form.cleaned_data["email"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Pozvánka pro %(name)s (%(email)s) čeká na odeslání.")
                % {"name": guest.name, "email": guest.email},
            )
            return redirect(meeting)
    return render(
        request,
        "meetings/guest_invite.html",
        {"unit": unit, "meeting": meeting, "form": form},
        status=422 if form.is_bound and form.errors else 200,
    )


@unit_view(write=True)
@require_POST
def invitation_resend(request: HttpRequest, unit: TerritorialUnit, pk: int, invitation: int) -> HttpResponse:
    meeting = _meeting_or_404(unit, pk)
    found = get_object_or_404(meeting.invitations.select_related("person", "email"), pk=invitation)
    try:
        services.invitation_resend(invitation=found)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Pozvánka pro %(name)s znovu čeká na odeslání.") % {"name": found.person.full_name}
        )
    return redirect(meeting)


@unit_view(write=True)
@require_POST
def feed_regenerate(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    _feed, replaced = services.calendar_feed_regenerate(unit=unit)
    if replaced:
        messages.success(request, _("Byla vytvořena nová adresa kalendáře; původní adresa přestala platit."))
    else:
        messages.success(request, _("Adresa kalendáře byla vytvořena; přidejte ji do svého kalendáře."))
    return redirect("meetings:meeting_list", unit=unit.slug)


@unit_view()
def meeting_calendar(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    """The one meeting as an .ics file to open in a calendar."""
    meeting = _meeting_or_404(unit, pk)
    return download(meeting_ics(meeting), f"jednani-{meeting.pk}.ics", content_type=ICS)


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A unit's meetings as iCal, for calendar apps that cannot log in: the secret token is the key."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("unit"), token=token)
    since = timezone.now() - timedelta(days=365)
    meetings = feed.unit.meetings.filter(starts_at__gte=since).select_related("unit").order_by("starts_at")
    response = HttpResponse(unit_feed_ics(feed.unit, meetings), content_type=ICS)
    response["Cache-Control"] = "private, max-age=300"
    return response


# --- Tasks -------------------------------------------------------------------------------------


def _filtered_tasks(request: HttpRequest, unit: TerritorialUnit):
    """The task list's form and its tasks, as filtered; the list and its export share it."""
    form = TaskFilterForm(request.GET or None, unit=unit)
    today = timezone.localdate()
    tasks = unit.tasks.select_related("assignee", "meeting").order_by("state", "due_on", "pk")
    if form.is_valid():
        state = form.cleaned_data.get("state")
        if state == "overdue":
            tasks = tasks.filter(state=TaskState.OPEN, due_on__lt=today)
        elif state:
            tasks = tasks.filter(state=state)
        if form.cleaned_data.get("assignee"):
            tasks = tasks.filter(assignee=form.cleaned_data["assignee"])
        tasks = search(
            tasks, form.cleaned_data.get("q"), ["title", "assignee__first_name", "assignee__last_name"]
        )
    return form, tasks, today


@unit_view()
def task_export(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    """The task list as XLSX, filtered as the list is."""
    _form, tasks, _today = _filtered_tasks(request, unit)
    columns = [
        xlsx.Column(_("Úkol"), width=50, wrap=True),
        xlsx.Column(_("Odpovídá"), width=26),
        xlsx.Column(_("Termín"), "date", 12),
        xlsx.Column(_("Stav"), width=12),
        xlsx.Column(_("Splněno dne"), "date", 12),
        xlsx.Column(_("Jednání"), width=40),
        xlsx.Column(_("Datum jednání"), "date", 12),
    ]
    rows = (
        [
            t.title,
            t.assignee.full_name if t.assignee else "",
            t.due_on,
            t.get_state_display(),
            t.done_on,
            t.meeting.title if t.meeting else "",
            timezone.localtime(t.meeting.starts_at).date() if t.meeting else None,
        ]
        for t in tasks
    )
    return xlsx.response(_("Úkoly"), columns, rows, f"ukoly-{unit.slug}.xlsx")


@unit_view()
def task_list(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    form, tasks, today = _filtered_tasks(request, unit)
    page = paginate(request, tasks, per_page=PAGE_SIZE)
    return render(
        request, "meetings/task_list.html", {"unit": unit, "page": page, "form": form, "today": today}
    )


@unit_view(write=True)
def task_create(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(unit, pk)
    form = TaskForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        services.task_add(unit=unit, task=form.save(commit=False), meeting=meeting)
        messages.success(request, _("Úkol byl zapsán."))
        return redirect(meeting)
    return render(request, "meetings/task_form.html", {"form": form, "unit": unit, "meeting": meeting})


@unit_view(write=True)
@require_POST
def task_done(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    task = get_object_or_404(unit.tasks, pk=pk)
    try:
        services.task_mark_done(task=task)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Úkol byl označen jako splněný."))
    return _back(request, unit)


@unit_view(write=True)
@require_POST
def task_reopen(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    task = get_object_or_404(unit.tasks, pk=pk)
    try:
        services.task_reopen(task=task)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Úkol je znovu otevřený."))
    return _back(request, unit)


def _back(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    target = request.POST.get("next", "")
    # Only a path on this site; anything else (a bare word would be taken for a view name) is ignored.
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(target)
    return redirect("meetings:task_list", unit=unit.slug)
