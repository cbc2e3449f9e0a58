"""Is the schedule being met? The reading side of the compliance app, on top of ``engine``.

``evaluate_descriptions`` fetches, in a constant number of queries whatever the data, the
activities and rules of the given cooperation descriptions, the meetings and documents of their
units in the validity range, the manual evidence links and every item they name, turns them into
the engine's plain inputs and returns one ``ActivityStatus`` per activity with every rule's status
period by period and the evidence behind each count. The dashboard, the agency overview and the reminders all read
from it, so they cannot disagree.

Matching (decisions):

* A meeting counts for a frequency rule when its kind is one of the rule's meeting kinds, when the
  rule counts LP plenary sessions and the meeting ``includes_lp``, or when the rule counts working
  groups ("vč. pracovních skupin") and the meeting is a session of a group. One meeting is one
  event however many groups it serves. Held and closed meetings are held; planned ones planned;
  cancelled ones count for nothing.
* A document counts for a periodic output or a deadline when its type is the rule's document type,
  dated by ``issued_on``; if the rule requires a resolution, only from the day of the (earliest)
  resolution that adopted it. Generic types (podklad / analýza, prezentace, jiný) never match
  automatically: what they evidence is a person's judgement, made with a link.
* Automatic matching counts only items dated inside the description's validity; a frequency rule
  or periodic output counts each item in the calendar year it is dated in.
* A person may include any meeting, document or training event of the unit (an ``EvidenceLink``
  with ``included``), even outside the validity, or exclude an automatically matched one; excluded
  items stay listed, struck out. Every linked item is fetched, so no link is skipped silently.
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
from django.utils.translation import gettext_lazy as _

from spojka.compliance import engine
from spojka.compliance.engine import Status
from spojka.compliance.models import Activity, EvidenceLink, Rule, RuleKind, label_of
from spojka.cooperation import validity
from spojka.cooperation.models import CooperationDescription, TerritorialUnit
from spojka.documents.models import Document, DocumentType, Resolution
from spojka.meetings.models import Meeting, MeetingKind, MeetingState
from spojka.training.models import TrainingEvent

MEETING = "meeting"
DOCUMENT = "document"
TRAINING = "training"

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
    """A meeting, a document or a training event as evidence of a rule."""

    kind: str  # MEETING, DOCUMENT or TRAINING
    id: int
    unit_slug: str
    date: date | None  # only a linked document may lack one (it then cannot count)
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
        if self.kind == TRAINING:
            return str(_("vzdělávací akce"))
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
        return _reverse_or_none(_DETAIL_URL[self.kind], self.unit_slug, self.id)

    def for_rule(self, *, manual: bool, link_id: int | None) -> Evidence:
        return replace(self, manual=manual, link_id=link_id)


_DETAIL_URL = {
    MEETING: "meetings:meeting_detail",
    DOCUMENT: "documents:detail",
    TRAINING: "training:event_detail",
}
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
    undated: list[Evidence] = field(default_factory=list)  # linked, but without a date to count on
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


def _meetings(
    unit_ids: set[int], slugs: dict[int, str], span: tuple[date, date] | None, linked_ids: set[int]
) -> dict[int, list[Evidence]]:
    """The meetings of the units inside the validity range, and every manually linked one."""
    inside = (
        Q(starts_at__gte=_day_start(span[0]), starts_at__lt=_day_start(span[1] + timedelta(days=1)))
        if span
        else Q(pk__in=[])
    )
    rows = (
        Meeting.objects.filter(unit_id__in=unit_ids)
        .filter(inside | Q(pk__in=linked_ids))
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
        Document.objects.filter(unit_id__in=unit_ids)
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


def _trainings(unit_ids: set[int], slugs: dict[int, str], linked_ids: set[int]) -> dict[int, list[Evidence]]:
    """Training events count only when a person links them (no rule asks for them automatically)."""
    result: dict[int, list[Evidence]] = defaultdict(list)
    if not linked_ids:
        return result  # no query at all in the usual case
    rows = (
        TrainingEvent.objects.filter(unit_id__in=unit_ids, pk__in=linked_ids)
        .order_by("starts_on", "pk")
        .values_list("id", "unit_id", "title", "starts_on")
    )
    for pk, unit_id, title, starts_on in rows:
        result[unit_id].append(
            Evidence(kind=TRAINING, id=pk, unit_slug=slugs.get(unit_id, ""), date=starts_on, title=title)
        )
    return result


@dataclass(frozen=True)
class _Link:
    """A person's correction of the matching, as read for the evaluation."""

    id: int
    key: tuple[str, int]
    included: bool


