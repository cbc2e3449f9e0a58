"""The agency home's stored rows stay equal to a fresh computation after every kind of change.

Each case makes one change of one kind. It must replace one of the unit's tokens (its own
``StoredFacts.version`` or the schedule's ``UnitStatus.version``: the proof that the change made the
row stale), and afterwards the row the home reads must equal the unit's facts computed from scratch.
"""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from spojka.accounts.models import Membership, Role, User
from spojka.agency import stored
from spojka.agency.facts import unit_facts
from spojka.agency.models import AgencyStatement, StoredFacts, SupportPeriod, SupportType
from spojka.agency.tests.helpers import full_unit
from spojka.compliance.models import Rule, UnitStatus
from spojka.compliance.tests.helpers import meeting
from spojka.cooperation.models import Memorandum, Region, TerritorialUnit
from spojka.meetings.models import Task, TaskState
from spojka.plans.models import ImplementationStatus, IndicatorValue, PlanAction, PriorityArea
from spojka.plans.tests.factories import make_plan
from spojka.training.models import Participation
from spojka.training.tests.helpers import attend, make_event, make_person


@pytest.fixture
def w(world):
    w = world
    w.today = timezone.localdate()
    w.description = full_unit(1, w.today, consultant=w.users["consultant"])
    w.unit = w.description.unit
    w.rule = Rule.objects.get(activity__description=w.description)
    w.membership = Membership.objects.get(unit=w.unit, role=Role.CONSULTANT)
    w.plan = make_plan(w.unit)
    w.plan.status, w.plan.year_to, w.plan.resolution_date = "approved", w.today.year + 5, w.today
    w.plan.save()
    w.action = PlanAction.objects.get(unit=w.unit)
    w.value = IndicatorValue.objects.filter(unit=w.unit).first()
    w.task = Task.objects.create(unit=w.unit, title="Připravit zprávu", due_on=w.today + timedelta(days=5))
    w.participation = Participation.objects.filter(unit=w.unit).first()
    w.addendum = Memorandum.objects.create(unit=w.unit, signed_on=w.today - timedelta(days=1))
    return w


def units(w):
    return TerritorialUnit.objects.filter(pk=w.unit.pk)


def row(w) -> dict:
    """What the home reads, brought up to date."""
    return stored.fresh(units(w), w.today).values(*stored.FACT_FIELDS).get()


def computed(w) -> dict:
    return stored.values_of(unit_facts(units(w), w.today, with_statuses=True)[0])


def tokens(w) -> tuple[int, int]:
    return (
        StoredFacts.objects.get(unit=w.unit).version,
        UnitStatus.objects.get(unit=w.unit).version,
    )


