"""One row of facts per unit for the agency: a constant number of queries for any number of units.

``unit_facts(units, today)`` reads, for all the given units at once:

* the cooperation's state from its descriptions through ``cooperation.validity`` (never from the
  lifecycle status alone): valid, ending within 90 days, upcoming, draft, ended, or no description;
* the inclusion plan of the current year (none / draft / approved) and its fulfilment
  (``plans.progress``), with the date of the council's approval and the agency's statement;
* LP meetings held in the calendar year of ``today`` against what the LP frequency rule of the
  current description requires that year (``compliance.engine.frequency_periods``), and the last one;
* training hours inside the current description's validity up to ``today`` against its commitment
  (``training.indicator.evaluate_training``: the distance cap applies);
* open and overdue tasks, consultants, the support type and the memorandum;
* failing rules from the precomputed ``UnitStatus`` rows (only when ``today`` is the real today;
  a report of a past period does not read today's statuses).

Everything is dated: with ``today`` = 31. 12. of a past year, facts entered later (meetings,
trainings, council resolutions, statements dated after it) do not count: the project report is
time-true. Tasks too: a task counts as open on a day when it was created by then and was not done
by then (it records the day it was done), so a task entered or done later does not move a past year.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Count, F, Max, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spojka.accounts.models import Membership, Role, User
from spojka.agency.models import AgencyStatement, SupportPeriod, SupportType
from spojka.compliance import stored
from spojka.compliance.engine import frequency_periods
from spojka.compliance.models import Rule, RuleKind, UnitStatus
from spojka.cooperation.models import CooperationDescription, Memorandum, TerritorialUnit
from spojka.cooperation.validity import Validity, ValidityState, in_force_on, validity_on
from spojka.meetings.models import HELD_STATES, Meeting, MeetingKind, Task, TaskState
from spojka.plans.models import InclusionPlan, PlanStatus
from spojka.plans.progress import plan_progress
from spojka.plans.selectors import plans_with_progress_tree
from spojka.training.indicator import Credit, TrainingResult, evaluate_training
from spojka.training.models import Participation
from spojka.training.services import training_commitment

ENDING_DAYS = 90
ZERO = Decimal(0)


class State:
    VALID = "valid"
    ENDING = "ending"
    UPCOMING = "upcoming"
    DRAFT = "draft"
    ENDED = "ended"
    NONE = "none"


STATE_CHOICES = [
    (State.ENDED, _("skončilo")),
    (State.ENDING, _("končí do 90 dnů")),
    (State.VALID, _("platné")),
    (State.UPCOMING, _("nastávající")),
    (State.DRAFT, _("návrh")),
    (State.NONE, _("bez popisu spolupráce")),
]
STATE_LABELS = dict(STATE_CHOICES)
# Badge modifiers of the states (style.md: the existing status badges).
STATE_CSS = {
    State.ENDED: "unmet",
    State.ENDING: "at_risk",
    State.VALID: "valid",
    State.UPCOMING: "approved",
    State.DRAFT: "draft",
    State.NONE: "draft",
}
APPROVED_PLAN_STATUSES = {PlanStatus.APPROVED, PlanStatus.VALID, PlanStatus.ENDED}


class PlanState:
    NONE = "none"
    DRAFT = "draft"
    APPROVED = "approved"


PLAN_STATE_LABELS = {
    PlanState.NONE: _("bez plánu"),
    PlanState.DRAFT: _("návrh"),
    PlanState.APPROVED: _("schválený"),
}


class FactsReading:
    """What a row says of its facts, shared by the facts computed now (``UnitFacts``) and the rows
    stored for the agency home (``home.Row``): both carry the same plain attributes."""

    state: str
    days_left: int | None
    plan_state: str
    memorandum_on: date | None
    plan_approved_on: date | None
    statement_on: date | None
    support_type: str
    training_in_person: Decimal
    training_distance: Decimal

    @property
    def state_label(self) -> str:
        if self.state == State.ENDING and self.days_left is not None:
            return str(_("končí za %(days)s dní") % {"days": self.days_left})
        if self.validity_label and self.state in (State.ENDED, State.VALID, State.UPCOMING, State.DRAFT):
            return self.validity_label
        return str(STATE_LABELS[self.state])

    @property
    def state_css(self) -> str:
        return STATE_CSS[self.state]

    @property
    def ending_within_90(self) -> bool:
        return self.state == State.ENDING

    @property
    def plan_approved(self) -> bool:
        return self.plan_state == PlanState.APPROVED

    @property
    def plan_label(self) -> str:
        return str(PLAN_STATE_LABELS[self.plan_state])

    @property
    def training_total(self) -> Decimal:
        return self.training_in_person + self.training_distance

    @property
    def support_label(self) -> str:
        return str(SupportType(self.support_type).label) if self.support_type else ""

    @property
    def funding_ready(self) -> bool:
        return bool(self.memorandum_on and self.plan_approved_on and self.statement_on)


@dataclass
class UnitFacts(FactsReading):
    unit: TerritorialUnit
    state: str = State.NONE
    validity: ValidityState | None = None
    description: CooperationDescription | None = None
    # Plan
    plan: InclusionPlan | None = None
    plan_state: str = PlanState.NONE
    plan_percent: int | None = None
    plan_approved_on: date | None = None
    statement_on: date | None = None
    # LP meetings
    lp_held: int = 0
    lp_required: int | None = None
    lp_due_by_now: int = 0
    lp_last: date | None = None
    # Training
    training: TrainingResult | None = None
    training_in_person: Decimal = ZERO
    training_distance: Decimal = ZERO
    # Tasks and rules
    open_tasks: int = 0
    overdue_tasks: int = 0
    failing: int | None = None
    consultants: list[User] = field(default_factory=list)
    support: SupportPeriod | None = None
    memorandum: Memorandum | None = None

    # --- Derived ---------------------------------------------------------------------------------
    @property
    def validity_label(self) -> str:
        return self.validity.label if self.validity else ""

    @property
    def days_left(self) -> int | None:
        return self.validity.days_left if self.validity else None

    @property
    def valid_to(self) -> date | None:
        return self.description.valid_to if self.description else None

    @property
    def lp_behind(self) -> bool:
        """Fewer LP meetings held this year than the rule required by now (pro rata of the year)."""
        return self.lp_required is not None and self.lp_held < self.lp_due_by_now

    @property
    def training_counted(self) -> Decimal | None:
        return self.training.counted_total if self.training else None

    @property
    def training_committed(self) -> Decimal | None:
        return self.training.committed if self.training else None

    @property
    def training_cap(self) -> Decimal | None:
        return self.training.max_distance if self.training else None

    @property
    def memorandum_on(self) -> date | None:
        return self.memorandum.signed_on if self.memorandum else None

    @property
    def support_type(self) -> str:
        return self.support.support_type if self.support else ""


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def _state(
    descriptions: list[CooperationDescription], today: date
) -> tuple[str, CooperationDescription | None]:
    """The unit's state and the description it is read from (newest version first in the list)."""
    current = next((d for d in descriptions if in_force_on(d, today)), None)
    if current is not None:
        left = validity_on(current, today).days_left
        return (State.ENDING if left is not None and left <= ENDING_DAYS else State.VALID), current
    states = [(d, validity_on(d, today).validity) for d in descriptions]
    for wanted, state in (
        (Validity.UPCOMING, State.UPCOMING),
        (Validity.ENDED, State.ENDED),
        (Validity.NOT_YET_APPROVED, State.DRAFT),
        (Validity.UNDATED, State.DRAFT),
    ):
        found = next((d for d, v in states if v == wanted), None)
        if found is not None:
            return state, found
    return State.NONE, None


