"""Workflows of meetings: invitations, attendance, minutes, state changes, tasks, reminders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.documents.models import DocumentType
from spojka.documents.render import RenderedDocument
from spojka.documents.services import store_rendered
from spojka.lib import mail as outbox
from spojka.lib.czech import date_short
from spojka.lib.downloads import mime_type
from spojka.lib.urls import absolute_url
from spojka.meetings import documents as meeting_documents
from spojka.meetings.calendar import meeting_invitation_ics
from spojka.meetings.models import (
    AgendaItem,
    Attendance,
    CalendarFeed,
    Decision,
    DecisionMethod,
    Guest,
    Invitation,
    Meeting,
    MeetingKind,
    MeetingState,
    ReminderSent,
    Task,
    TaskState,
    new_feed_token,
)
from spojka.partnership.services import quorum_for
from spojka.trash.services import trash_delete

# --- Who is invited ---------------------------------------------------------------------------


def default_invitees(*, unit, includes_lp: bool, working_groups, on: date) -> list:
    """The representatives of the members of the chosen bodies, valid on the meeting's day.

    A member with ``working_group`` null sits in the LP plenary; one person representing several
    members is invited once.
    """
    from spojka.partnership.models import Person

    bodies = Q()
    if includes_lp:
        bodies |= Q(working_group__isnull=True)
    group_ids = [g.pk for g in working_groups]
    if group_ids:
        bodies |= Q(working_group__in=group_ids)
    if not bodies:
        return []
    members = (
        unit.partnership_members.filter(bodies)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    )
    person_ids = members.values_list("representative_id", flat=True)
    return list(Person.objects.filter(unit=unit, pk__in=person_ids).order_by("last_name", "first_name"))


def _check_not_final(meeting: Meeting) -> None:
    if meeting.state == MeetingState.CLOSED:
        raise ValidationError(_("Uzavřené jednání už nelze měnit."))
    if meeting.state == MeetingState.CANCELLED:
        raise ValidationError(_("Zrušené jednání už nelze měnit."))


@transaction.atomic
def meeting_save(*, meeting: Meeting, unit, working_groups, invitees: list | None, organiser=None) -> Meeting:
    """Save a meeting with its bodies and invited people as one change.

    ``invitees`` None means "the default": the representatives of the chosen bodies' members.
    """
    meeting.unit = unit
    if meeting.kind == MeetingKind.LP_PLENARY:
        meeting.includes_lp = True
    if meeting.pk is None and organiser is not None:
        meeting.organiser = organiser
    meeting.save()
    meeting.working_groups.set(working_groups)
    if invitees is None:
        invitees = default_invitees(
            unit=unit,
            includes_lp=meeting.includes_lp,
            working_groups=working_groups,
            on=timezone.localdate(meeting.starts_at),
        )
    wanted = {p.pk for p in invitees}
    existing = {i.person_id: i for i in meeting.invitations.all()}
    for person_id, invitation in existing.items():
        if person_id not in wanted:
            invitation.delete()
    for person in invitees:
        if person.pk not in existing:
            Invitation.objects.create(unit=unit, meeting=meeting, person=person)
    return meeting


def _agenda(meeting: Meeting) -> list[AgendaItem]:
    return list(meeting.agenda_items.select_for_update().order_by("order", "pk"))


def _renumber(items: list[AgendaItem]) -> None:
    for order, item in enumerate(items, start=1):
        if item.order != order:
            item.order = order
            item.save(update_fields=["order", "updated_at"])


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, title: str, summary: str = "") -> AgendaItem:
    """A new point at the end of the programme."""
    _check_not_final(meeting)
    items = _agenda(meeting)
    _renumber(items)
    return AgendaItem.objects.create(
        unit=meeting.unit, meeting=meeting, order=len(items) + 1, title=title.strip(), summary=summary.strip()
    )


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, title: str, summary: str) -> AgendaItem:
    _check_not_final(item.meeting)
    if not title.strip():
        raise ValidationError({"title": _("Bod programu musí mít název.")})
    if (item.title, item.summary) != (title.strip(), summary.strip()):
        item.title, item.summary = title.strip(), summary.strip()
        item.save(update_fields=["title", "summary", "updated_at"])
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, step: int) -> None:
    """Move a point one place up (``step`` −1) or down (+1); at either end nothing moves."""
    _check_not_final(item.meeting)
    items = _agenda(item.meeting)
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + step
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    _renumber(items)


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, user) -> None:
    """Into the unit's trash (restorable with its minutes); the rest of the programme closes up."""
    meeting = item.meeting
    _check_not_final(meeting)
    trash_delete(obj=item, unit=meeting.unit, user=user, restore_path=meeting.get_absolute_url())
    _renumber(_agenda(meeting))