CHANGES = {
    "task added, overdue": lambda w: Task.objects.create(
        unit=w.unit, title="Pozdě", due_on=w.today - timedelta(days=3)
    ),
    "task done": lambda w: setattr(w.task, "state", TaskState.DONE) or w.task.save(),
    "task overdue by a new date": lambda w: (
        setattr(w.task, "due_on", w.today - timedelta(days=1)) or w.task.save()
    ),
    "task deleted": lambda w: w.task.delete(),
    "consultant added": lambda w: Membership.objects.create(
        user=User.objects.create_user("druhy", first_name="Adam", last_name="Druhý"),
        unit=w.unit,
        role=Role.CONSULTANT,
    ),
    "consultant renamed": lambda w: (
        setattr(w.users["consultant"], "last_name", "Přejmenovaný") or w.users["consultant"].save()
    ),
    "consultant's access ended": lambda w: (
        setattr(w.membership, "ends_on", w.today - timedelta(days=1)) or w.membership.save()
    ),
    "consultant removed": lambda w: w.membership.delete(),
    "support period": lambda w: SupportPeriod.objects.create(
        unit=w.unit, support_type=SupportType.REMOTE, starts_on=w.today - timedelta(days=1)
    ),
    "memorandum signed": lambda w: Memorandum.objects.create(unit=w.unit, signed_on=w.today),
    "memorandum deleted": lambda w: w.addendum.delete(),
    "plan back to draft": lambda w: setattr(w.plan, "status", "draft") or w.plan.save(),
    "plan's approval dated later": lambda w: (
        setattr(w.plan, "resolution_date", w.today + timedelta(days=3)) or w.plan.save()
    ),
    "plan deleted": lambda w: w.plan.delete(),
    "area added": lambda w: PriorityArea.objects.create(
        unit=w.unit, plan=w.plan, code="9", name="Bydlení", order=9
    ),
    "action done": lambda w: setattr(w.action, "status", ImplementationStatus.DONE) or w.action.save(),
    "action deleted": lambda w: w.action.delete(),
    "indicator value entered": lambda w: setattr(w.value, "value", Decimal("50")) or w.value.save(),
    "indicator target changed": lambda w: (
        setattr(w.value.indicator, "target_value", Decimal("21")) or w.value.indicator.save()
    ),
    "statement issued": lambda w: AgencyStatement.objects.create(unit=w.unit, plan=w.plan, issued_on=w.today),
    "LP meeting held": lambda w: meeting(w.unit, w.today - timedelta(days=1)),
    "training attended": lambda w: attend(
        make_event(w.unit, starts_on=w.today - timedelta(days=2)), make_person(w.unit, "Petr", "Malý")
    ),
    "training hours corrected": lambda w: (
        setattr(w.participation, "in_person_hours", Decimal("1")) or w.participation.save()
    ),
    "description ends within 90 days": lambda w: (
        setattr(w.description, "valid_to", w.today + timedelta(days=20)) or w.description.save()
    ),
    "training commitment changed": lambda w: (
        setattr(w.description, "training_total_hours", Decimal("80")) or w.description.save()
    ),
    "LP rule asks more": lambda w: setattr(w.rule, "per_year", 12) or w.rule.save(),
    "unit renamed": lambda w: setattr(w.unit, "name", "Obec Nová") or w.unit.save(),
    "unit moved to another region": lambda w: setattr(w.unit, "region", Region.USTECKY) or w.unit.save(),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_every_change_keeps_the_stored_row_equal_to_a_fresh_computation(w, change):
    before = row(w)
    assert before == computed(w)
    old = tokens(w)
    CHANGES[change](w)
    new = tokens(w)
    assert new[0] != old[0] or new[1] != old[1], f"{change} did not make the row stale"
    after = row(w)
    assert after == computed(w)
    # The read row shows the unit's name and region fresh from the unit itself.
    listed = stored.fresh(units(w), w.today).values("unit__name", "unit__region").get()
    assert listed == {"unit__name": w.unit.name, "unit__region": w.unit.region}


def test_the_changes_change_what_the_row_shows(w):
    """The cases are not idle: each one that moves a shown fact moves the stored row."""
    moved = []
    for change in ("task added, overdue", "LP meeting held", "statement issued", "consultant renamed"):
        before = row(w)
        CHANGES[change](w)
        moved.append(row(w) != before)
    assert moved == [True, True, True, True]


def test_a_login_does_not_make_the_consultants_units_stale(w, client):
    row(w)
    old = tokens(w)
    client.force_login(w.users["consultant"])  # saves last_login only
    assert tokens(w) == old


def test_a_new_day_makes_every_row_stale_and_the_nightly_job_refreshes_them(w):
    row(w)
    assert stored.stale(units(w), w.today) == []
    tomorrow = w.today + timedelta(days=1)
    assert stored.stale(units(w), tomorrow) == [w.unit.pk]
    out = io.StringIO()
    call_command("refresh_agency_home", stdout=out)
    assert out.getvalue().startswith("Přepočítáno celků: ")
    assert stored.stale(TerritorialUnit.objects.all(), w.today) == []


def test_a_fresh_home_evaluates_nothing(w, login, django_assert_num_queries, monkeypatch):
    """Once every row is fresh, a request reads them; it computes no unit's facts."""
    call_command("refresh_agency_home", stdout=io.StringIO())

    def must_not_run(*args, **kwargs):
        raise AssertionError("a fresh home computed facts")

    monkeypatch.setattr(stored, "unit_facts", must_not_run)
    client = login(w.users["agency_admin"])
    response = client.get(reverse("agency:home"))
    assert response.status_code == 200
    assert "Obec 001" in response.content.decode()