def _links(description_ids: list[int]) -> dict[int, list[_Link]]:
    """The manual links of the descriptions' rules, keyed by rule id."""
    links: dict[int, list[_Link]] = defaultdict(list)
    rows = EvidenceLink.objects.filter(rule__activity__description_id__in=description_ids).values_list(
        "id", "rule_id", "meeting_id", "document_id", "training_id", "included"
    )
    for link_id, rule_id, meeting_id, document_id, training_id, included in rows:
        if meeting_id is not None:
            key = (MEETING, meeting_id)
        elif document_id is not None:
            key = (DOCUMENT, document_id)
        else:
            key = (TRAINING, training_id)
        links[rule_id].append(_Link(id=link_id, key=key, included=included))
    return links


def _linked_ids(links: dict[int, list[_Link]], kind: str) -> set[int]:
    return {link.key[1] for rule_links in links.values() for link in rule_links if link.key[0] == kind}


def _unit_slugs(descriptions: Sequence[CooperationDescription]) -> dict[int, str]:
    """Slugs for evidence links: from the loaded units where the caller has them, else one query."""
    unit_ids = {d.unit_id for d in descriptions}
    slugs = {d.unit_id: d.unit.slug for d in descriptions if CooperationDescription.unit.is_cached(d)}
    if unit_ids - set(slugs):
        slugs.update(TerritorialUnit.objects.filter(pk__in=unit_ids - set(slugs)).values_list("pk", "slug"))
    return slugs


def _activities(description_ids: list[int]) -> list[Activity]:
    """The activities of the descriptions, each with its ``rule_list`` (two queries)."""
    activities = list(Activity.objects.filter(description_id__in=description_ids).order_by("order", "pk"))
    # Grouped by hand: prefetch_related builds a queryset per activity, which a 200-unit overview feels.
    rules_by_activity: dict[int, list[Rule]] = defaultdict(list)
    for rule in Rule.objects.filter(activity__description_id__in=description_ids).order_by("order", "pk"):
        rules_by_activity[rule.activity_id].append(rule)
    for activity in activities:
        activity.rule_list = rules_by_activity.get(activity.pk, [])
    return activities


def _until(items: dict[int, list[Evidence]], facts_until: date | None) -> dict[int, list[Evidence]]:
    if facts_until is None:
        return items
    return {
        unit: [e for e in rows if e.date is None or e.date <= facts_until] for unit, rows in items.items()
    }


def evaluate_descriptions(
    *, descriptions: Sequence[CooperationDescription], today: date, facts_until: date | None = None
) -> dict[int, list[ActivityStatus]]:
    """The schedule status of each description, keyed by description id.

    ``facts_until`` leaves out every item dated after it: a report evaluates "as of" the end of its
    period (``today`` = ``facts_until`` = that day), so later entries cannot change it.

    Five queries whatever the number of descriptions, activities, meetings or documents (one more
    when ``description.unit`` is not loaded yet, and one more when a training event is linked).
    """
    if not descriptions:
        return {}
    ids = [d.pk for d in descriptions]
    activities = _activities(ids)
    links = _links(ids)
    unit_ids = {d.unit_id for d in descriptions}
    slugs = _unit_slugs(descriptions)
    span = _validity_range(descriptions)
    doc_types = {r.document_type for a in activities for r in a.rule_list if r.document_type}
    meetings = _until(_meetings(unit_ids, slugs, span, _linked_ids(links, MEETING)), facts_until)
    start = span[0] if span else today
    documents = _until(
        _documents(unit_ids, slugs, start, doc_types, _linked_ids(links, DOCUMENT)), facts_until
    )
    trainings = _until(_trainings(unit_ids, slugs, _linked_ids(links, TRAINING)), facts_until)

    by_description: dict[int, list[Activity]] = defaultdict(list)
    for activity in activities:
        by_description[activity.description_id].append(activity)
    return {
        d.pk: [
            _activity_status(
                activity=a,
                pool=Pool(
                    description=d,
                    meetings=meetings.get(d.unit_id, []),
                    documents=documents.get(d.unit_id, []),
                    trainings=trainings.get(d.unit_id, []),
                    links=links,
                ),
                today=today,
            )
            for a in by_description.get(d.pk, [])
        ]
        for d in descriptions
    }


def evaluate_description(*, description: CooperationDescription, today: date) -> list[ActivityStatus]:
    """The status of every activity of one cooperation description (see ``evaluate_descriptions``)."""
    return evaluate_descriptions(descriptions=[description], today=today)[description.pk]