def _descriptions(unit_ids: list[int], today: date) -> dict[int, list[CooperationDescription]]:
    rows = defaultdict(list)
    for d in (
        CooperationDescription.objects.filter(unit_id__in=unit_ids)
        .only(
            "unit_id",
            "version",
            "status",
            "valid_from",
            "valid_to",
            "training_total_hours",
            "training_max_distance_hours",
            "training_mode",
        )
        .order_by("unit_id", "-version")
    ):
        rows[d.unit_id].append(d)
    return rows


def _lp_rules(description_ids: list[int]) -> dict[int, int]:
    """The largest ``per_year`` of the LP frequency rules of each description (one query)."""
    per_year: dict[int, int] = {}
    for description_id, kinds, count in Rule.objects.filter(
        activity__description_id__in=description_ids,
        kind=RuleKind.FREQUENCY,
        per_year__gte=1,
        # Only the rules that may count LP meetings are read (checked exactly below): a schedule has
        # many frequency rules, and the home reads every unit's.
        meeting_kinds__icontains=MeetingKind.LP_PLENARY,
    ).values_list("activity__description_id", "meeting_kinds", "per_year"):
        if MeetingKind.LP_PLENARY in (kinds or []):
            per_year[description_id] = max(per_year.get(description_id, 0), count)
    return per_year


