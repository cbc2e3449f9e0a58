"""The daily reminder digest: one e-mail per responsible person with everything that needs them.

Responsible people are the editors and consultants of a unit (accounts with a membership and an
e-mail address). A digest lists, for each of their units: deadlines falling due in exactly 30 and
7 days, rules at risk now, overdue open tasks and meetings that took place but are not closed
(or are still marked planned although their day has passed).

Safe to run twice a day: a ``ReminderDigest`` row per address and day is written in the same
transaction as the e-mail is queued in the outbox (``spojka.lib.mail.remind_once``), and an
address that already has one for the day is skipped. The outbox retries a failed delivery.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.accounts.models import Membership, Role
from spojka.compliance import evaluation, stored
from spojka.compliance.engine import Status
from spojka.compliance.models import ReminderDigest
from spojka.cooperation.models import TerritorialUnit
from spojka.cooperation.validity import Validity, validity_on
from spojka.lib.czech import date_short
from spojka.lib.mail import remind_once
from spojka.lib.urls import absolute_url
from spojka.meetings.models import Meeting, MeetingState, Task, TaskState

REMINDER_DAYS = (30, 7)
# The end of the cooperation's validity is announced 90, 30 and 7 days before it; once it has ended,
# the digest says nothing of the unit but the prompt to renew it, on these days after the end.
VALIDITY_WARNING_DAYS = (90, 30, 7)
RENEWAL_PROMPT_DAYS = (1, 30, 90)
RESPONSIBLE_ROLES = (Role.EDITOR, Role.CONSULTANT)


@dataclass
class UnitReport:
    unit: TerritorialUnit
    deadlines: list[str] = field(default_factory=list)
    at_risk: list[str] = field(default_factory=list)
    overdue_tasks: list[str] = field(default_factory=list)
    meetings_to_close: list[str] = field(default_factory=list)
    validity: list[str] = field(default_factory=list)
    renewal: list[str] = field(default_factory=list)
    ended: bool = False

    @property
    def count(self) -> int:
        return (
            len(self.deadlines)
            + len(self.at_risk)
            + len(self.overdue_tasks)
            + len(self.meetings_to_close)
            + len(self.validity)
            + len(self.renewal)
        )


def _linked(text: str, path: str) -> str:
    """An item of the digest with its own link on the next line (the configured site address)."""
    return f"{text}\n    {absolute_url(path)}"


def _validity(report: UnitReport, description, today: date) -> bool:
    """Warn of the end of validity; for an ended cooperation only prompt its renewal (returns False)."""
    state = validity_on(description, today)
    unit = report.unit
    if state.validity == Validity.ENDED:
        report.ended = True
        since = (today - description.valid_to).days if description.valid_to else None
        if since in RENEWAL_PROMPT_DAYS:
            report.renewal.append(
                _linked(
                    _("Spolupráce skončila dne %(date)s: připravte navazující popis spolupráce.")
                    % {"date": date_short(description.valid_to)},
                    reverse("cooperation:description_list", kwargs={"unit": unit.slug}),
                )
            )
        return False
    if state.is_valid and state.days_left in VALIDITY_WARNING_DAYS:
        report.validity.append(
            _linked(
                _("Platnost popisu spolupráce končí za %(days)s dní (%(date)s).")
                % {"days": state.days_left, "date": date_short(description.valid_to)},
                reverse("compliance:dashboard", kwargs={"unit": unit.slug}),
            )
        )
    return True


def unit_reports(*, today: date, units: list[TerritorialUnit] | None = None) -> dict[int, UnitReport]:
    """What each unit's responsible people should hear about today (units with nothing are left out)."""
    units = list(TerritorialUnit.objects.all()) if units is None else units
    reports = {unit.pk: UnitReport(unit=unit) for unit in units}
    descriptions = evaluation.current_descriptions(units)
    evaluated = stored.statuses_for(list(descriptions.values()), today)
    remind_on = {today + timedelta(days=d): d for d in REMINDER_DAYS}
    for description in descriptions.values():
        report = reports[description.unit_id]
        if not _validity(report, description, today):
            continue  # ended: nothing but the renewal prompt
        for activity in evaluated[description.pk]:
            for rs in activity.rules:
                label = f"{rs.rule.text} ({activity.activity.name})"
                path = reverse("compliance:rule_detail", kwargs={"unit": report.unit.slug, "pk": rs.rule.pk})
                if rs.next_due in remind_on:
                    report.deadlines.append(
                        _linked(
                            _("za %(days)s dní (%(date)s): %(rule)s – %(status)s")
                            % {
                                "days": remind_on[rs.next_due],
                                "date": date_short(rs.next_due),
                                "rule": label,
                                "status": rs.current_status.label,
                            },
                            path,
                        )
                    )
                if rs.current_status == Status.AT_RISK:
                    report.at_risk.append(_linked(label, path))
    _tasks_and_meetings({pk: r for pk, r in reports.items() if not r.ended}, today)
    return {pk: r for pk, r in reports.items() if r.count}


