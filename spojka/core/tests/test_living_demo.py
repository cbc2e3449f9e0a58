"""The living demo (issue 12): built relative to today, consistent, and idempotent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from spojka.compliance.engine import Status
from spojka.compliance.evaluation import current_descriptions, evaluate_description
from spojka.compliance.models import EvidenceLink
from spojka.cooperation import validity
from spojka.cooperation.models import CooperationDescription, TerritorialUnit
from spojka.documents.models import Document
from spojka.meetings.models import Meeting
from spojka.partnership.models import PartnershipMember, Statute, WorkingGroup
from spojka.plans.models import InclusionPlan, PlanKind


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return TerritorialUnit.objects.get(slug="jihlava")


def _rule_statuses(description) -> dict[str, Status]:
    today = timezone.localdate()
    return {
        f"{a.activity.name} – {r.rule.text}": r.status
        for a in evaluate_description(description=description, today=today)
        for r in a.rules
    }


def test_the_seed_description_has_ended_and_an_example_renewal_is_valid_today(demo):
    today = timezone.localdate()
    first, renewal = CooperationDescription.objects.filter(unit=demo).order_by("version")
    assert validity.validity_on(first, today).has_ended
    assert first.status == "ended"
    assert (renewal.previous, renewal.status) == (first, "valid")
    assert "Ukázková data" in renewal.programme_period_note
    assert validity.current_description(demo, today) == renewal
    assert current_descriptions([demo])[demo.pk] == renewal
    assert validity.succession(first, renewal).gap_days == 0


def test_a_meeting_entered_today_counts_toward_the_current_description(demo):
    today = timezone.localdate()
    assert validity.covering(validity.descriptions_for_flags(demo), today) == validity.current_description(
        demo, today
    )


def test_the_demo_data_agree_with_each_other(demo):
    statuses = _rule_statuses(CooperationDescription.objects.get(unit=demo, version=1))
    assert statuses["Tvorba plánu sociálního začleňování (PSZ) – Podzim 2021"] == Status.MET_LATE
    evaluation = "Vyhodnocení Strategického plánu sociálního začleňování 2019 – 2022 – Podzim 2022"
    assert statuses[evaluation] == Status.MET  # linked by a person: an analysis is not matched by itself
    assert EvidenceLink.objects.filter(unit=demo, document__title="Vyhodnocení SPSZ 2019–2022").exists()
    assert InclusionPlan.objects.get(unit=demo, kind=PlanKind.PSZ).status == "approved"
    statute = Statute.objects.get(unit=demo)
    library_copy = Document.objects.get(unit=demo, doc_type="statute")
    assert statute.effective_from == library_copy.issued_on
    for group in WorkingGroup.objects.filter(unit=demo):
        assert PartnershipMember.objects.filter(working_group=group).count() >= 3, group.name


def test_something_happens_now_and_every_dashboard_card_shows_it(demo, client):
    from spojka.accounts.models import User

    today = timezone.localdate()
    assert Meeting.objects.filter(
        unit=demo, starts_at__date__gte=today - timedelta(days=35), state="closed"
    ).exists()
    assert Meeting.objects.filter(unit=demo, starts_at__date__gt=today, state="planned").exists()
    client.force_login(User.objects.get(username="jihlava"))
    response = client.get("/", follow=True)
    summary = response.context["summary"]
    assert response.redirect_chain[-1][0] == reverse("compliance:dashboard", kwargs={"unit": "jihlava"})
    assert summary.validity.is_valid
    assert summary.overdue_count >= 1
    assert summary.schedule.failing and summary.schedule.next_due
    assert summary.next_meeting is not None
    assert summary.training.counted_total > 0
    text = response.content.decode()
    assert "Územní celek nemá platný popis spolupráce." not in text
    assert "platné</span>" not in text


def test_a_second_load_changes_nothing(demo):
    counts = [
        model.objects.count()
        for model in (CooperationDescription, Meeting, Document, EvidenceLink, PartnershipMember)
    ]
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [
        model.objects.count()
        for model in (CooperationDescription, Meeting, Document, EvidenceLink, PartnershipMember)
    ] == counts