def _lp_required(description: CooperationDescription, per_year: int, today: date) -> tuple[int, int]:
    """(required in the year of ``today``, due by ``today`` pro rata) by the frequency rule."""
    if not (description.valid_from and description.valid_to):
        return 0, 0
    period = next(
        (
            p
            for p in frequency_periods(
                valid_from=description.valid_from, valid_to=description.valid_to, per_year=per_year
            )
            if p.year == today.year
        ),
        None,
    )
    if period is None:
        return 0, 0
    if today >= period.end:
        return period.expected, period.expected
    if today < period.start:
        return period.expected, 0
    elapsed = (today - period.start).days + 1
    length = (period.end - period.start).days + 1
    return period.expected, math.floor(period.expected * elapsed / length)


def _lp_meetings(unit_ids: list[int], today: date) -> dict[int, dict]:
    year_start = timezone.make_aware(datetime.combine(date(today.year, 1, 1), time.min))
    until = _end_of(today)
    lp = Q(kind=MeetingKind.LP_PLENARY) | Q(includes_lp=True)
    return {
        row["unit_id"]: row
        for row in Meeting.objects.filter(
            lp, unit_id__in=unit_ids, state__in=HELD_STATES, starts_at__lte=until
        )
        .values("unit_id")
        .annotate(held=Count("pk", filter=Q(starts_at__gte=year_start)), last=Max("starts_at"))
    }


def _credits(current: dict[int, CooperationDescription], today: date) -> dict[int, list[Credit]]:
    """Each person's hours within their unit's current description, added up by the database.

    The training indicator only adds a person's credits up (their dates only select them), so one
    credit per person, dated at their last training, evaluates exactly like every participation.
    """
    if not current:
        return {}
    rows = (
        Participation.objects.annotate(day=Coalesce("event__ends_on", "event__starts_on"))
        # One join to the unit's current description: its validity is the window (one filter()
        # call, so both bounds apply to the same description row).
        .filter(
            unit__descriptions__in=list(current.values()),
            day__gte=F("unit__descriptions__valid_from"),
            day__lte=F("unit__descriptions__valid_to"),
        )
        .filter(day__lte=today)
        .values("unit_id", "person_id")
        .annotate(
            in_person=Sum("in_person_hours", default=ZERO),
            distance=Sum("distance_hours", default=ZERO),
            last=Max("day"),
        )
        .order_by("unit_id", "person_id")
    )
    credits = defaultdict(list)
    for row in rows:
        credits[row["unit_id"]].append(
            Credit(
                person_id=row["person_id"],
                person_name="",
                in_person_hours=row["in_person"],
                distance_hours=row["distance"],
                date=row["last"],
            )
        )
    return credits