def current_descriptions(
    units: Iterable[TerritorialUnit], today: date | None = None
) -> dict[int, CooperationDescription]:
    """The description each unit is evaluated against (one query).

    The one in force today (``cooperation.validity``); while none is, the newest version that has
    been in force (so an ended cooperation keeps showing its final standing), else the newest.
    """
    today = today or timezone.localdate()
    by_pk = {unit.pk: unit for unit in units}
    chosen: dict[int, CooperationDescription] = {}
    rank: dict[int, int] = {}
    for description in CooperationDescription.objects.filter(unit__in=list(by_pk)).order_by("-version"):
        description.unit = by_pk[description.unit_id]  # already loaded: no query per description
        if validity.in_force_on(description, today):
            score = 2
        else:
            score = 1 if description.status in validity.IN_FORCE_STATUSES else 0
        if score > rank.get(description.unit_id, -1):
            chosen[description.unit_id], rank[description.unit_id] = description, score
    return chosen


@dataclass(frozen=True)
class CountedAs:
    """A rule that a meeting, document or training now counts toward (its confirmation page says so)."""

    rule: Rule
    activity_name: str
    manual: bool  # linked by a person rather than matched automatically

    @property
    def label(self) -> str:
        return f"{self.activity_name} – {self.rule.text}"

    @property
    def url(self) -> str:
        return self.rule.get_absolute_url()

    @property
    def exclude_url(self) -> str:
        """Where the one-click "nezapočítávat" posts (item, included=0)."""
        return reverse("compliance:evidence_add", kwargs={"unit": self.rule.unit.slug, "pk": self.rule.pk})


def counted_as_evidence(
    *, unit: TerritorialUnit, kind: str, object_id: int, today: date | None = None
) -> list[CountedAs]:
    """The rules of the unit's current description that the item counts toward today, as the
    compliance page counts them (same evaluation, so the two never disagree)."""
    today = today or timezone.localdate()
    description = current_descriptions([unit], today).get(unit.pk)
    if description is None:
        return []
    key = (kind, object_id)
    counted = []
    for activity_status in evaluate_description(description=description, today=today):
        for rule_status in activity_status.rules:
            hit = next((e for p in rule_status.periods for e in p.evidence if e.key == key), None)
            if hit is not None:
                rule_status.rule.unit = unit  # for its URLs, without a query per rule
                counted.append(CountedAs(rule_status.rule, activity_status.activity.name, hit.manual))
    return counted


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


# Document types too general to tell what they evidence: "podklad / analýza", "prezentace", "jiný".
# They count for a rule only when a person links them; an analysis of the housing situation is not
# the evaluation of a plan because both are analyses.
GENERIC_DOCUMENT_TYPES = frozenset({DocumentType.ANALYSIS, DocumentType.PRESENTATION, DocumentType.OTHER})


def document_matches(rule: Rule, document: Evidence) -> bool:
    return (
        bool(rule.document_type)
        and rule.document_type not in GENERIC_DOCUMENT_TYPES
        and document.doc_type == rule.document_type
    )


def within_validity(description: CooperationDescription, day: date) -> bool:
    """Whether ``day`` lies inside the description's validity (a description without dates has none)."""
    return bool(description.valid_from and description.valid_to) and (
        description.valid_from <= day <= description.valid_to
    )


@dataclass
class Pool:
    """Everything one description's rules may be evidenced by, with the manual links."""

    description: CooperationDescription
    meetings: list[Evidence]
    documents: list[Evidence]
    trainings: list[Evidence]
    links: dict[int, list[_Link]]

    def __post_init__(self) -> None:
        self.index = {e.key: e for e in (*self.meetings, *self.documents, *self.trainings)}


def _automatic(rule: Rule, pool: Pool) -> dict[tuple[str, int], Evidence]:
    """The items matched automatically: the right kind, dated inside the description's validity."""
    if rule.counts_meetings:
        items, matches = pool.meetings, meeting_matches
    elif rule.counts_documents:
        items, matches = pool.documents, document_matches
    else:
        return {}
    return {e.key: e for e in items if matches(rule, e) and within_validity(pool.description, e.date)}


@dataclass
class Candidates:
    """The evidence of a rule after manual links; what a person excluded; what cannot count."""

    evidence: list[Evidence]
    excluded: list[Evidence]
    undated: list[Evidence]


def _candidates(rule: Rule, pool: Pool) -> Candidates:
    chosen = _automatic(rule, pool)  # shared items, unchanged: no copy
    excluded, undated = [], []
    for link in pool.links.get(rule.pk, []):
        # Every linked item is fetched (a deleted one takes its link along); only an item dated after
        # ``facts_until`` is missing: it was not a fact yet on the day the evaluation is "as of".
        found = pool.index.get(link.key)
        if found is None:
            continue
        item = found.for_rule(manual=True, link_id=link.id)
        if link.included and item.date is None:
            undated.append(item)
        elif link.included:
            chosen[item.key] = item
        elif item.key in chosen:
            del chosen[item.key]
            excluded.append(item)
    return Candidates(sorted(chosen.values(), key=lambda e: (e.date, e.id)), excluded, undated)


