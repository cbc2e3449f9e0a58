"""Precomputed schedule statuses: evaluated once per change and day, not on every view.

Every unit has a ``UnitStatus`` row. Its ``version`` is a random token replaced inside the
transaction of every change that can move a status: a save or delete of any model in
``STATUS_INPUTS`` (everything ``evaluation.evaluate_descriptions`` reads) and a change of a meeting's
working groups. A reader takes the token *before* it evaluates and stores it with the result, so a
change that commits meanwhile leaves the result stale instead of hiding the change. Date-driven
statuses move with the day: a result holds for the day it was computed for.

Two stores, one rule:

* the summary of the unit's current description in ``UnitStatus`` itself (worst status, failing
  rules, one light per activity, end of validity): the agency overview filters, sorts and pages on
  it in the database (``fresh_summaries`` brings stale rows up to date in bulk first);
* the full evaluation (every rule, period and piece of evidence) in Django's cache under
  (description, version, day), for the dashboard and the rule pages. With the default local-memory
  cache each worker keeps its own copy; a shared cache (``CACHES``) lets workers share them.

``tests/test_stored.py`` makes one change of every kind and compares what is stored with a fresh
evaluation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.core.cache import cache
from django.db.models import F, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save

from spojka.compliance import engine, evaluation
from spojka.compliance.evaluation import ActivityStatus
from spojka.compliance.models import Activity, EvidenceLink, Rule, UnitStatus, new_version
from spojka.cooperation.models import CooperationDescription, TerritorialUnit
from spojka.documents.models import Document, Resolution
from spojka.meetings.models import Meeting
from spojka.training.models import Participation, TrainingEvent

# Every model whose rows can move a status. A model the evaluation starts to read belongs here.
STATUS_INPUTS = (
    Activity,
    Rule,
    EvidenceLink,
    CooperationDescription,
    TerritorialUnit,
    Meeting,
    Document,
    Resolution,
    TrainingEvent,
    Participation,
)
CACHE_SECONDS = 24 * 60 * 60
FAILING = {engine.Status.UNMET, engine.Status.AT_RISK}


# --------------------------------------------------------------------------------------------------
# Invalidation (inside the writer's transaction)
# --------------------------------------------------------------------------------------------------


def invalidate(unit_id: int | None, *, create: bool = True) -> None:
    """Make the unit's stored statuses stale; a unit without a row gets one (unless being deleted)."""
    if unit_id is None:
        return
    if UnitStatus.objects.filter(unit_id=unit_id).update(version=new_version()) or not create:
        return
    UnitStatus.objects.bulk_create([UnitStatus(unit_id=unit_id)], ignore_conflicts=True)
    # A reader may have created the row between the two statements with a token it then used.
    UnitStatus.objects.filter(unit_id=unit_id).update(version=new_version())


def _unit_id(instance) -> int | None:
    return instance.pk if isinstance(instance, TerritorialUnit) else instance.unit_id


def _saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:  # fixtures and restores bring their own stored statuses
        invalidate(_unit_id(instance))


def _deleted(sender, instance, **kwargs) -> None:
    invalidate(_unit_id(instance), create=False)


def _groups_changed(sender, instance, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        invalidate(instance.unit_id)


def connect_signals() -> None:
    """Called by ``ComplianceConfig.ready``."""
    for model in STATUS_INPUTS:
        post_save.connect(_saved, sender=model, dispatch_uid=f"stored-status-save-{model._meta.label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"stored-status-delete-{model._meta.label}")
    m2m_changed.connect(
        _groups_changed, sender=Meeting.working_groups.through, dispatch_uid="stored-status-groups"
    )


# --------------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------------


def unit_versions(unit_ids: set[int]) -> dict[int, int]:
    """The current token of each unit (one query; two more when some unit has no row yet)."""
    versions = dict(UnitStatus.objects.filter(unit_id__in=unit_ids).values_list("unit_id", "version"))
    if unit_ids - set(versions):
        UnitStatus.objects.bulk_create(
            [UnitStatus(unit_id=pk) for pk in unit_ids - set(versions)], ignore_conflicts=True
        )
        versions = dict(UnitStatus.objects.filter(unit_id__in=unit_ids).values_list("unit_id", "version"))
    return versions


def _key(description: CooperationDescription, version: int, today: date) -> str:
    return f"spojka:statuses:{description.pk}:{version}:{today.isoformat()}"


def statuses_for(
    descriptions: Sequence[CooperationDescription], today: date, *, versions: dict[int, int] | None = None
) -> dict[int, list[ActivityStatus]]:
    """``evaluation.evaluate_descriptions`` through the cache: only what changed is evaluated again."""
    if not descriptions:
        return {}
    versions = versions if versions is not None else unit_versions({d.unit_id for d in descriptions})
    keys = {d.pk: _key(d, versions[d.unit_id], today) for d in descriptions}
    cached = cache.get_many(keys.values())
    missing = [d for d in descriptions if keys[d.pk] not in cached]
    evaluated = evaluation.evaluate_descriptions(descriptions=missing, today=today) if missing else {}
    cache.set_many({keys[pk]: statuses for pk, statuses in evaluated.items()}, timeout=CACHE_SECONDS)
    return {d.pk: cached[keys[d.pk]] if keys[d.pk] in cached else evaluated[d.pk] for d in descriptions}


def statuses_of(description: CooperationDescription, today: date) -> list[ActivityStatus]:
    return statuses_for([description], today)[description.pk]


def _summary(row: UnitStatus, description: CooperationDescription | None, statuses: list[ActivityStatus]):
    worst = engine.worst_status(statuses=(a.status for a in statuses))
    row.description_id = description.pk if description else None
    row.valid_to = description.valid_to if description else None
    row.worst, row.severity = worst.value, worst.severity
    row.failing = sum(r.current_status in FAILING for a in statuses for r in a.rules)
    row.lights = [[a.activity.name, a.status.value] for a in statuses]


SUMMARY_FIELDS = [
    "computed_version",
    "computed_for",
    "description_id",
    "valid_to",
    "worst",
    "severity",
    "failing",
    "lights",
]


def stale_units(units: QuerySet[TerritorialUnit], today: date) -> QuerySet[TerritorialUnit]:
    return units.exclude(
        status_summary__computed_for=today, status_summary__computed_version=F("status_summary__version")
    )


def refresh(units: Iterable[TerritorialUnit], today: date) -> None:
    """Recompute and store the summaries of ``units`` (a constant number of queries)."""
    units = list(units)
    if not units:
        return
    versions = unit_versions({u.pk for u in units})
    descriptions = evaluation.current_descriptions(units)
    statuses = statuses_for(list(descriptions.values()), today, versions=versions)
    rows = []
    for unit in units:
        row = UnitStatus(unit_id=unit.pk, computed_version=versions[unit.pk], computed_for=today)
        description = descriptions.get(unit.pk)
        _summary(row, description, statuses.get(description.pk, []) if description else [])
        rows.append(row)
    UnitStatus.objects.bulk_update(rows, SUMMARY_FIELDS, batch_size=500)


def fresh_summaries(units: QuerySet[TerritorialUnit], today: date) -> None:
    """Bring the summaries of ``units`` up to date; one query when they already are."""
    refresh(stale_units(units, today).distinct(), today)