def _tasks(unit_ids: list[int], today: date) -> dict[int, dict]:
    """Open and overdue tasks on ``today``: created by its end and not done by then."""
    open_then = Q(created_at__lte=_end_of(today)) & (Q(state=TaskState.OPEN) | Q(done_on__gt=today))
    return {
        row["unit_id"]: row
        for row in Task.objects.filter(open_then, unit_id__in=unit_ids)
        .values("unit_id")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    }


def _plans(unit_ids: list[int], today: date) -> dict[int, InclusionPlan]:
    """The plan of each unit for the year of ``today``: the approved one covering it, else the newest."""
    chosen: dict[int, InclusionPlan] = {}
    plans = InclusionPlan.objects.filter(unit_id__in=unit_ids).order_by("unit_id", "-year_to", "-pk")
    for plan in plans_with_progress_tree(plans):
        covers = plan.year_from <= today.year <= plan.year_to
        approved = _approved_on(plan, today) is not None
        best = chosen.get(plan.unit_id)
        if best is None:
            chosen[plan.unit_id] = plan
            continue
        best_covers = best.year_from <= today.year <= best.year_to
        if (covers, approved) > (best_covers, _approved_on(best, today) is not None):
            chosen[plan.unit_id] = plan
    return chosen


def _approved_on(plan: InclusionPlan, today: date) -> date | None:
    """The day the council approved the plan, if by ``today``."""
    if plan.status not in APPROVED_PLAN_STATUSES:
        return None
    if plan.resolution_date is None:
        return None
    return plan.resolution_date if plan.resolution_date <= today else None


def unit_facts(
    units: Iterable[TerritorialUnit], today: date, *, with_statuses: bool | None = None
) -> list[UnitFacts]:
    """Facts of ``units`` as of ``today``, in the given order (a constant number of queries)."""
    units = list(units)
    ids = [u.pk for u in units]
    if not ids:
        return []
    real_today = today == timezone.localdate()
    with_statuses = real_today if with_statuses is None else with_statuses
    facts: dict[int, UnitFacts] = {u.pk: UnitFacts(unit=u) for u in units}
    _add_states(facts, ids, today)
    current = {f.unit.pk: f.description for f in facts.values() if f.state in (State.VALID, State.ENDING)}
    _add_lp_meetings(facts, ids, current, today)
    _add_training(facts, ids, current, today)
    for unit_id, row in _tasks(ids, today).items():
        facts[unit_id].open_tasks, facts[unit_id].overdue_tasks = row["open"], row["overdue"]
    if with_statuses:
        stored.fresh_summaries(TerritorialUnit.objects.filter(pk__in=ids), today)
        for unit_id, failing in UnitStatus.objects.filter(unit_id__in=ids).values_list("unit_id", "failing"):
            facts[unit_id].failing = failing
    _add_consultants_support_memoranda(facts, ids, today)
    _add_plans(facts, ids, today)
    return [facts[pk] for pk in ids]


def _add_states(facts: dict[int, UnitFacts], ids: list[int], today: date) -> None:
    for unit_id, rows in _descriptions(ids, today).items():
        state, description = _state(rows, today)
        f = facts[unit_id]
        f.state, f.description = state, description
        f.validity = validity_on(description, today) if description else None


def _add_lp_meetings(
    facts: dict[int, UnitFacts], ids: list[int], current: dict[int, CooperationDescription], today: date
) -> None:
    per_year = _lp_rules([d.pk for d in current.values()])
    for unit_id, row in _lp_meetings(ids, today).items():
        facts[unit_id].lp_held = row["held"]
        facts[unit_id].lp_last = timezone.localdate(row["last"]) if row["last"] else None
    for unit_id, description in current.items():
        if description.pk in per_year:
            required, due = _lp_required(description, per_year[description.pk], today)
            facts[unit_id].lp_required, facts[unit_id].lp_due_by_now = required, due