# --- Attendance --------------------------------------------------------------------------------


def attendance_refusal(meeting: Meeting, now: datetime | None = None) -> str | None:
    """Why attendance cannot be recorded now, or None when it can."""
    if meeting.state == MeetingState.CANCELLED:
        return _("Jednání bylo zrušeno; účast na něm nelze zaznamenat.")
    if meeting.state == MeetingState.CLOSED:
        return _("Jednání je uzavřené; účast už nelze měnit.")
    if meeting.starts_at > (now or timezone.now()):
        start = timezone.localtime(meeting.starts_at)
        return _("Jednání ještě nezačalo; účast lze zaznamenat od jeho začátku (%(start)s).") % {
            "start": f"{date_short(start.date())} {start:%H:%M}"
        }
    return None


@transaction.atomic
def attendance_record(
    *,
    meeting: Meeting,
    attendance: dict[int, str],
    guests: list[tuple[str, str]],
    now: datetime | None = None,
) -> None:
    """Record who came: ``attendance`` maps invitation ids to a state; ``guests`` are (name, organisation)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    refusal = attendance_refusal(meeting, now)
    if refusal:
        raise ValidationError(refusal)
    valid = set(Attendance.values) | {""}
    for invitation in meeting.invitations.all():
        value = attendance.get(invitation.pk, invitation.attendance)
        if value not in valid:
            raise ValidationError(_("Neznámý údaj o účasti."))
        if value != invitation.attendance:
            invitation.attendance = value
            invitation.save(update_fields=["attendance", "updated_at"])
    # Guests invited in advance stay; only the free-text guests of the form are replaced.
    existing = list(meeting.guests.filter(invited_at__isnull=True))
    wanted = [(name.strip(), org.strip()) for name, org in guests if name.strip()]
    if [(g.name, g.organisation) for g in existing] != wanted:
        for guest in existing:
            guest.delete()
        for name, org in wanted:
            Guest.objects.create(unit=meeting.unit, meeting=meeting, name=name, organisation=org)


def attendance_recorded(
    meeting: Meeting, invitations: list | None = None, guests: list | None = None
) -> bool:
    """Every invited person has a recorded attendance and someone was present."""
    invitations = list(meeting.invitations.all()) if invitations is None else invitations
    if any(not i.attendance for i in invitations):
        return False
    present = any(i.attendance == Attendance.PRESENT for i in invitations)
    return present or bool(meeting.guests.exists() if guests is None else guests)


@dataclass(frozen=True)
class Quorum:
    members: int
    needed: int
    present: int
    by_statute: bool

    @property
    def reached(self) -> bool:
        return self.present >= self.needed


def _statute_quorum(*, unit, on: date):
    """(members, needed) by the LP's statute in force on ``on``."""
    return quorum_for(unit=unit, on=on)


def _plenary_people(*, unit, on: date) -> set[int]:
    seats = (
        unit.partnership_members.filter(working_group__isnull=True)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .values_list("representative_id", "deputy_id")
    )
    return {person for pair in seats for person in pair if person}