def _tasks_and_meetings(reports: dict[int, UnitReport], today: date) -> None:
    for unit_id, title, due_on in Task.objects.filter(
        unit_id__in=reports, state=TaskState.OPEN, due_on__lt=today
    ).values_list("unit_id", "title", "due_on"):
        reports[unit_id].overdue_tasks.append(
            _linked(
                _("%(title)s (termín %(date)s)") % {"title": title, "date": date_short(due_on)},
                reverse("meetings:task_list", kwargs={"unit": reports[unit_id].unit.slug}),
            )
        )
    start_of_today = timezone.make_aware(datetime.combine(today, time.min))
    for pk, unit_id, title, starts_at in (
        Meeting.objects.filter(
            unit_id__in=reports,
            starts_at__lt=start_of_today,
            state__in=[MeetingState.HELD, MeetingState.PLANNED],
        )
        .order_by("starts_at")
        .values_list("pk", "unit_id", "title", "starts_at")
    ):
        reports[unit_id].meetings_to_close.append(
            _linked(
                _("%(title)s (%(date)s)")
                % {"title": title, "date": date_short(timezone.localtime(starts_at))},
                reverse("meetings:meeting_detail", kwargs={"unit": reports[unit_id].unit.slug, "pk": pk}),
            )
        )


def _body(reports: list[UnitReport]) -> str:
    lines = [_("Dobrý den,"), "", _("Spojka posílá přehled toho, co v harmonogramu vyžaduje pozornost."), ""]
    sections = (
        ("validity", _("Konec platnosti spolupráce")),
        ("renewal", _("Obnovení spolupráce")),
        ("deadlines", _("Blížící se termíny")),
        ("at_risk", _("Pravidla, jejichž plnění je ohroženo")),
        ("overdue_tasks", _("Úkoly po termínu")),
        ("meetings_to_close", _("Jednání k uzavření")),
    )
    for report in reports:
        lines.append(f"== {report.unit.name} ==")
        for attribute, title in sections:
            items = getattr(report, attribute)
            if items:
                lines.append(f"{title}:")
                lines.extend(f"  - {item}" for item in items)
        url = absolute_url(reverse("compliance:dashboard", kwargs={"unit": report.unit.slug}))
        lines += [_("Přehled plnění: %(url)s") % {"url": url}, ""]
    lines.append(_("Tuto zprávu Spojka posílá nejvýše jednou denně."))
    return "\n".join(lines)


def send_reminders(*, today: date) -> tuple[int, int]:
    """Send today's digests; returns (sent, skipped because already sent today)."""
    reports = unit_reports(today=today)
    by_email: dict[str, list[UnitReport]] = defaultdict(list)
    users = {}
    for membership in (
        Membership.objects.active()
        .filter(unit_id__in=reports, role__in=RESPONSIBLE_ROLES, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("unit__name", "user_id")
    ):
        email = membership.user.email.strip().lower()
        by_email[email].append(reports[membership.unit_id])
        users.setdefault(email, membership.user)
    recipients = {email: (users[email], items) for email, items in by_email.items()}

    sent = skipped = 0
    for email, (user, unit_list) in sorted(recipients.items()):
        message = EmailMessage(
            subject=_("Spojka: přehled upozornění %(date)s") % {"date": date_short(today)},
            body=_body(unit_list),
            to=[email],
        )

        def record(email=email, user=user, unit_list=unit_list) -> None:
            ReminderDigest.objects.create(
                email=email, sent_on=today, user=user, items=sum(r.count for r in unit_list)
            )

        if remind_once(record, message):
            sent += 1
        else:
            skipped += 1  # already sent today
    return sent, skipped
