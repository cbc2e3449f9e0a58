"""Stored statuses stay equal to a fresh evaluation after every kind of change (issue 17).

Each case makes one change of one kind. It must replace the unit's version token (the proof that
the change invalidated what was stored) and afterwards what the pages read — the cached full
evaluation and the overview's summary — must equal an evaluation from scratch.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from spojka.compliance import evaluation, services, stored
from spojka.compliance.evaluation import MEETING
from spojka.compliance.models import UnitStatus
from spojka.compliance.tests.helpers import activity, document, frequency_rule, meeting, output_rule
from spojka.cooperation.models import TerritorialUnit
from spojka.documents.models import Resolution
from spojka.partnership.models import LocalPartnership, Person, WorkingGroup
from spojka.training.models import Participation, TrainingEvent


@pytest.fixture
def w(world):
    today = timezone.localdate()
    w = world
    w.today = today
    w.description.valid_from = today - timedelta(days=400)
    w.description.valid_to = today + timedelta(days=300)
    w.description.save()
    w.activity = activity(w.description)
    w.frequency = frequency_rule(w.activity, per_year=2)
    w.output = output_rule(activity(w.description, "Zpráva o plnění", order=2), resolution=True)
    w.meeting = meeting(w.unit, today - timedelta(days=20))
    w.report = document(w.unit, "coop_report", today - timedelta(days=10))
    partnership = LocalPartnership.objects.create(unit=w.unit, established_by="Rada města")
    w.group = WorkingGroup.objects.create(unit=w.unit, partnership=partnership, name="Bydlení")
    return w


def shape(statuses) -> list:
    """Everything a page shows of an evaluation, as plain values."""
    return [
        (
            a.activity.pk,
            a.status,
            [
                (
                    r.rule.pk,
                    r.status,
                    r.next_due,
                    [
                        (p.start, p.end, p.status, [(e.kind, e.id, e.url) for e in p.evidence])
                        for p in r.periods
                    ],
                    [(e.kind, e.id) for e in r.excluded],
                )
                for r in a.rules
            ],
        )
        for a in statuses
    ]


def version(unit) -> int:
    return UnitStatus.objects.get(unit=unit).version


CHANGES = {
    "meeting held": lambda w: meeting(w.unit, w.today - timedelta(days=2)),
    "meeting cancelled": lambda w: setattr(w.meeting, "state", "cancelled") or w.meeting.save(),
    "meeting deleted": lambda w: w.meeting.delete(),
    "meeting's groups": lambda w: w.meeting.working_groups.add(w.group),
    "document filed": lambda w: document(w.unit, "coop_report", w.today - timedelta(days=1)),
    "document redated": lambda w: (
        setattr(w.report, "issued_on", w.today - timedelta(days=800)) or w.report.save()
    ),
    "document deleted": lambda w: w.report.delete(),
    "resolution adopted": lambda w: Resolution.objects.create(
        unit=w.unit, number="1/RM", adopted_on=w.today, subject="Zpráva", document=w.report
    ),
    "evidence excluded": lambda w: services.evidence_set(
        rule=w.frequency, kind=MEETING, object_id=w.meeting.pk, included=False
    ),
    "rule changed": lambda w: setattr(w.frequency, "per_year", 6) or w.frequency.save(),
    "rule removed": lambda w: w.frequency.delete(),
    "activity added": lambda w: frequency_rule(activity(w.description, "Nová činnost", order=3), per_year=1),
    "validity changed": lambda w: (
        setattr(w.description, "valid_to", w.today - timedelta(days=1)) or w.description.save()
    ),
    "training held": lambda w: Participation.objects.create(
        unit=w.unit,
        event=TrainingEvent.objects.create(
            unit=w.unit, title="Seminář", starts_on=w.today, in_person_hours=6
        ),
        person=Person.objects.create(unit=w.unit, first_name="Jana", last_name="Nová"),
        in_person_hours=6,
    ),
    "unit renamed": lambda w: setattr(w.unit, "slug", "jihlava-nova") or w.unit.save(),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_every_kind_of_change_invalidates_and_stored_equals_fresh(w, change):
    units = TerritorialUnit.objects.filter(pk=w.unit.pk)
    stored.fresh_summaries(units, w.today)
    stored.statuses_of(w.description, w.today)  # cached now
    before = version(w.unit)

    CHANGES[change](w)

    assert version(w.unit) != before, f"{change}: stored statuses were not invalidated"
    w.description.refresh_from_db()
    w.unit.refresh_from_db()
    w.description.unit = w.unit
    fresh = evaluation.evaluate_description(description=w.description, today=w.today)
    assert shape(stored.statuses_of(w.description, w.today)) == shape(fresh)
    stored.fresh_summaries(units, w.today)
    summary = UnitStatus.objects.get(unit=w.unit)
    assert summary.lights == [[a.activity.name, a.status.value] for a in fresh]
    assert summary.failing == sum(r.current_status in stored.FAILING for a in fresh for r in a.rules)


def test_a_change_that_moves_a_status_is_seen_at_once(w):
    """Not only a new token: the overview's summary really follows (2 meetings a year are required)."""
    units = TerritorialUnit.objects.filter(pk=w.unit.pk)
    stored.fresh_summaries(units, w.today)
    failing_before = UnitStatus.objects.get(unit=w.unit).failing
    for days in (3, 4, 5):
        meeting(w.unit, w.today - timedelta(days=days))
    stored.fresh_summaries(units, w.today)
    assert UnitStatus.objects.get(unit=w.unit).failing == failing_before - 1


def test_the_next_day_is_evaluated_again(w, django_assert_num_queries):
    units = TerritorialUnit.objects.filter(pk=w.unit.pk)
    stored.fresh_summaries(units, w.today)
    with django_assert_num_queries(1):  # fresh: only the check
        stored.fresh_summaries(units, w.today)
    tomorrow = w.today + timedelta(days=1)
    assert list(stored.stale_units(units, tomorrow)) == [w.unit]
    stored.fresh_summaries(units, tomorrow)
    assert UnitStatus.objects.get(unit=w.unit).computed_for == tomorrow


def test_a_change_during_evaluation_leaves_the_result_stale(w, monkeypatch):
    """The token is read before evaluating: a change that commits meanwhile is never hidden."""
    real = evaluation.evaluate_descriptions

    def evaluate_while_someone_writes(**kwargs):
        result = real(**kwargs)
        meeting(w.unit, w.today - timedelta(days=1))  # another request's change, committed meanwhile
        return result

    monkeypatch.setattr(evaluation, "evaluate_descriptions", evaluate_while_someone_writes)
    units = TerritorialUnit.objects.filter(pk=w.unit.pk)
    stored.refresh(list(units), w.today)
    assert list(stored.stale_units(units, w.today)) == [w.unit]


def test_the_nightly_command_refreshes_every_stale_unit(w):
    out = call_command_output("refresh_statuses")
    assert out.startswith(f"Přepočítáno celků: {TerritorialUnit.objects.count()} ")
    assert call_command_output("refresh_statuses").startswith("Přepočítáno celků: 0 ")


def call_command_output(name: str) -> str:
    import io

    buffer = io.StringIO()
    call_command(name, stdout=buffer)
    return buffer.getvalue()
