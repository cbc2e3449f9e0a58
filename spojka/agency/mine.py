"""The consultant's home: deadlines, failing rules, tasks and meetings across all their units.

A constant number of queries: the units' current descriptions, their statuses through the cache of
``compliance.stored`` (evaluated only when a unit changed), the open tasks and the coming meetings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.compliance import evaluation, stored
from spojka.compliance.summary import schedule_summary
from spojka.cooperation.models import TerritorialUnit
from spojka.lib.czech import date_short
from spojka.meetings.models import Meeting, MeetingState, Task, TaskState

DEADLINE_DAYS = 60
MEETING_DAYS = 30


@dataclass(frozen=True)
class Item:
    unit: TerritorialUnit
    day: date | None
    text: str
    url: str
    status: str = ""  # a badge modifier
    status_label: str = ""


@dataclass
class MyUnits:
    units: list[TerritorialUnit]
    deadlines: list[Item]
    failing: list[Item]
    tasks: list[Item]
    meetings: list[Item]


def _rule_url(unit: TerritorialUnit, rule_pk: int) -> str:
    return reverse("compliance:rule_detail", kwargs={"unit": unit.slug, "pk": rule_pk})


def my_units(units: QuerySet[TerritorialUnit], today: date) -> MyUnits:
    units = list(units.order_by("name", "pk"))
    by_pk = {u.pk: u for u in units}
    horizon = today + timedelta(days=DEADLINE_DAYS)
    deadlines, failing = _schedule_items(units, by_pk, today, horizon)
    tasks, task_deadlines = _task_items(units, by_pk, today, horizon)
    deadlines += task_deadlines
    deadlines.sort(key=lambda i: (i.day, i.unit.name))
    meetings = _meeting_items(units, by_pk, today)
    return MyUnits(units=units, deadlines=deadlines, failing=failing, tasks=tasks, meetings=meetings)


def _schedule_items(
    units: list[TerritorialUnit], by_pk: dict[int, TerritorialUnit], today: date, horizon: date
) -> tuple[list[Item], list[Item]]:
    """Deadlines (descriptions ending, rules falling due) before ``horizon``, and failing rules."""
    descriptions = evaluation.current_descriptions(units, today) if units else {}
    for description in descriptions.values():
        description.unit = by_pk[description.unit_id]
    statuses = stored.statuses_for(list(descriptions.values()), today)
    deadlines: list[Item] = []
    failing: list[Item] = []
    for unit_id, description in descriptions.items():
        unit = by_pk[unit_id]
        if description.valid_to and today <= description.valid_to <= horizon:
            deadlines.append(
                Item(
                    unit,
                    description.valid_to,
                    _("Konec platnosti popisu spolupráce"),
                    reverse("compliance:dashboard", kwargs={"unit": unit.slug}),
                    "at_risk",
                    _("za %(days)s dní") % {"days": (description.valid_to - today).days},
                )
            )
        summary = schedule_summary(statuses.get(description.pk, []), today)
        failing += [
            Item(
                unit,
                f.rule.next_due,
                f"{f.activity}: {f.rule.rule.text}",
                _rule_url(unit, f.rule.rule.pk),
                f.status.value,
                str(f.status.label),
            )
            for f in summary.failing
        ]
        for activity in statuses.get(description.pk, []):
            deadlines += [
                Item(
                    unit,
                    rule.next_due,
                    f"{activity.activity.name}: {rule.rule.text}",
                    _rule_url(unit, rule.rule.pk),
                    rule.current_status.value,
                    str(rule.current_status.label),
                )
                for rule in activity.rules
                if rule.next_due and today <= rule.next_due <= horizon
            ]
    return deadlines, failing


def _task_items(
    units: list[TerritorialUnit], by_pk: dict[int, TerritorialUnit], today: date, horizon: date
) -> tuple[list[Item], list[Item]]:
    """The open tasks, and those falling due before ``horizon`` as deadlines."""
    tasks: list[Item] = []
    deadlines: list[Item] = []
    for task in (
        Task.objects.filter(unit__in=units, state=TaskState.OPEN)
        .select_related("assignee")
        .order_by("due_on", "pk")
    ):
        unit = by_pk[task.unit_id]
        url = reverse("meetings:task_list", kwargs={"unit": unit.slug})
        overdue = task.is_overdue(today)
        label = _("po termínu") if overdue else ""
        tasks.append(Item(unit, task.due_on, task.title, url, "unmet" if overdue else "", label))
        if task.due_on and today <= task.due_on <= horizon:
            deadlines.append(Item(unit, task.due_on, _("Úkol: %(title)s") % {"title": task.title}, url))
    return tasks, deadlines


def _meeting_items(
    units: list[TerritorialUnit], by_pk: dict[int, TerritorialUnit], today: date
) -> list[Item]:
    """Meetings of the next MEETING_DAYS days, cancelled ones left out."""
    start = timezone.make_aware(datetime.combine(today, time.min))
    end = timezone.make_aware(datetime.combine(today + timedelta(days=MEETING_DAYS), time.max))
    return [
        Item(
            by_pk[m.unit_id],
            timezone.localdate(m.starts_at),
            f"{m.title} ({date_short(timezone.localtime(m.starts_at))} {timezone.localtime(m.starts_at):%H:%M})",
            reverse("meetings:meeting_detail", kwargs={"unit": by_pk[m.unit_id].slug, "pk": m.pk}),
        )
        for m in Meeting.objects.filter(unit__in=units, starts_at__range=(start, end))
        .exclude(state=MeetingState.CANCELLED)
        .order_by("starts_at", "pk")
    ]
