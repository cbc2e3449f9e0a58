"""This app's URLs in the URL × role matrix (see spojka/core/tests/test_matrix.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from spojka.testing.matrix_kinds import PUBLIC, UNIT_READ, UNIT_WRITE, Entry, unit_kwargs

# One small file shared by every matrix run, so the runs do not fill the media folder.
SCAN_NAME = "meetings/matrix/prezencni-listina.pdf"
SCAN_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def meeting_kwargs(w) -> dict:
    return {"unit": w.unit.slug, "pk": w.meeting.pk}


def held_kwargs(w) -> dict:
    return {"unit": w.unit.slug, "pk": w.held_meeting.pk}


def _doc(fmt: str):
    return lambda w: {**meeting_kwargs(w), "fmt": fmt}


ENTRIES = {
    "meetings:meeting_list": Entry(UNIT_READ, unit_kwargs),
    "meetings:meeting_export": Entry(UNIT_READ, unit_kwargs),
    "meetings:meeting_create": Entry(UNIT_WRITE, unit_kwargs),
    "meetings:feed_regenerate": Entry(UNIT_WRITE, unit_kwargs, method="POST"),
    "meetings:meeting_detail": Entry(UNIT_READ, meeting_kwargs),
    "meetings:meeting_edit": Entry(UNIT_WRITE, meeting_kwargs),
    "meetings:agenda_edit": Entry(UNIT_WRITE, meeting_kwargs),
    "meetings:meeting_transition": Entry(
        UNIT_WRITE, meeting_kwargs, method="POST", data=lambda w: {"target": "cancelled"}
    ),
    "meetings:meeting_reopen": Entry(UNIT_WRITE, held_kwargs),
    "meetings:attendance_edit": Entry(UNIT_WRITE, meeting_kwargs),
    "meetings:minutes_edit": Entry(UNIT_WRITE, held_kwargs),
    "meetings:decision_create": Entry(UNIT_WRITE, held_kwargs),
    "meetings:task_create": Entry(UNIT_WRITE, held_kwargs),
    "meetings:invitations_send": Entry(UNIT_WRITE, meeting_kwargs, method="POST"),
    "meetings:guest_invite": Entry(UNIT_WRITE, meeting_kwargs),
    "meetings:invitation_resend": Entry(
        UNIT_WRITE, lambda w: {**meeting_kwargs(w), "invitation": w.meeting_invitation.pk}, method="POST"
    ),
    "meetings:attendance_sheet": Entry(UNIT_READ, _doc("docx")),
    "meetings:minutes_document": Entry(UNIT_READ, lambda w: {**held_kwargs(w), "fmt": "docx"}),
    "meetings:meeting_calendar": Entry(UNIT_READ, meeting_kwargs),
    "meetings:scan_upload": Entry(UNIT_WRITE, meeting_kwargs),
    "meetings:material_upload": Entry(UNIT_WRITE, meeting_kwargs),
    # The signed sheet carries signatures: writers only, partners get 403.
    "meetings:scan_download": Entry(UNIT_WRITE, held_kwargs),
    "meetings:task_list": Entry(UNIT_READ, unit_kwargs),
    "meetings:task_export": Entry(UNIT_READ, unit_kwargs),
    "meetings:task_done": Entry(UNIT_WRITE, lambda w: {"unit": w.unit.slug, "pk": w.task.pk}, method="POST"),
    "meetings:task_reopen": Entry(
        UNIT_WRITE, lambda w: {"unit": w.unit.slug, "pk": w.task.pk}, method="POST"
    ),
    # No login: calendar apps cannot log in; the secret token is the key.
    "meetings:calendar_feed": Entry(PUBLIC, lambda w: {"token": w.calendar_feed.token}),
}


def build(world) -> None:
    """Add the objects this app's URLs need to the test world."""
    from spojka.meetings.models import Attendance, CalendarFeed, Meeting, MeetingState, Task
    from spojka.partnership.models import LocalPartnership, Organisation, PartnershipMember, Person

    unit = world.unit
    partnership, _created = LocalPartnership.objects.get_or_create(
        unit=unit, defaults={"established_by": "Rada města"}
    )
    organisation = Organisation.objects.create(unit=unit, name="Charita Jihlava (jednání)")
    person = Person.objects.create(
        unit=unit,
        first_name="Marie",
        last_name="Zkušební",
        organisation=organisation,
        email="marie@example.org",
    )
    group = partnership.groups.create(unit=unit, name="PS Bydlení (jednání)")
    PartnershipMember.objects.create(
        unit=unit, organisation=organisation, representative=person, valid_from=date(2021, 1, 1)
    )
    start = timezone.make_aware(datetime(2031, 3, 12, 14, 0))
    world.meeting = Meeting.objects.create(
        unit=unit, title="Jednání LP", includes_lp=True, starts_at=start, ends_at=start + timedelta(hours=2)
    )
    world.meeting.working_groups.add(group)
    world.meeting_invitation = world.meeting.invitations.create(unit=unit, person=person)
    world.meeting.agenda_items.create(unit=unit, order=1, title="Úvod")
    past = (timezone.now() - timedelta(days=2)).replace(second=0, microsecond=0)
    world.held_meeting = Meeting.objects.create(
        unit=unit,
        title="Proběhlé jednání PS",
        kind="working_group",
        state=MeetingState.HELD,
        starts_at=past,
        ends_at=past + timedelta(hours=2),
        minutes_note="Shrnutí.",
    )
    world.held_meeting.working_groups.add(group)
    world.held_meeting.invitations.create(unit=unit, person=person, attendance=Attendance.PRESENT)
    if not default_storage.exists(SCAN_NAME):
        default_storage.save(SCAN_NAME, ContentFile(SCAN_BYTES))
    Meeting.objects.filter(pk=world.held_meeting.pk).update(
        attendance_scan=SCAN_NAME, attendance_scan_type="application/pdf"
    )
    world.task = Task.objects.create(
        unit=unit, meeting=world.held_meeting, title="Připravit podklady", assignee=person
    )
    world.calendar_feed = CalendarFeed.objects.create(unit=unit)
    world.meeting_person = person
    world.meeting_group = group
