"""The meeting's generated documents: attendance sheet (prezenční listina) and minutes (záznam z jednání).

Both come as PDF (WeasyPrint, for printing) and DOCX (docxtpl, for editing in Word); the data is
prepared once here so the two formats always say the same.
"""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.cooperation.models import TerritorialUnit
from spojka.documents.models import DocumentSettings, TemplateKind
from spojka.documents.render import DocumentSpec, RenderedDocument, register, render
from spojka.lib.czech import date_long, date_short, sorted_czech
from spojka.meetings.models import Attendance, DecisionMethod, Meeting
from spojka.meetings.services import meeting_quorum

DOCX_DIR = Path(__file__).resolve().parent / "docx_templates"


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


def _invitations(meeting: Meeting) -> list:
    """The invited, in Czech alphabetical order by surname, then first name."""
    invitations = meeting.invitations.select_related("person", "person__organisation")
    return sorted_czech(invitations, key=lambda i: f"{i.person.last_name} {i.person.first_name}")


def _guests(meeting: Meeting) -> list:
    return sorted_czech(meeting.guests.all(), key=lambda g: g.name.split()[-1] + " " + g.name)


def attendance_sheet_context(meeting: Meeting) -> dict:
    """Invited people, then recorded guests, then blank rows for whoever else comes.

    The number of blank rows is the unit's setting (``DocumentSettings.attendance_blank_rows``).
    """
    rows = [
        {"name": i.person.full_name, "organisation": _org(i.person), "note": ""}
        for i in _invitations(meeting)
    ]
    rows += [
        {"name": g.name, "organisation": g.organisation, "note": str(_("host"))} for g in _guests(meeting)
    ]
    blank = DocumentSettings.for_unit(meeting.unit).attendance_blank_rows
    return {**_common(meeting), "rows": rows, "blank_rows": list(range(blank))}


def quorum_text(quorum) -> str:
    """ "Jednání bylo usnášeníschopné: přítomno 14 z 20 členů." (or was not, with what was needed)."""
    present = quorum.present
    verb = "přítomen" if present == 1 else "přítomni" if 2 <= present <= 4 else "přítomno"
    of = "člena" if quorum.members == 1 else "členů"
    counted = f"{verb} {present} z {quorum.members} {of}"
    if quorum.reached:
        return _("Jednání bylo usnášeníschopné: %(counted)s.") % {"counted": counted}
    return _("Jednání nebylo usnášeníschopné: %(counted)s, potřeba %(needed)s.") % {
        "counted": counted,
        "needed": quorum.needed,
    }


def _how(decision) -> str:
    if decision.method == DecisionMethod.VOTE:
        return _("hlasováním: %(f)s pro, %(a)s proti, %(z)s se zdrželo") % {
            "f": decision.votes_for or 0,
            "a": decision.votes_against or 0,
            "z": decision.votes_abstained or 0,
        }
    return str(_("konsenzem"))


def _items_with_decisions(meeting: Meeting) -> tuple[list[dict], list[dict]]:
    """Numbered agenda items, each with its numbered decisions; and decisions tied to no item."""
    decisions = list(meeting.decisions.all())
    number = 0
    items = []
    for n, item in enumerate(meeting.agenda_items.all(), start=1):
        own = []
        for d in (d for d in decisions if d.agenda_item_id == item.pk):
            number += 1
            own.append({"n": number, "text": d.text, "how": _how(d)})
        items.append({"n": n, "title": item.title, "minutes": item.minutes or "–", "decisions": own})
    loose = []
    for d in (d for d in decisions if d.agenda_item_id is None):
        number += 1
        loose.append({"n": number, "text": d.text, "how": _how(d)})
    return items, loose


def minutes_context(meeting: Meeting) -> dict:
    invitations = _invitations(meeting)

    def names(state: str) -> str:
        return ", ".join(i.person.full_name for i in invitations if i.attendance == state) or "–"

    guests = ", ".join(f"{g.name} ({g.organisation})" if g.organisation else g.name for g in _guests(meeting))
    items, loose = _items_with_decisions(meeting)
    tasks = [
        {
            "title": t.title,
            "assignee": t.assignee.full_name if t.assignee else "–",
            "due": date_short(t.due_on) if t.due_on else "–",
        }
        for t in meeting.tasks.select_related("assignee")
    ]
    written = timezone.localtime(meeting.minutes_written_at) if meeting.minutes_written_at else None
    recorder = meeting.organiser.get_full_name() if meeting.organiser else ""
    return {
        **_common(meeting),
        "present": names(Attendance.PRESENT),
        "excused": names(Attendance.EXCUSED),
        "absent": names(Attendance.ABSENT),
        "guests": guests or "–",
        "quorum": quorum_text(meeting_quorum(meeting, invitations)) if invitations else "",
        "note": meeting.minutes_note,
        "items": items,
        "other_decisions": loose,
        # Kept for units' own Word templates written against the flat list.
        "decisions": [d for item in items for d in item["decisions"]] + loose,
        "tasks": tasks,
        "written": date_short(written) if written else "",
        "recorded_by": recorder,
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