def meeting_quorum(meeting: Meeting, invitations: list[Invitation] | None = None) -> Quorum:
    """Whether enough people are present for the meeting to decide.

    A session of the LP uses the partnership's statute (``quorum_for``) when that app provides it;
    otherwise, and for working groups, more than half of the invited must be present.
    """
    invitations = list(meeting.invitations.all()) if invitations is None else invitations
    present = sum(1 for i in invitations if i.attendance == Attendance.PRESENT)
    if meeting.includes_lp:
        on = timezone.localdate(meeting.starts_at)
        statute = _statute_quorum(unit=meeting.unit, on=on)
        if statute is not None:
            members, needed = statute
            count = members if isinstance(members, int) else len(members)
            if count:
                # Only the plenary's representatives (or their deputies) count toward its quorum;
                # members of a working group meeting together with the LP do not.
                plenary = _plenary_people(unit=meeting.unit, on=on)
                voting = sum(
                    1 for i in invitations if i.attendance == Attendance.PRESENT and i.person_id in plenary
                )
                return Quorum(members=count, needed=int(needed), present=voting, by_statute=True)
    members = len(invitations)
    return Quorum(members=members, needed=members // 2 + 1, present=present, by_statute=False)


# --- Minutes and decisions ---------------------------------------------------------------------


def has_minutes(meeting: Meeting, items: list | None = None) -> bool:
    items = meeting.agenda_items.all() if items is None else items
    return bool(meeting.minutes_note.strip()) or any(i.minutes.strip() for i in items)


@transaction.atomic
def minutes_save(*, meeting: Meeting, note: str, item_minutes: dict[int, str]) -> Meeting:
    """Save the minutes: a general part and a summary per agenda item."""
    _check_not_final(meeting)
    if meeting.state != MeetingState.HELD:
        raise ValidationError(_("Záznam lze psát až k jednání, které proběhlo."))
    for item in meeting.agenda_items.all():
        text = item_minutes.get(item.pk, item.minutes)
        if text != item.minutes:
            item.minutes = text
            item.save(update_fields=["minutes", "updated_at"])
    meeting.minutes_note = note
    meeting.minutes_written_at = timezone.now()
    meeting.save(update_fields=["minutes_note", "minutes_written_at", "updated_at"])
    return meeting


@transaction.atomic
def decision_add(*, meeting: Meeting, decision: Decision) -> Decision:
    _check_not_final(meeting)
    if meeting.state != MeetingState.HELD:
        raise ValidationError(_("Rozhodnutí lze zapsat až k jednání, které proběhlo."))
    decision.unit = meeting.unit
    decision.meeting = meeting
    if decision.method == DecisionMethod.CONSENSUS:
        decision.votes_for = decision.votes_against = decision.votes_abstained = None
    decision.save()
    return decision


@transaction.atomic
def task_add(*, unit, task: Task, meeting: Meeting | None = None) -> Task:
    task.unit = unit
    task.meeting = meeting
    task.save()
    return task


@transaction.atomic
def task_reopen(*, task: Task) -> Task:
    """A task marked done by mistake (or not done after all) is open again."""
    if task.state == TaskState.OPEN:
        raise ValidationError(_("Úkol je otevřený."))
    task.state = TaskState.OPEN
    task.done_on = None
    task.save(update_fields=["state", "done_on", "updated_at"])
    return task


@transaction.atomic
def meeting_reopen(*, meeting: Meeting, reason: str) -> Meeting:
    """A closed meeting back to "held" so its record can be corrected; the reason is required and
    kept in the change history with who reopened it."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.state != MeetingState.CLOSED:
        raise ValidationError({"reason": _("Znovu otevřít lze jen uzavřené jednání.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Uveďte, proč se jednání znovu otevírá.")})
    locked.state = MeetingState.HELD
    locked.reopen_reason = reason.strip()
    locked.save(update_fields=["state", "reopen_reason", "updated_at"])
    return locked


@transaction.atomic
def task_mark_done(*, task: Task, today: date | None = None) -> Task:
    if task.state == TaskState.DONE:
        raise ValidationError(_("Úkol už je splněný."))
    task.state = TaskState.DONE
    task.done_on = today or timezone.localdate()
    task.save(update_fields=["state", "done_on", "updated_at"])
    return task


# --- State changes -----------------------------------------------------------------------------

# The lifecycle: planned → held → closed, or planned → cancelled.
ALLOWED = {
    MeetingState.PLANNED: {MeetingState.HELD, MeetingState.CANCELLED},
    MeetingState.HELD: {MeetingState.CLOSED},
    MeetingState.CLOSED: set(),
    MeetingState.CANCELLED: set(),
}


def _label(state: str) -> str:
    return str(MeetingState(state).label)


@transaction.atomic
def meeting_transition(
    *, meeting: Meeting, target: str, now: datetime | None = None, reason: str = "", user=None
) -> Meeting:
    """Move a meeting along its lifecycle, or refuse with a Czech message (key ``target``).

    Closing files the minutes, the attendance sheet and the signed scan into the library (in the
    same transaction: if filing fails, the meeting stays open)."""
    # Lock the row so two people clicking at once cannot both move it.
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    now = now or timezone.now()
    if target not in MeetingState.values:
        raise ValidationError({"target": _("Neznámý stav.")})
    if target not in ALLOWED[locked.state]:
        if not ALLOWED[locked.state]:
            message = _("Jednání je ve stavu „%(current)s“; jeho stav už nelze měnit.") % {
                "current": _label(locked.state)
            }
        else:
            message = _("Z „%(current)s“ nelze přejít na „%(target)s“; možné jsou: %(allowed)s.") % {
                "current": _label(locked.state),
                "target": _label(target),
                "allowed": ", ".join(
                    f"„{_label(s)}“" for s in MeetingState.values if s in ALLOWED[locked.state]
                ),
            }
        raise ValidationError({"target": message})
    if target == MeetingState.HELD and locked.starts_at > now:
        raise ValidationError(
            {"target": _("Jednání ještě nezačalo; jako proběhlé ho lze označit až po začátku.")}
        )
    if target == MeetingState.CLOSED:
        missing = []
        if not has_minutes(locked):
            missing.append(_("záznam z jednání"))
        if not attendance_recorded(locked):
            missing.append(_("účast všech pozvaných"))
        if missing:
            raise ValidationError(
                {"target": _("Jednání nelze uzavřít, chybí: %(missing)s.") % {"missing": ", ".join(missing)}}
            )
    locked.state = target
    fields = ["state", "updated_at"]
    if target == MeetingState.CANCELLED:
        locked.cancel_reason = reason
        fields.append("cancel_reason")
    locked.save(update_fields=fields)
    if target == MeetingState.CLOSED:
        file_meeting_records(meeting=locked, user=user)
    return locked


def file_meeting_records(*, meeting: Meeting, user=None) -> list:
    """Store the minutes and the attendance sheet (PDF), and the signed scan if any, in the unit's
    library, linked to the meeting. Closing again after a reopening adds new versions."""
    day = timezone.localdate(meeting.starts_at)
    records = [
        (meeting_documents.minutes(meeting, fmt="pdf"), DocumentType.MINUTES, _("Záznam z jednání")),
        (
            meeting_documents.attendance_sheet(meeting, fmt="pdf"),
            DocumentType.ATTENDANCE,
            _("Prezenční listina"),
        ),
    ]
    if meeting.attendance_scan:
        with meeting.attendance_scan.open("rb") as scan:
            content = scan.read()
        name = meeting.attendance_scan.name.rsplit("/", 1)[-1]
        scanned = RenderedDocument(name, meeting.attendance_scan_type or mime_type(name), content)
        records.append((scanned, DocumentType.ATTENDANCE, _("Podepsaná prezenční listina")))
    return [
        store_rendered(
            unit=meeting.unit,
            rendered=rendered,
            doc_type=doc_type,
            title=f"{label} – {meeting.title}"[:300],
            user=user,
            issued_on=day,
            subject=meeting,
        )
        for rendered, doc_type, label in records
    ]


# --- Invitations and the calendar feed ---------------------------------------------------------


@transaction.atomic
def send_invitations(*, meeting: Meeting, only_unsent: bool = False) -> int:
    """Queue for each invited person with an e-mail address an invitation with an .ics attachment.

    The outbox delivers them (spojka/lib/mail.py); each invitation keeps its message, so the
    meeting page shows whether it was sent.
    """
    _check_not_final(meeting)
    if meeting.state != MeetingState.PLANNED:
        raise ValidationError(_("Pozvánky lze rozeslat jen na plánované jednání."))
    invitations = [
        i
        for i in meeting.invitations.select_related("person")
        if i.person.email and not (only_unsent and i.sent_at)
    ]
    if not invitations:
        raise ValidationError(_("Nikdo z pozvaných nemá e-mailovou adresu."))
    ics = meeting_invitation_ics(meeting)
    url = absolute_url(meeting.get_absolute_url())
    agenda = list(meeting.agenda_items.all())
    now = timezone.now()
    for invitation in invitations:
        body = render_to_string(
            "meetings/email/invitation.txt",
            {"meeting": meeting, "person": invitation.person, "agenda": agenda, "url": url},
        )
        message = mail.EmailMessage(
            subject=_("Pozvánka: %(title)s") % {"title": meeting.title},
            body=body,
            to=[invitation.person.email],
        )
        message.attach("pozvanka.ics", ics, "text/calendar; method=REQUEST; charset=utf-8")
        invitation.email = outbox.queue(message)
        invitation.sent_at = now
        invitation.save(update_fields=["email", "sent_at", "updated_at"])
    return len(invitations)


@transaction.atomic
def guest_invite(*, meeting: Meeting, name: str, organisation: str, email: str) -> Guest:
    """Invite a guest who is not a partnership person (the ASZ consultant, an external expert) by
    e-mail in advance: the guest is recorded on the meeting (and so on the attendance sheet) and the
    invitation, with its .ics, is queued in the outbox at once."""
    _check_not_final(meeting)
    if meeting.state != MeetingState.PLANNED:
        raise ValidationError(_("Hosty lze pozvat jen na plánované jednání."))
    if meeting.guests.filter(email__iexact=email).exists():
        raise ValidationError(_("Host s adresou %(email)s už je pozván.") % {"email": email})
    guest = Guest.objects.create(
        unit=meeting.unit, meeting=meeting, name=name, organisation=organisation, email=email
    )
    body = render_to_string(
        "meetings/email/invitation.txt",
        {
            "meeting": meeting,
            "person": guest,
            "agenda": list(meeting.agenda_items.all()),
            "url": absolute_url(meeting.get_absolute_url()),
        },
    )
    message = mail.EmailMessage(
        subject=_("Pozvánka: %(title)s") % {"title": meeting.title}, body=body, to=[email]
    )
    message.attach(
        "pozvanka.ics", meeting_invitation_ics(meeting), "text/calendar; method=REQUEST; charset=utf-8"
    )
    outbox.queue(message)
    guest.invited_at = timezone.now()
    guest.save(update_fields=["invited_at", "updated_at"])
    return guest


@transaction.atomic
def invitation_resend(*, invitation: Invitation) -> None:
    """Requeue an invitation whose delivery failed ("odeslat znovu")."""
    if invitation.email is None or not outbox.resend(invitation.email):
        raise ValidationError(_("Znovu lze odeslat jen pozvánku, jejíž odeslání se nepodařilo."))


def calendar_feed_for(unit) -> CalendarFeed:
    feed = CalendarFeed.objects.filter(unit=unit).first()
    if feed is None:
        feed = CalendarFeed.objects.create(unit=unit)
    return feed


@transaction.atomic
def calendar_feed_regenerate(*, unit) -> tuple[CalendarFeed, bool]:
    """A secret address for the unit's feed: the first one, or a new one in place of the old, which
    stops working at once (e.g. after it leaked). Returns the feed and whether an old address went."""
    feed = CalendarFeed.objects.select_for_update().filter(unit=unit).first()
    if feed is None:
        return CalendarFeed.objects.create(unit=unit), False
    feed.token = new_feed_token()
    feed.save()
    return feed, True


# --- Reminders to close held meetings ----------------------------------------------------------

REMINDER_DAYS = (3, 7)


def remind_unclosed_meetings(*, now: datetime | None = None) -> int:
    """Remind organisers of meetings held but not closed 3 and 7 days after they ended.

    Each reminder is recorded (unique per meeting and threshold) and queued in one transaction
    (``remind_once``), so a second run, or two runs at once, queues nothing twice, and the outbox
    retries a failed delivery. Returns the number of reminders queued.
    """
    now = now or timezone.now()
    sent = 0
    candidates = Meeting.objects.filter(
        state=MeetingState.HELD, ends_at__lte=now - timedelta(days=min(REMINDER_DAYS))
    ).select_related("organiser", "unit")
    for meeting in candidates:
        email = meeting.organiser.email if meeting.organiser else ""
        if not email:
            continue
        due = [d for d in REMINDER_DAYS if meeting.ends_at <= now - timedelta(days=d)]
        done = set(meeting.reminders_sent.values_list("after_days", flat=True))
        days = max(due)
        if days in done:
            continue
        body = render_to_string(
            "meetings/email/reminder.txt",
            {"meeting": meeting, "days": days, "url": absolute_url(meeting.get_absolute_url())},
        )
        message = mail.EmailMessage(
            subject=_("Připomínka: uzavřete jednání %(title)s") % {"title": meeting.title},
            body=body,
            to=[email],
        )

        def record(meeting=meeting, due=due, done=done, email=email) -> None:
            # Lower thresholds passed unnoticed (e.g. cron was down) are recorded, not sent.
            for d in due:
                if d not in done:
                    ReminderSent.objects.create(meeting=meeting, after_days=d, sent_to=email)

        sent += outbox.remind_once(record, message)
    return sent
