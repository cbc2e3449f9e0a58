"""Meetings of the local partnership and its working groups: attendance, minutes, tasks.

The names ``Meeting``, ``MeetingKind``, ``MeetingState`` and ``Task`` are a contract with other apps
(compliance counts held meetings, documents links to them): see the project's model contracts.
"""

from __future__ import annotations

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spojka.cooperation.models import TenantOwned
from spojka.lib.audit import register_audited
from spojka.lib.czech import by_gender


class MeetingKind(models.TextChoices):
    LP_PLENARY = "lp_plenary", _("jednání LP (plénum)")
    WORKING_GROUP = "working_group", _("jednání pracovní skupiny")
    EVALUATION = "evaluation", _("hodnoticí jednání (konzultant ASZ, manažer SZ, pověřený zástupce)")
    PUBLIC = "public", _("veřejné setkání")
    OTHER = "other", _("jiné")


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("plánováno")
    HELD = "held", _("proběhlo")
    CLOSED = "closed", _("uzavřeno")
    CANCELLED = "cancelled", _("zrušeno")


# "Held" for counting obligations: a closed meeting was held too.
HELD_STATES = (MeetingState.HELD, MeetingState.CLOSED)


def attendance_scan_path(instance: Meeting, filename: str) -> str:
    return f"meetings/{instance.unit_id}/{instance.pk}/prezencni-listina/{filename}"


