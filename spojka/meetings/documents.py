"""The meeting's generated documents: attendance sheet (prezenční listina) and minutes (záznam z jednání).

Both come as PDF (WeasyPrint, for printing) and DOCX (docxtpl, for editing in Word); the data is
prepared once here so the two formats always say the same.
"""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.cooperation.models import TerritorialUnit
from spojka.documents.models import TemplateKind
from spojka.documents.render import DocumentSpec, RenderedDocument, register, render
from spojka.lib.czech import date_long, date_short
from spojka.meetings.models import Attendance, DecisionMethod, Meeting

DOCX_DIR = Path(__file__).resolve().parent / "docx_templates"
# Rows left empty on the attendance sheet for guests who were not invited by name.
BLANK_ROWS = 8


def bodies_text(meeting: Meeting, groups: list | None = None) -> str:
    groups = list(meeting.working_groups.all()) if groups is None else groups
    parts = [str(_("Lokální partnerství"))] if meeting.includes_lp else []
    parts += [g.name for g in groups]
    return ", ".join(parts) or meeting.get_kind_display()


def _time_text(meeting: Meeting) -> str:
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    if start.date() == end.date():
        return f"{start:%H:%M}–{end:%H:%M}"
    return f"{date_short(start)} {start:%H:%M} – {date_short(end)} {end:%H:%M}"


def _org(person) -> str:
    organisation = getattr(person, "organisation", None)
    return organisation.name if organisation else ""


def _common(meeting: Meeting) -> dict:
    unit = meeting.unit
    return {
        "unit": {"name": unit.name},
        "meeting": {
            "title": meeting.title,
            "kind": meeting.get_kind_display(),
            "bodies": bodies_text(meeting),
            "date": date_long(timezone.localtime(meeting.starts_at)),
            "time": _time_text(meeting),
            "place": meeting.place or "–",
            "online_link": meeting.online_link,
        },
    }


def attendance_sheet_context(meeting: Meeting) -> dict:
    invitations = meeting.invitations.select_related("person", "person__organisation").order_by(
        "person__last_name", "person__first_name"
    )
    rows = [{"name": i.person.full_name, "organisation": _org(i.person)} for i in invitations]
    return {**_common(meeting), "rows": rows, "blank_rows": list(range(BLANK_ROWS))}


def minutes_context(meeting: Meeting) -> dict:
    invitations = list(
        meeting.invitations.select_related("person", "person__organisation").order_by(
            "person__last_name", "person__first_name"
        )
    )

    def names(state: str) -> str:
        people = [i.person.full_name for i in invitations if i.attendance == state]
        return ", ".join(people) or "–"

    guests = ", ".join(
        f"{g.name} ({g.organisation})" if g.organisation else g.name for g in meeting.guests.all()
    )
    decisions = []
    for d in meeting.decisions.select_related("agenda_item"):
        if d.method == DecisionMethod.VOTE:
            how = _("hlasováním: %(f)s pro, %(a)s proti, %(z)s se zdrželo") % {
                "f": d.votes_for,
                "a": d.votes_against,
                "z": d.votes_abstained,
            }
        else:
            how = str(_("konsenzem"))
        decisions.append({"text": d.text, "how": how, "item": d.agenda_item.title if d.agenda_item else ""})
    tasks = [
        {
            "title": t.title,
            "assignee": t.assignee.full_name if t.assignee else "–",
            "due": date_short(t.due_on) if t.due_on else "–",
        }
        for t in meeting.tasks.select_related("assignee")
    ]
    return {
        **_common(meeting),
        "present": names(Attendance.PRESENT),
        "excused": names(Attendance.EXCUSED),
        "absent": names(Attendance.ABSENT),
        "guests": guests or "–",
        "note": meeting.minutes_note,
        "items": [
            {"n": n, "title": i.title, "minutes": i.minutes or "–"}
            for n, i in enumerate(meeting.agenda_items.all(), start=1)
        ],
        "decisions": decisions,
        "tasks": tasks,
        "written": date_short(timezone.localtime(meeting.minutes_written_at))
        if meeting.minutes_written_at
        else "",
    }


def _sample_meeting(unit: TerritorialUnit) -> Meeting | None:
    return unit.meetings.order_by("-starts_at").first()


def _sample(context_of):
    def sample_context(unit: TerritorialUnit) -> dict | None:
        meeting = _sample_meeting(unit)
        return context_of(meeting) if meeting else None

    return sample_context


ATTENDANCE_SHEET = register(
    DocumentSpec(
        kind=TemplateKind.ATTENDANCE_SHEET,
        pdf_template="meetings/pdf/attendance_sheet.html",
        docx_template=DOCX_DIR / "attendance_sheet.docx",
        sample_context=_sample(attendance_sheet_context),
    )
)
MINUTES = register(
    DocumentSpec(
        kind=TemplateKind.MINUTES,
        pdf_template="meetings/pdf/minutes.html",
        docx_template=DOCX_DIR / "minutes.docx",
        sample_context=_sample(minutes_context),
    )
)


def _stem(prefix: str, meeting: Meeting) -> str:
    return f"{prefix}-{timezone.localtime(meeting.starts_at):%Y-%m-%d}"


def attendance_sheet(meeting: Meeting, *, fmt: str) -> RenderedDocument:
    return render(
        ATTENDANCE_SHEET,
        fmt,
        unit=meeting.unit,
        context=attendance_sheet_context(meeting),
        stem=_stem("prezencni-listina", meeting),
    )


def minutes(meeting: Meeting, *, fmt: str) -> RenderedDocument:
    return render(
        MINUTES,
        fmt,
        unit=meeting.unit,
        context=minutes_context(meeting),
        stem=_stem("zaznam-z-jednani", meeting),
    )