def _document_date(rule: Rule, document: Evidence) -> date | None:
    if rule.requires_resolution and document.kind == DOCUMENT:
        return document.resolution_date
    return document.date


def _engine_state(item: Evidence, today: date) -> engine.EventState:
    if item.kind == TRAINING:  # a training event has no state: held once its day has come
        return engine.EventState.HELD if item.date <= today else engine.EventState.PLANNED
    return _ENGINE_STATE.get(item.state, engine.EventState.CANCELLED)


def _as_documents(rule: Rule, evidence: list[Evidence]) -> list[engine.Document]:
    """Documents as the engine's outputs, dated by the resolution when the rule requires one."""
    return [
        engine.Document(date=day, id=e.key)
        for e in evidence
        if e.kind == DOCUMENT and (day := _document_date(rule, e)) is not None
    ]


def _as_events(evidence: list[Evidence], today: date) -> list[engine.Event]:
    return [
        engine.Event(date=e.date, state=_engine_state(e, today), kind=e.meeting_kind, id=e.key)
        for e in evidence
        if e.kind in (MEETING, TRAINING)
    ]


def _activity_status(*, activity: Activity, pool: Pool, today: date) -> ActivityStatus:
    rules = [_rule_status(rule=r, pool=pool, today=today) for r in activity.rule_list]
    return ActivityStatus(
        activity=activity, status=engine.activity_status(rule_statuses=(r.status for r in rules)), rules=rules
    )


def _no_rule(rule: Rule) -> RuleStatus:
    return RuleStatus(rule=rule, status=Status.NO_RULE, periods=[], current=None, next_due=None)


def _deadline_status(rule: Rule, pool: Pool, found: Candidates, today: date) -> RuleStatus:
    """A one-off deadline ("Podzim 2021"): met by an output (or a held event) by the due date."""
    due = rule.due_date
    if due is None:
        return _no_rule(rule)
    evidence = found.evidence
    by_key = {e.key: e for e in evidence}
    result = engine.evaluate_deadline(
        due=due, evidence=[*_as_documents(rule, evidence), *_as_events(evidence, today)], today=today
    )
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
        excluded=found.excluded,
        undated=found.undated,
        due=due,
        days_left=result.days_left,
    )


def _periods(rule: Rule, pool: Pool) -> list[engine.Period]:
    """The calendar years of the description's validity with the count each expects (none undated)."""
    description = pool.description
    if not (rule.per_year and description.valid_from and description.valid_to):
        return []
    return engine.frequency_periods(
        valid_from=description.valid_from, valid_to=description.valid_to, per_year=rule.per_year
    )


def _periodic_status(rule: Rule, found: Candidates, results: list, today: date) -> RuleStatus:
    """A frequency rule or periodic output, from the engine's results period by period."""
    evidence = found.evidence
    by_key = {e.key: e for e in evidence}
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
        excluded=found.excluded,
        undated=found.undated,
    )


def _frequency_status(rule: Rule, pool: Pool, found: Candidates, today: date) -> RuleStatus:
    """ "Minimálně 4x ročně": held meetings counted per calendar year of the validity."""
    periods = _periods(rule, pool)
    if not periods:
        return _no_rule(rule)
    results = engine.evaluate_frequency(
        periods=periods, events=_as_events(found.evidence, today), today=today
    )
    return _periodic_status(rule, found, results, today)


def _periodic_output_status(rule: Rule, pool: Pool, found: Candidates, today: date) -> RuleStatus:
    """ "1x ročně zpráva o plnění": documents (or linked held events) counted per calendar year."""
    periods = _periods(rule, pool)
    if not periods:
        return _no_rule(rule)
    items = [*_as_documents(rule, found.evidence), *_as_events(found.evidence, today)]
    results = engine.evaluate_periodic_output(periods=periods, documents=items, today=today)
    return _periodic_status(rule, found, results, today)


_BY_KIND = {
    RuleKind.DEADLINE: _deadline_status,
    RuleKind.FREQUENCY: _frequency_status,
    RuleKind.PERIODIC_OUTPUT: _periodic_output_status,
}


def _rule_status(*, rule: Rule, pool: Pool, today: date) -> RuleStatus:
    """The status of one rule: its evidence after manual links, evaluated by the rule's kind."""
    evaluate = _BY_KIND.get(rule.kind)
    if evaluate is None:  # RuleKind.NONE ("dle nabídky ASZ")
        return _no_rule(rule)
    return evaluate(rule, pool, _candidates(rule, pool), today)