class Meeting(TenantOwned):
    """One meeting; it may be a session of the LP plenary and of several working groups at once."""

    unit = models.ForeignKey("cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("název"), max_length=300)
    kind = models.CharField(
        _("druh"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.LP_PLENARY
    )
    state = models.CharField(
        _("stav"), max_length=20, choices=MeetingState.choices, default=MeetingState.PLANNED
    )
    starts_at = models.DateTimeField(_("začátek"))
    ends_at = models.DateTimeField(_("konec"))
    place = models.CharField(_("místo"), max_length=300, blank=True)
    online_link = models.URLField(_("odkaz na online připojení"), max_length=500, blank=True)
    includes_lp = models.BooleanField(
        _("jednání pléna LP"), default=False, help_text=_("Jednání je zasedáním lokálního partnerství.")
    )
    working_groups = models.ManyToManyField(
        "partnership.WorkingGroup",
        verbose_name=_("pracovní skupiny"),
        blank=True,
        related_name="meetings",
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organizátor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organised_meetings",
    )
    minutes_note = models.TextField(
        _("záznam z jednání (obecná část)"),
        blank=True,
        help_text=_("Úvod, závěr a vše, co nepatří k jednomu bodu programu."),
    )
    minutes_written_at = models.DateTimeField(_("záznam pořízen"), null=True, blank=True)
    cancel_reason = models.CharField(_("důvod zrušení"), max_length=300, blank=True)
    # Each reopening overwrites it; the change history keeps every reason with who and when.
    reopen_reason = models.CharField(_("důvod znovuotevření"), max_length=300, blank=True)
    attendance_scan = models.FileField(
        _("podepsaná prezenční listina (sken)"), upload_to=attendance_scan_path, blank=True, max_length=300
    )
    attendance_scan_type = models.CharField(_("typ souboru skenu"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("jednání")
        verbose_name_plural = _("jednání")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["unit", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting_detail", kwargs={"unit": self.unit.slug, "pk": self.pk})

    @property
    def is_held(self) -> bool:
        return self.state in HELD_STATES

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()


class AgendaItem(TenantOwned):
    """A point of the programme; ``minutes`` is what the minutes say about it."""

    unit = models.ForeignKey("cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)
    title = models.CharField(_("bod programu"), max_length=300)
    summary = models.TextField(_("popis"), blank=True)
    minutes = models.TextField(_("záznam k bodu"), blank=True)

    class Meta:
        verbose_name = _("bod programu")
        verbose_name_plural = _("body programu")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.TextChoices):
    """Labels that need no gender; ``attendance_word`` inflects them for a person whose gender is recorded."""

    PRESENT = "present", _("přítomnost")
    EXCUSED = "excused", _("omluvená nepřítomnost")
    ABSENT = "absent", _("neomluvená nepřítomnost")


# (feminine, masculine) wording of each attendance; the choice label is the neutral one.
ATTENDANCE_GENDERED = {
    Attendance.PRESENT: (_("přítomna"), _("přítomen")),
    Attendance.EXCUSED: (_("omluvena"), _("omluven")),
    Attendance.ABSENT: (_("nepřítomna"), _("nepřítomen")),
}


def attendance_word(value: str, gender: str) -> str:
    """How an attendance reads for a person of ``gender`` ("přítomna", "přítomen", "přítomnost")."""
    if not value:
        return ""
    feminine, masculine = ATTENDANCE_GENDERED[Attendance(value)]
    return by_gender(
        gender, feminine=str(feminine), masculine=str(masculine), neutral=str(Attendance(value).label)
    )


def attendance_choices(gender: str) -> list[tuple[str, str]]:
    return [(value, attendance_word(value, gender)) for value in Attendance.values]


class Invitation(TenantOwned):
    """An invited person and, once the meeting took place, their attendance."""

    unit = models.ForeignKey("cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        "partnership.Person", verbose_name=_("osoba"), on_delete=models.PROTECT, related_name="invitations"
    )
    attendance = models.CharField(_("účast"), max_length=10, choices=Attendance.choices, blank=True)
    sent_at = models.DateTimeField(_("pozvánka odeslána"), null=True, blank=True)
    # The invitation's message in the outbox: its delivery state is shown on the meeting page.
    email = models.ForeignKey(
        "post_office.Email",
        verbose_name=_("e-mail"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("pozvaná osoba")
        verbose_name_plural = _("pozvané osoby")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="unique_invitation")]

    def __str__(self) -> str:
        return str(self.person)

    @property
    def attendance_word(self) -> str:
        return attendance_word(self.attendance, self.person.grammatical_gender)


class Guest(TenantOwned):
    """Someone present who was not invited by name (signs a blank row of the attendance sheet)."""

    unit = models.ForeignKey("cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("jméno"), max_length=200)
    organisation = models.CharField(_("organizace"), max_length=300, blank=True)
    # A guest invited in advance (the ASZ consultant, an external expert): the invitation is queued
    # in the outbox at once; such a guest is not replaced when attendance is recorded.
    email = models.EmailField(_("e-mail"), blank=True)
    invited_at = models.DateTimeField(_("pozvánka odeslána"), null=True, blank=True)

    class Meta:
        verbose_name = _("host")
        verbose_name_plural = _("hosté")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def full_name(self) -> str:  # read by the invitation e-mail, like a person's
        return self.name


class DecisionMethod(models.TextChoices):
    CONSENSUS = "consensus", _("konsenzem")
    VOTE = "vote", _("hlasováním")


class Decision(TenantOwned):
    unit = models.ForeignKey("cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("bod programu"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    text = models.TextField(_("znění rozhodnutí"))
    method = models.CharField(
        _("způsob přijetí"), max_length=20, choices=DecisionMethod.choices, default=DecisionMethod.CONSENSUS
    )
    votes_for = models.PositiveSmallIntegerField(_("pro"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("proti"), null=True, blank=True)
    votes_abstained = models.PositiveSmallIntegerField(_("zdrželo se"), null=True, blank=True)

    class Meta:
        verbose_name = _("rozhodnutí")
        verbose_name_plural = _("rozhodnutí")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:80]


class TaskState(models.TextChoices):
    OPEN = "open", _("otevřený")
    DONE = "done", _("splněný")


class Task(TenantOwned):
    unit = models.ForeignKey("cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="tasks")
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("jednání"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
    )
    title = models.CharField(_("úkol"), max_length=300)
    assignee = models.ForeignKey(
        "partnership.Person",
        verbose_name=_("odpovídá"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
    )
    due_on = models.DateField(_("termín"), null=True, blank=True)
    state = models.CharField(_("stav"), max_length=10, choices=TaskState.choices, default=TaskState.OPEN)
    done_on = models.DateField(_("splněno dne"), null=True, blank=True)

    class Meta:
        verbose_name = _("úkol")
        verbose_name_plural = _("úkoly")
        ordering = ["state", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: date) -> bool:
        return self.state == TaskState.OPEN and self.due_on is not None and self.due_on < today


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(TenantOwned):
    """The secret address of a unit's iCal feed; whoever knows the token can read the calendar."""

    unit = models.OneToOneField(
        "cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="meeting_calendar_feed"
    )
    token = models.CharField(_("tajný klíč"), max_length=64, unique=True, default=new_feed_token)

    class Meta:
        verbose_name = _("kalendář jednání (iCal)")
        verbose_name_plural = _("kalendáře jednání (iCal)")

    def __str__(self) -> str:
        return str(_("Kalendář jednání – %(unit)s") % {"unit": self.unit})


class ReminderSent(models.Model):
    """A reminder to close a held meeting that was already sent, so a second run sends nothing twice."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reminders_sent")
    after_days = models.PositiveSmallIntegerField(_("po dnech"))
    sent_to = models.EmailField(_("komu"), blank=True)
    sent_at = models.DateTimeField(_("odesláno"), auto_now_add=True)

    class Meta:
        verbose_name = _("odeslaná upomínka")
        verbose_name_plural = _("odeslané upomínky")
        constraints = [models.UniqueConstraint(fields=["meeting", "after_days"], name="unique_reminder")]

    def __str__(self) -> str:
        return f"{self.meeting} (+{self.after_days})"


register_audited(Meeting, AgendaItem, Invitation, Guest, Decision, Task)
# Whoever knows the token reads the calendar; partners read the history.
register_audited(CalendarFeed, exclude=("token",))