def _add_training(
    facts: dict[int, UnitFacts], ids: list[int], current: dict[int, CooperationDescription], today: date
) -> None:
    """Training within the current description's validity."""
    credits = _credits(current, today)
    for unit_id, f in facts.items():
        description = current.get(unit_id)
        if description is None:
            continue
        mine = [
            c for c in credits.get(unit_id, []) if description.valid_from <= c.date <= description.valid_to
        ]
        f.training_in_person = sum((c.in_person_hours for c in mine), ZERO)
        f.training_distance = sum((c.distance_hours for c in mine), ZERO)
        commitment = training_commitment(description)
        if commitment is not None:
            f.training = evaluate_training(
                commitment=commitment, credits=mine, valid_from=description.valid_from, valid_to=today
            )


def _add_consultants_support_memoranda(facts: dict[int, UnitFacts], ids: list[int], today: date) -> None:
    for membership in (
        Membership.objects.active(today)
        .filter(unit_id__in=ids, role=Role.CONSULTANT)
        .select_related("user")
        # A consultant is shown by name and linked by pk (the export and the digest likewise).
        .only("unit_id", "user__first_name", "user__last_name", "user__username", "user__email")
        .order_by("user__last_name", "user__first_name", "user__username")
    ):
        facts[membership.unit_id].consultants.append(membership.user)

    for period in SupportPeriod.objects.filter(unit_id__in=ids, starts_on__lte=today).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    ):
        facts[period.unit_id].support = period

    for memorandum in Memorandum.objects.filter(unit_id__in=ids, signed_on__lte=today).order_by("signed_on"):
        facts[memorandum.unit_id].memorandum = memorandum  # the latest signed wins


def _add_plans(facts: dict[int, UnitFacts], ids: list[int], today: date) -> None:
    """Each unit's plan for the year, its approval, progress and the agency's latest statement on it."""
    plans = _plans(ids, today)
    statements: dict[int, date] = {}
    for plan_id, issued_on in AgencyStatement.objects.filter(
        plan__in=[p.pk for p in plans.values()], issued_on__lte=today
    ).values_list("plan_id", "issued_on"):
        statements[plan_id] = max(issued_on, statements.get(plan_id, issued_on))
    for unit_id, plan in plans.items():
        f = facts[unit_id]
        plan.unit = f.unit  # already loaded: its link needs no query
        f.plan = plan
        f.plan_approved_on = _approved_on(plan, today)
        # A plan marked approved counts as approved even when its approval date was not entered.
        approved = plan.status in APPROVED_PLAN_STATUSES and (
            plan.resolution_date is None or plan.resolution_date <= today
        )
        f.plan_state = PlanState.APPROVED if approved else PlanState.DRAFT
        progress = plan_progress(plan, until_year=today.year)
        f.plan_percent = None if progress is None else int(progress * 100)
        f.statement_on = statements.get(plan.pk)


@dataclass
class Totals:
    units: int = 0
    by_state: dict[str, int] = field(default_factory=dict)
    lp_held: int = 0
    training_in_person: Decimal = ZERO
    training_distance: Decimal = ZERO
    training_counted: Decimal = ZERO
    plans_approved: int = 0
    ending: int = 0
    funding_ready: int = 0

    @property
    def states(self) -> list[tuple[str, str, int]]:
        return [(code, str(label), self.by_state.get(code, 0)) for code, label in STATE_CHOICES]


def totals(rows: Iterable[FactsReading]) -> Totals:
    t = Totals()
    for f in rows:
        t.units += 1
        t.by_state[f.state] = t.by_state.get(f.state, 0) + 1
        t.lp_held += f.lp_held
        t.training_in_person += f.training_in_person
        t.training_distance += f.training_distance
        t.training_counted += f.training_total if f.training_counted is None else f.training_counted
        t.plans_approved += f.plan_approved
        t.ending += f.ending_within_90
        t.funding_ready += f.funding_ready
    return t
