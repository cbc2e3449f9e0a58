"""Is the schedule being met? The reading side of the compliance app, on top of ``engine``.

``evaluate_descriptions`` fetches, in a constant number of queries whatever the data, the
activities and rules of the given cooperation descriptions, the meetings and documents of their
units in the validity range and the manual evidence links, turns them into the engine's plain
inputs and returns one ``ActivityStatus`` per activity with every rule's status period by period
and the evidence behind each count. The dashboard, the agency overview and the reminders all read
from it, so they cannot disagree.

Matching (decisions):

* A meeting counts for a frequency rule when its kind is one of the rule's meeting kinds, when the
  rule counts LP plenary sessions and the meeting ``includes_lp``, or when the rule counts working
  groups ("vč. pracovních skupin") and the meeting is a session of a group. One meeting is one
  event however many groups it serves. Held and closed meetings are held; planned ones planned;
  cancelled ones count for nothing.
* A document counts for a periodic output or a deadline when its type is the rule's document type,
  dated by ``issued_on``; if the rule requires a resolution, only from the day of the (earliest)
  resolution that adopted it.
* A person may include any meeting or document of the unit (an ``EvidenceLink`` with
  ``included``) or exclude an automatically matched one; excluded items stay listed, struck out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import cache

from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from spojka.compliance import engine
from spojka.compliance.engine import Status
from spojka.compliance.models import Activity, EvidenceLink, Rule, RuleKind, label_of
from spojka.cooperation.models import CooperationDescription, TerritorialUnit
from spojka.cooperation.models import Status as DescriptionStatus
from spojka.documents.models import Document, DocumentType, Resolution
from spojka.meetings.models import Meeting, MeetingKind, MeetingState

MEETING = "meeting"
DOCUMENT = "document"

_ENGINE_STATE = {
    MeetingState.PLANNED: engine.EventState.PLANNED,
    MeetingState.HELD: engine.EventState.HELD,
    MeetingState.CLOSED: engine.EventState.HELD,  # "held" for counting means held or closed (HELD_STATES)
    MeetingState.CANCELLED: engine.EventState.CANCELLED,
}


# --------------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------------


@dataclass
class Evidence:
    """A meeting or a document as evidence of a rule."""

    kind: str  # MEETING or DOCUMENT
    id: int
    unit_slug: str
    date: date
    title: str
    state: str = ""  # a meeting's state code
    # meeting only
    meeting_kind: str = ""
    includes_lp: bool = False
    in_group: bool = False  # a session of at least one working group
    # document only
    doc_type: str = ""
    resolution: str = ""
    resolution_date: date | None = None
    # set per rule
    manual: bool = False
    link_id: int | None = None

    def __post_init__(self) -> None:
        self.key: tuple[str, int] = (self.kind, self.id)

    @property
    def kind_label(self) -> str:
        """The meeting kind or document type in words."""
        if self.kind == MEETING:
            return label_of(MeetingKind, self.meeting_kind)
        return label_of(DocumentType, self.doc_type)

    @property
    def value(self) -> str:
        """The form value that names this item ("meeting:12")."""
        return f"{self.kind}:{self.id}"

    @property
    def state_label(self) -> str:
        return label_of(MeetingState, self.state) if self.state else ""

    @property
    def url(self) -> str | None:
        name = "meetings:meeting_detail" if self.kind == MEETING else "documents:detail"
        return _reverse_or_none(name, self.unit_slug, self.id)

    def for_rule(self, *, manual: bool, link_id: int | None) -> Evidence:
        return replace(self, manual=manual, link_id=link_id)


_PK_PLACEHOLDER = 987654321


@cache
def _url_pattern(name: str, unit_slug: str) -> str | None:
    """The detail URL of ``name`` with "{pk}" for the id; None while that page does not exist.

    Reversing once per unit and kind instead of once per item: a dashboard lists hundreds of items.
    """
    try:
        url = reverse(name, kwargs={"unit": unit_slug, "pk": _PK_PLACEHOLDER})
    except NoReverseMatch:
        return None
    return url.replace(str(_PK_PLACEHOLDER), "{pk}")


def _reverse_or_none(name: str, unit_slug: str, pk: int) -> str | None:
    pattern = _url_pattern(name, unit_slug)
    return pattern.replace("{pk}", str(pk)) if pattern else None


@dataclass
class PeriodStatus:
    start: date | None
    end: date
    year: int | None
    status: Status
    required: int = 0
    evidence: list[Evidence] = field(default_factory=list)
    planned: list[Evidence] = field(default_factory=list)
    overdue_planned: list[Evidence] = field(default_factory=list)
    cancelled: list[Evidence] = field(default_factory=list)  # listed so that nobody wonders where they went

    @property
    def held_count(self) -> int:
        return len(self.evidence)

    @property
    def planned_count(self) -> int:
        return len(self.planned)

    @property
    def is_partial_year(self) -> bool:
        return bool(
            self.start
            and (self.start != date(self.start.year, 1, 1) or self.end != date(self.end.year, 12, 31))
        )


@dataclass
class RuleStatus:
    rule: Rule
    status: Status
    periods: list[PeriodStatus]
    current: PeriodStatus | None
    next_due: date | None
    excluded: list[Evidence] = field(default_factory=list)
    due: date | None = None  # deadline rules
    days_left: int | None = None  # deadline rules

    @property
    def current_status(self) -> Status:
        """How the rule stands now: the current year's status, or the deadline's."""
        return self.current.status if self.current is not None else self.status


@dataclass
class ActivityStatus:
    activity: Activity
    status: Status
    rules: list[RuleStatus]


# --------------------------------------------------------------------------------------------------
# Fetching (constant number of queries)
# --------------------------------------------------------------------------------------------------


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _validity_range(descriptions: Sequence[CooperationDescription]) -> tuple[date, date] | None:
    dated = [d for d in descriptions if d.valid_from and d.valid_to]
    if not dated:
        return None
    return min(d.valid_from for d in dated), max(d.valid_to for d in dated)


def _meetings(unit_ids: set[int], slugs: dict[int, str], start: date, end: date) -> dict[int, list[Evidence]]:
    rows = (
        Meeting.objects.filter(unit_id__in=unit_ids, starts_at__gte=_day_start(start))
        .filter(starts_at__lt=_day_start(end + timedelta(days=1)))
        # Exists, not Count: no GROUP BY over every meeting of every unit.
        .annotate(in_group=Exists(Meeting.working_groups.through.objects.filter(meeting_id=OuterRef("pk"))))
        .order_by("starts_at", "pk")
        .values_list("id", "unit_id", "title", "kind", "state", "starts_at", "includes_lp", "in_group")
    )
    result: dict[int, list[Evidence]] = defaultdict(list)
    for pk, unit_id, title, kind, state, starts_at, includes_lp, in_group in rows:
        result[unit_id].append(
            Evidence(
                kind=MEETING,
                id=pk,
                unit_slug=slugs.get(unit_id, ""),
                date=timezone.localtime(starts_at).date(),
                title=title,
                state=state,
                meeting_kind=kind,
                includes_lp=includes_lp,
                in_group=in_group,
            )
        )
    return result


def _documents(
    unit_ids: set[int], slugs: dict[int, str], start: date, doc_types: set[str], linked_ids: set[int]
) -> dict[int, list[Evidence]]:
    # The earliest resolution that adopted each document, in the same query.
    first_resolution = Resolution.objects.filter(document=OuterRef("pk")).order_by("adopted_on", "pk")
    documents = (
        Document.objects.filter(unit_id__in=unit_ids, issued_on__isnull=False)
        .filter(Q(doc_type__in=doc_types, issued_on__gte=start) | Q(pk__in=linked_ids))
        .annotate(
            resolution_number=Subquery(first_resolution.values("number")[:1]),
            resolution_date=Subquery(first_resolution.values("adopted_on")[:1]),
        )
        .order_by("issued_on", "pk")
        .values_list(
            "id", "unit_id", "title", "doc_type", "issued_on", "resolution_number", "resolution_date"
        )
    )
    result: dict[int, list[Evidence]] = defaultdict(list)
    for pk, unit_id, title, doc_type, issued_on, number, adopted_on in documents:
        result[unit_id].append(
            Evidence(
                kind=DOCUMENT,
                id=pk,
                unit_slug=slugs.get(unit_id, ""),
                date=issued_on,
                title=title,
                doc_type=doc_type,
                resolution=number or "",
                resolution_date=adopted_on,
            )
        )
    return result


def evaluate_descriptions(
    *, descriptions: Sequence[CooperationDescription], today: date
) -> dict[int, list[ActivityStatus]]:
    """The schedule status of each description, keyed by description id.

    Five queries whatever the number of descriptions, activities, meetings or documents (six
    when ``description.unit`` is not loaded yet: the units' slugs are fetched then).
    """
    if not descriptions:
        return {}
    ids = [d.pk for d in descriptions]
    activities = list(Activity.objects.filter(description_id__in=ids).order_by("order", "pk"))
    # Grouped by hand: prefetch_related builds a queryset per activity, which a 200-unit overview feels.
    rules_by_activity: dict[int, list[Rule]] = defaultdict(list)
    for rule in Rule.objects.filter(activity__description_id__in=ids).order_by("order", "pk"):
        rules_by_activity[rule.activity_id].append(rule)
    for activity in activities:
        activity.rule_list = rules_by_activity.get(activity.pk, [])
    links: dict[int, list[tuple[int, str, int, bool]]] = defaultdict(list)
    linked_documents: set[int] = set()
    for link_id, rule_id, model, object_id, included in EvidenceLink.objects.filter(
        rule__activity__description_id__in=ids
    ).values_list("id", "rule_id", "content_type__model", "object_id", "included"):
        links[rule_id].append((link_id, model, object_id, included))
        if model == DOCUMENT:
            linked_documents.add(object_id)

    unit_ids = {d.unit_id for d in descriptions}
    # Slugs for evidence links: from the loaded units where the caller has them, else one query.
    slugs = {d.unit_id: d.unit.slug for d in descriptions if CooperationDescription.unit.is_cached(d)}
    if unit_ids - set(slugs):
        slugs.update(TerritorialUnit.objects.filter(pk__in=unit_ids - set(slugs)).values_list("pk", "slug"))
    span = _validity_range(descriptions)
    doc_types = {r.document_type for a in activities for r in a.rule_list if r.document_type}
    first_day = span[0] if span else today
    meetings = _meetings(unit_ids, slugs, *span) if span else {}
    documents = _documents(unit_ids, slugs, first_day, doc_types, linked_documents)

    by_description: dict[int, list[Activity]] = defaultdict(list)
    for activity in activities:
        by_description[activity.description_id].append(activity)
    return {
        d.pk: [
            _activity_status(
                activity=a,
                description=d,
                meetings=meetings.get(d.unit_id, []),
                documents=documents.get(d.unit_id, []),
                links=links,
                today=today,
            )
            for a in by_description.get(d.pk, [])
        ]
        for d in descriptions
    }


def evaluate_description(*, description: CooperationDescription, today: date) -> list[ActivityStatus]:
    """The status of every activity of one cooperation description (see ``evaluate_descriptions``)."""
    return evaluate_descriptions(descriptions=[description], today=today)[description.pk]


def current_descriptions(units: Iterable[TerritorialUnit]) -> dict[int, CooperationDescription]:
    """The description each unit is evaluated against: its valid one, else its newest version."""
    by_pk = {unit.pk: unit for unit in units}
    chosen: dict[int, CooperationDescription] = {}
    for description in CooperationDescription.objects.filter(unit__in=list(by_pk)).order_by("-version"):
        description.unit = by_pk[description.unit_id]  # already loaded: no query per description
        held = chosen.get(description.unit_id)
        if held is None or (
            description.status == DescriptionStatus.VALID and held.status != DescriptionStatus.VALID
        ):
            chosen[description.unit_id] = description
    return chosen


# --------------------------------------------------------------------------------------------------
# Evaluation of one activity (pure once the rows are fetched)
# --------------------------------------------------------------------------------------------------


def meeting_matches(rule: Rule, meeting: Evidence) -> bool:
    kinds = set(rule.meeting_kinds or [])
    if meeting.meeting_kind in kinds:
        return True
    if MeetingKind.LP_PLENARY in kinds and meeting.includes_lp:
        return True
    return rule.counts_working_groups and (
        meeting.meeting_kind == MeetingKind.WORKING_GROUP or bool(meeting.in_group)
    )


def document_matches(rule: Rule, document: Evidence) -> bool:
    return bool(rule.document_type) and document.doc_type == rule.document_type


def _candidates(
    rule: Rule, meetings: list[Evidence], documents: list[Evidence], links: dict, index: dict | None = None
) -> tuple[list[Evidence], list[Evidence]]:
    """The evidence of a rule after manual links, and the automatically matched items excluded."""
    pool = meetings if rule.counts_meetings else documents if rule.counts_documents else []
    matches = meeting_matches if rule.counts_meetings else document_matches
    by_key = index if index is not None else {e.key: e for e in (*meetings, *documents)}
    chosen = {e.key: e for e in pool if matches(rule, e)}  # shared, unchanged: no copy
    excluded = []
    for link_id, model, object_id, included in links.get(rule.pk, []):
        item = by_key.get((model, object_id))
        if item is None:
            continue  # outside the validity range or deleted
        if included:
            chosen[item.key] = item.for_rule(manual=True, link_id=link_id)
        elif item.key in chosen:
            del chosen[item.key]
            excluded.append(item.for_rule(manual=True, link_id=link_id))
    return sorted(chosen.values(), key=lambda e: (e.date, e.id)), excluded


def _document_date(rule: Rule, document: Evidence) -> date | None:
    if rule.requires_resolution and document.kind == DOCUMENT:
        return document.resolution_date
    return document.date


def _activity_status(
    *,
    activity: Activity,
    description: CooperationDescription,
    meetings: list[Evidence],
    documents: list[Evidence],
    links: dict,
    today: date,
) -> ActivityStatus:
    index = {e.key: e for e in (*meetings, *documents)}
    rules = [
        _rule_status(
            rule=r,
            description=description,
            meetings=meetings,
            documents=documents,
            links=links,
            today=today,
            index=index,
        )
        for r in activity.rule_list
    ]
    return ActivityStatus(
        activity=activity, status=engine.activity_status(rule_statuses=(r.status for r in rules)), rules=rules
    )


def _no_rule(rule: Rule) -> RuleStatus:
    return RuleStatus(rule=rule, status=Status.NO_RULE, periods=[], current=None, next_due=None)


def _rule_status(
    *,
    rule: Rule,
    description: CooperationDescription,
    meetings: list[Evidence],
    documents: list[Evidence],
    links: dict,
    today: date,
    index: dict | None = None,
) -> RuleStatus:
    if rule.kind == RuleKind.NONE:
        return _no_rule(rule)
    evidence, excluded = _candidates(rule, meetings, documents, links, index)
    by_key = {e.key: e for e in evidence}

    if rule.kind == RuleKind.DEADLINE:
        due = rule.due_date
        if due is None:
            return _no_rule(rule)
        items = [
            engine.Document(date=day, id=e.key)
            for e in evidence
            if e.kind == DOCUMENT and (day := _document_date(rule, e)) is not None
        ] + [
            engine.Event(
                date=e.date, state=_ENGINE_STATE.get(e.state, engine.EventState.CANCELLED), kind="", id=e.key
            )
            for e in evidence
            if e.kind == MEETING
        ]
        result = engine.evaluate_deadline(due=due, evidence=items, today=today)
        period = PeriodStatus(
            start=None,
            end=due,
            year=None,
            status=result.status,
            required=1,
            evidence=[by_key[k] for k in result.evidence_ids],
        )
        return RuleStatus(
            rule=rule,
            status=result.status,
            periods=[period],
            current=None,
            next_due=engine.next_due(results=[result], today=today),
            excluded=excluded,
            due=due,
            days_left=result.days_left,
        )

    if not (rule.per_year and description.valid_from and description.valid_to):
        return _no_rule(rule)
    periods = engine.frequency_periods(
        valid_from=description.valid_from, valid_to=description.valid_to, per_year=rule.per_year
    )
    if rule.kind == RuleKind.FREQUENCY:
        events = [
            engine.Event(
                date=e.date,
                state=_ENGINE_STATE.get(e.state, engine.EventState.CANCELLED),
                kind=e.meeting_kind,
                id=e.key,
            )
            for e in evidence
            if e.kind == MEETING
        ]
        results = engine.evaluate_frequency(periods=periods, events=events, today=today)
    else:
        items = [
            engine.Document(date=day, id=e.key)
            for e in evidence
            if e.kind == DOCUMENT and (day := _document_date(rule, e)) is not None
        ]
        results = engine.evaluate_periodic_output(periods=periods, documents=items, today=today)
    cancelled = [e for e in evidence if e.state == MeetingState.CANCELLED]
    statuses = [
        PeriodStatus(
            start=r.period.start,
            end=r.period.end,
            year=r.period.year,
            status=r.status,
            required=r.required,
            evidence=[by_key[k] for k in r.evidence_ids],
            planned=[by_key[k] for k in r.planned_ids],
            overdue_planned=[by_key[k] for k in r.overdue_planned_ids],
            cancelled=[e for e in cancelled if r.period.start <= e.date <= r.period.end],
        )
        for r in results
    ]
    current = engine.current_result(results=results, today=today)
    return RuleStatus(
        rule=rule,
        status=engine.rule_status(results=results),
        periods=statuses,
        current=statuses[results.index(current)] if current else None,
        next_due=engine.next_due(results=results, today=today),
        excluded=excluded,
    )
