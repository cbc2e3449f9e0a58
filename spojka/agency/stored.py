"""The agency home's rows, precomputed: evaluated once per change and day, not on every view.

Every unit has a ``StoredFacts`` row with the facts of ``facts.unit_facts`` as of the day it was
computed for. It is fresh when it was computed for today at two tokens:

* the unit's ``UnitStatus.version`` (``compliance/stored.py``), replaced by every change of the
  schedule's inputs: descriptions, rules, meetings, documents, trainings, the unit itself;
* its own ``version``, replaced inside the transaction of every change of what the row shows
  beyond the schedule (``FACTS_INPUTS``): tasks, consultants' memberships and names, support
  periods, memoranda, the plans with everything their fulfilment is computed from, the agency's
  statements.

A reader takes both tokens *before* it computes and stores them with the result, so a change that
commits meanwhile leaves the row stale instead of hiding the change. The home then filters in the
database and reads the fresh rows as plain values: no unit is evaluated on a request once its row
is fresh. ``tests/test_stored.py`` makes one change of every kind and compares the stored row with
a fresh computation.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import F, Q, QuerySet
from django.db.models.signals import post_delete, post_save

from spojka.accounts.models import Membership, User
from spojka.agency.facts import UnitFacts, unit_facts
from spojka.agency.models import AgencyStatement, StoredFacts, SupportPeriod
from spojka.compliance import stored as status_store
from spojka.compliance.models import new_version
from spojka.cooperation.models import Memorandum, TerritorialUnit
from spojka.meetings.models import Task
from spojka.plans.models import (
    Goal,
    InclusionPlan,
    Indicator,
    IndicatorValue,
    Measure,
    PlanAction,
    PriorityArea,
)

# Every model (besides the schedule's, see compliance.stored.STATUS_INPUTS) whose rows can move a
# unit's row. A model ``facts.unit_facts`` starts to read belongs here.
FACTS_INPUTS = (
    Task,
    Membership,
    SupportPeriod,
    Memorandum,
    InclusionPlan,
    PriorityArea,
    Goal,
    Measure,
    PlanAction,
    Indicator,
    IndicatorValue,
    AgencyStatement,
)

TOKEN_FIELDS = ("version", "computed_version", "computed_status_version", "computed_for")
# The facts a row stores: every column but the unit and the tokens (``values_of`` fills each).
FACT_FIELDS = [
    f.name for f in StoredFacts._meta.concrete_fields if not f.primary_key and f.name not in TOKEN_FIELDS
]
STORED_FIELDS = ["computed_version", "computed_status_version", "computed_for", *FACT_FIELDS]


# --------------------------------------------------------------------------------------------------
# Invalidation (inside the writer's transaction)
# --------------------------------------------------------------------------------------------------


def invalidate(unit_ids: Iterable[int | None]) -> None:
    """Make the units' rows stale (a unit without a row gets one when it is first read)."""
    ids = [pk for pk in unit_ids if pk is not None]
    if ids:
        StoredFacts.objects.filter(unit_id__in=ids).update(version=new_version())


def _saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:  # fixtures and restores bring their own rows; a restore saves its root once more
        invalidate([instance.unit_id])


def _deleted(sender, instance, **kwargs) -> None:
    invalidate([instance.unit_id])


NAME_FIELDS = {"first_name", "last_name", "username"}


def _user_saved(sender, instance: User, raw: bool = False, update_fields=None, **kwargs) -> None:
    """A consultant's name is shown (and sorted on) in the rows of their units; a login, which saves
    only ``last_login``, changes none of them."""
    if raw or (update_fields is not None and not NAME_FIELDS & set(update_fields)):
        return
    units = Membership.objects.filter(user=instance).values("unit_id")
    StoredFacts.objects.filter(unit_id__in=units).update(version=new_version())


def connect_signals() -> None:
    """Called by ``AgencyConfig.ready``."""
    for model in FACTS_INPUTS:
        label = model._meta.label
        post_save.connect(_saved, sender=model, dispatch_uid=f"agency-facts-save-{label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"agency-facts-delete-{label}")
    post_save.connect(_user_saved, sender=User, dispatch_uid="agency-facts-user")


# --------------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------------


def stale(units: QuerySet[TerritorialUnit], today: date) -> list[int]:
    """The pks of ``units`` whose row is missing, of another day or behind a token (one query)."""
    fresh = Q(
        agency_facts__computed_for=today,
        agency_facts__computed_version=F("agency_facts__version"),
        agency_facts__computed_status_version=F("status_summary__version"),
    )
    return list(units.exclude(fresh).values_list("pk", flat=True).distinct())


def _tokens(ids: list[int]) -> tuple[dict[int, int], dict[int, int]]:
    """Each unit's own and schedule token, creating the missing rows (read before computing)."""
    statuses = status_store.unit_versions(set(ids))
    mine = dict(StoredFacts.objects.filter(unit_id__in=ids).values_list("unit_id", "version"))
    if set(ids) - set(mine):
        StoredFacts.objects.bulk_create(
            [StoredFacts(unit_id=pk) for pk in set(ids) - set(mine)], ignore_conflicts=True
        )
        mine = dict(StoredFacts.objects.filter(unit_id__in=ids).values_list("unit_id", "version"))
    return mine, statuses


def values_of(f: UnitFacts) -> dict:
    """The stored columns (``FACT_FIELDS``) of a unit's facts."""
    training = f.training
    return {
        "state": f.state,
        "description_id": f.description.pk if f.description else None,
        "valid_to": f.valid_to,
        "days_left": f.days_left,
        "plan_id": f.plan.pk if f.plan else None,
        "plan_state": f.plan_state,
        "plan_percent": f.plan_percent,
        "plan_approved_on": f.plan_approved_on,
        "statement_on": f.statement_on,
        "lp_held": f.lp_held,
        "lp_required": f.lp_required,
        "lp_due_by_now": f.lp_due_by_now,
        "lp_behind": f.lp_behind,
        "lp_last": f.lp_last,
        "training_in_person": f.training_in_person,
        "training_distance": f.training_distance,
        "training_counted": training.counted_total if training else None,
        "training_committed": training.committed if training else None,
        "training_cap": training.max_distance if training else None,
        "training_percent": training.percent if training else None,
        "open_tasks": f.open_tasks,
        "overdue_tasks": f.overdue_tasks,
        "failing": f.failing,
        "consultants": [[u.pk, str(u)] for u in f.consultants],
        "support_type": f.support_type,
        "memorandum_on": f.memorandum_on,
    }


def refresh(ids: list[int], today: date) -> None:
    """Compute and store the rows of the units ``ids`` (a constant number of queries)."""
    if not ids:
        return
    mine, statuses = _tokens(ids)
    units = TerritorialUnit.objects.filter(pk__in=ids).order_by("pk")
    rows = [
        StoredFacts(
            unit_id=f.unit.pk,
            computed_version=mine[f.unit.pk],
            computed_status_version=statuses[f.unit.pk],
            computed_for=today,
            **values_of(f),
        )
        for f in unit_facts(units, today, with_statuses=True)
    ]
    StoredFacts.objects.bulk_update(rows, STORED_FIELDS, batch_size=500)


def fresh(units: QuerySet[TerritorialUnit], today: date) -> QuerySet[StoredFacts]:
    """The rows of ``units``, brought up to date first (one query when they already are)."""
    refresh(stale(units, today), today)
    return StoredFacts.objects.filter(unit__in=units)
