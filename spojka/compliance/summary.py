"""What is due now: the summary at the top of a unit's landing page ("co mám teď udělat?").

``schedule_summary`` reads a description's evaluated statuses (no query): the rules failed or at
risk in the current period and the next deadline. ``unit_summary`` adds what needs the database:
overdue tasks, the next meeting, training hours against the commitment, and the validity left. The
agency overview can call ``schedule_summary`` per unit on the same statuses, so both say the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q
from django.utils import timezone

from spojka.compliance.engine import Status
from spojka.compliance.evaluation import ActivityStatus, RuleStatus
from spojka.compliance.models import RuleKind
from spojka.cooperation.models import CooperationDescription, TerritorialUnit
from spojka.cooperation.validity import ValidityState, validity_on
from spojka.meetings.models import Meeting, MeetingState, Task, TaskState
from spojka.training.indicator import TrainingResult
from spojka.training.services import training_indicator

FAILING = (Status.UNMET, Status.AT_RISK)
OVERDUE_TASKS_SHOWN = 5


@dataclass(frozen=True)
class FailingRule:
    activity: str
    rule: RuleStatus
    status: Status  # in the current period (or of the deadline)


@dataclass
class ScheduleSummary:
    failing: list[FailingRule] = field(default_factory=list)
    next_due: date | None = None
    next_due_rule: RuleStatus | None = None
    next_due_activity: str = ""


def _current_status(rule: RuleStatus, today: date) -> Status | None:
    """How the rule stands in the current period; a deadline counts in the year it falls due."""
    if rule.rule.kind == RuleKind.DEADLINE:
        due = rule.due
        return rule.status if due and (due.year == today.year or rule.status == Status.AT_RISK) else None
    return rule.current.status if rule.current else None


def schedule_summary(statuses: list[ActivityStatus], today: date) -> ScheduleSummary:
    """Rules failed or at risk now (worst first) and the next deadline, from evaluated statuses."""
    summary = ScheduleSummary()
    for activity in statuses:
        for rule in activity.rules:
            status = _current_status(rule, today)
            if status in FAILING:
                summary.failing.append(FailingRule(activity.activity.name, rule, status))
            if rule.next_due and (summary.next_due is None or rule.next_due < summary.next_due):
                summary.next_due, summary.next_due_rule = rule.next_due, rule
                summary.next_due_activity = activity.activity.name
    summary.failing.sort(key=lambda f: (-f.status.severity, f.rule.next_due or date.max))
    return summary


@dataclass
class UnitSummary:
    description: CooperationDescription | None
    validity: ValidityState | None
    schedule: ScheduleSummary
    overdue_tasks: list[Task]
    overdue_count: int
    open_count: int
    next_meeting: Meeting | None
    training: TrainingResult | None


def first_open_tasks(unit: TerritorialUnit, count: int) -> list[Task]:
    """The unit's first ``count`` open tasks by due date (those without a date last, on both databases)."""
    return list(
        Task.objects.filter(unit=unit, state=TaskState.OPEN)
        .select_related("assignee")
        .order_by(F("due_on").asc(nulls_last=True), "pk")[:count]
    )


def unit_summary(
    *,
    unit: TerritorialUnit,
    description: CooperationDescription | None,
    statuses: list[ActivityStatus],
    today: date,
    first_open: list[Task],
) -> UnitSummary:
    """The dashboard's cards for one unit (two queries, three with a training commitment)."""
    open_tasks = Task.objects.filter(unit=unit, state=TaskState.OPEN)
    counts = open_tasks.aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    # The overdue tasks are the first of the open ones by due date (``first_open_tasks``, at least
    # OVERDUE_TASKS_SHOWN of them): the list the dashboard shows.
    overdue = [t for t in first_open if t.due_on and t.due_on < today][:OVERDUE_TASKS_SHOWN]
    next_meeting = (
        Meeting.objects.filter(unit=unit, state=MeetingState.PLANNED, starts_at__gte=timezone.now())
        .order_by("starts_at", "pk")
        .first()
    )
    return UnitSummary(
        description=description,
        validity=validity_on(description, today) if description else None,
        schedule=schedule_summary(statuses, today),
        overdue_tasks=overdue,
        overdue_count=counts["overdue"],
        open_count=counts["open"],
        next_meeting=next_meeting,
        training=training_indicator(description=description, on=today) if description else None,
    )
