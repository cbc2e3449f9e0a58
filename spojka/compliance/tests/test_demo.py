"""Jihlava's schedule in the demo: the seed's six activities and their rules, loaded idempotently."""

from __future__ import annotations

from datetime import date

from django.core.management import call_command

from spojka.compliance.demo import JIHLAVA_SCHEDULE
from spojka.compliance.engine import Status
from spojka.compliance.evaluation import evaluate_description
from spojka.compliance.models import Activity, EvidenceLink, Rule
from spojka.cooperation.models import CooperationDescription


def load() -> None:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_jihlava_has_the_seeds_schedule_and_a_second_load_changes_nothing(db):
    load()
    counts = (Activity.objects.count(), Rule.objects.count(), EvidenceLink.objects.count())
    updated = list(Rule.objects.order_by("pk").values_list("updated_at", flat=True))
    load()

    assert (Activity.objects.count(), Rule.objects.count(), EvidenceLink.objects.count()) == counts
    assert list(Rule.objects.order_by("pk").values_list("updated_at", flat=True)) == updated
    description = CooperationDescription.objects.get(
        unit__slug="jihlava", version=1
    )  # the seed's; version 2 is the example renewal
    activities = list(description.activities.prefetch_related("rules"))
    assert [a.name for a in activities] == [row["name"] for row in JIHLAVA_SCHEDULE]
    lp, evaluation, psz, psz_evaluation, spsz, training = activities
    assert [(r.kind, r.per_year, r.meeting_kinds, r.counts_working_groups) for r in lp.rules.all()] == [
        ("frequency", 4, ["lp_plenary"], True)
    ]
    assert [(r.kind, r.per_year, r.document_type) for r in evaluation.rules.all()][2] == (
        "periodic_output",
        1,
        "coop_report",
    )
    assert [r.text for r in psz_evaluation.rules.all()][2] == "1x ročně zpráva o plnění PSZ"
    assert [(r.text, r.due_date) for r in psz.rules.all()] == [("Podzim 2021", date(2021, 11, 30))]
    assert [(r.text, r.due_date) for r in spsz.rules.all()] == [("Podzim 2022", date(2022, 11, 30))]
    assert [r.kind for r in training.rules.all()] == ["none"]

    statuses = evaluate_description(description=description, today=date(2022, 6, 1))
    assert statuses[5].status == Status.NO_RULE  # "Dle nabídky ASZ"
    assert len(statuses) == 6
