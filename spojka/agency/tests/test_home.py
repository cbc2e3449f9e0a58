"""The agency home: facts per unit, filters, sorting, totals, export and pinned query counts."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from spojka.agency.facts import PlanState, State, unit_facts
from spojka.agency.models import AgencyStatement, SupportPeriod, SupportType
from spojka.agency.tests.helpers import full_unit, full_units
from spojka.compliance.tests.helpers import meeting
from spojka.cooperation.models import Region, TerritorialUnit
from spojka.plans.models import InclusionPlan

HOME = "agency:home"


def _facts(unit, today):
    return unit_facts([unit], today)[0]


class TestFacts:
    def test_an_ended_description_left_valid_is_ended_not_valid(self, world):
        world.description.status = "valid"
        world.description.save()
        f = _facts(world.unit, date(2026, 11, 29))
        assert f.state == State.ENDED
        assert f.state_label == "platnost skončila dne 1.\xa011.\xa02023"
        assert f.days_left < 0

    def test_a_draft_is_a_draft_and_a_unit_without_description_says_so(self, world):
        f = _facts(world.unit, date(2022, 5, 1))  # status návrh despite its dates
        assert (f.state, f.state_label) == (State.DRAFT, "návrh")
        assert _facts(world.other_unit, date(2022, 5, 1)).state == State.NONE

    def test_ending_within_90_days_with_days_left(self, world):
        today = timezone.localdate()
        description = full_unit(1, today, ending=True)
        f = _facts(description.unit, today)
        assert (f.state, f.days_left, f.ending_within_90) == (State.ENDING, 30, True)
        assert f.state_label == "končí za 30 dní"

    def test_lp_meetings_training_plan_and_readiness(self, world):
        today = timezone.localdate()
        description = full_unit(1, today)
        unit = description.unit
        plan = InclusionPlan.objects.get(unit=unit)
        AgencyStatement.objects.create(unit=unit, plan=plan, issued_on=today - timedelta(days=10))
        SupportPeriod.objects.create(
            unit=unit, support_type=SupportType.INTENSIVE, starts_on=today - timedelta(days=300)
        )
        f = _facts(unit, today)
        assert f.lp_held == (1 if (today - timedelta(days=5)).year == today.year else 0)
        assert f.lp_last == today - timedelta(days=5)
        assert f.lp_required is not None and f.lp_required >= 1
        # 4 h in person + 12 h distance, of which 10 count (the cap)
        assert (f.training_in_person, f.training_distance, f.training_counted) == (
            Decimal("4"),
            Decimal("12"),
            Decimal("14"),
        )
        assert (f.plan_state, f.plan_approved_on, f.statement_on) == (
            PlanState.APPROVED,
            today - timedelta(days=60),
            today - timedelta(days=10),
        )
        assert f.support_label == "intenzivní spolupráce"
        assert f.funding_ready

    def test_facts_of_a_past_day_ignore_what_was_dated_later(self, world):
        today = timezone.localdate()
        description = full_unit(1, today)
        past = today - timedelta(days=90)
        f = _facts(description.unit, past)
        assert f.lp_last is None  # the meeting 5 days ago is later than ``past``
        assert f.training_counted == 0
        assert f.plan_approved_on is None and f.plan_state == PlanState.DRAFT
        assert f.failing is None  # today's stored statuses are not read for another day

    def test_a_plan_marked_approved_without_its_date_is_approved_not_a_draft(self, world):
        today = timezone.localdate()
        description = full_unit(1, today)
        InclusionPlan.objects.filter(unit=description.unit).update(resolution_date=None)
        f = _facts(description.unit, today)
        assert (f.plan_state, f.plan_approved_on) == (PlanState.APPROVED, None)
        assert not f.funding_ready  # the checklist needs the council's date

    def test_lp_behind_when_fewer_meetings_than_due_by_now(self, world):
        description = world.description
        description.status = "valid"
        description.valid_to = date(2030, 12, 31)
        description.save()
        from spojka.compliance.tests.helpers import activity, frequency_rule

        frequency_rule(activity(description), per_year=4)
        f = _facts(world.unit, date(2026, 11, 29))
        assert (f.lp_required, f.lp_due_by_now, f.lp_held, f.lp_behind) == (4, 3, 0, True)
        for month in (2, 5, 8):
            meeting(world.unit, date(2026, month, 10))
        f = _facts(world.unit, date(2026, 11, 29))
        assert (f.lp_held, f.lp_behind) == (3, False)


def test_the_bulk_builder_gives_the_facts_of_the_one_by_one_builder(world):
    """The query-count tests build their units in bulk; they must be the units full_unit builds."""
    today = timezone.localdate()
    one = full_unit(0, today, ending=True).unit
    TerritorialUnit.objects.filter(pk=one.pk).update(slug="jedna", ico="98888888")
    bulk = full_units(1, today, ending=lambda i: True)[0].unit

    def comparable(f):
        facts = {k: v for k, v in vars(f).items() if k not in ("unit", "description", "plan", "memorandum")}
        # The per-person rows name the unit's own person (another id in each unit).
        facts["training"] = replace(
            f.training, people=tuple(replace(p, person_id=0) for p in f.training.people)
        )
        return facts

    assert comparable(_facts(bulk, today)) == comparable(_facts(one, today))


class TestHome:
    @pytest.mark.parametrize("count", [10, 200])
    def test_query_count_is_the_same_for_10_and_200_units(
        self, world, login, django_assert_num_queries, count
    ):
        today = timezone.localdate()
        full_units(count, today, consultant=world.users["consultant"], ending=lambda i: i % 3 == 0)
        call_command("refresh_statuses", stdout=io.StringIO())
        call_command("refresh_agency_home", stdout=io.StringIO())
        client = login(world.users["agency_admin"])
        with django_assert_num_queries(8):
            response = client.get(reverse(HOME))
        assert response.status_code == 200
        assert response.context["totals"].units == count + 2
        with django_assert_num_queries(5):
            export = client.get(reverse("agency:export"), {"konci": "1"})
        assert export.status_code == 200
        consultant_client = login(world.users["consultant"])
        with django_assert_num_queries(8):
            consultant = consultant_client.get(reverse(HOME), {"razeni": "-days"})
        assert consultant.context["totals"].units == count + 1
        assert consultant.context["totals"].ending == (count + 2) // 3

    def test_filters_live_in_the_url_and_totals_cover_the_filtered_set(self, world, login):
        today = timezone.localdate()
        full_unit(1, today, ending=True)
        full_unit(2, today)
        TerritorialUnit.objects.filter(slug="obec-002").update(region=Region.USTECKY)
        client = login(world.users["agency_admin"])
        rows = client.get(reverse(HOME), {"konci": "1"}).context["rows"]
        assert [f.unit.slug for f in rows] == ["obec-001"]
        rows = client.get(reverse(HOME), {"kraj": "ustecky"}).context["rows"]
        assert [f.unit.slug for f in rows] == ["obec-002"]
        response = client.get(reverse(HOME), {"bez_planu": "1"})
        assert {f.unit.slug for f in response.context["rows"]} == {"jihlava", "jinde"}
        assert response.context["totals"].plans_approved == 0
        rows = client.get(reverse(HOME), {"stav": "none"}).context["rows"]
        assert [f.unit.slug for f in rows] == ["jinde"]
        text = client.get(reverse(HOME), {"stav": "ending"}).content.decode()
        assert "končí za 30 dní" in text and "stav=ending&amp;razeni=-name" in text

    def test_every_column_sorts_both_ways(self, world, login):
        today = timezone.localdate()
        full_unit(1, today, ending=True)
        client = login(world.users["agency_admin"])
        links = client.get(reverse(HOME)).context["sort_links"]
        for key in links:
            for sort in (key, f"-{key}"):
                response = client.get(reverse(HOME), {"razeni": sort})
                assert response.status_code == 200
                assert len(response.context["rows"]) == 3
        rows = client.get(reverse(HOME), {"razeni": "days"}).context["rows"]
        assert rows[0].unit.slug == "jihlava"  # ended: negative days first, no description last
        assert rows[-1].unit.slug == "jinde"

    def test_the_consultant_sees_only_their_units(self, world, login):
        rows = login(world.users["consultant"]).get(reverse(HOME)).context["rows"]
        assert [f.unit.pk for f in rows] == [world.unit.pk]

    def test_export_has_real_dates_and_numbers(self, world, login):
        today = timezone.localdate()
        full_unit(1, today, ending=True)
        response = login(world.users["agency_admin"]).get(reverse("agency:export"), {"konci": "1"})
        assert response["Content-Disposition"] == f'attachment; filename="agentura-{today:%Y-%m-%d}.xlsx"'
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        header, row = rows[0], rows[1]
        assert header[0] == "Územní celek" and len(rows) == 2
        assert isinstance(row[3], datetime) and row[3].date() == today + timedelta(days=30)
        assert row[4] == 30 and row[12] == 14
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")

    def test_users_without_email_are_listed_for_the_admin(self, world, login):
        text = login(world.users["agency_admin"]).get(reverse(HOME)).content.decode()
        assert "Uživatelé bez e-mailu" in text and "konzultant" in text
        text = login(world.users["consultant"]).get(reverse(HOME)).content.decode()
        assert "Uživatelé bez e-mailu" not in text


class TestSupportPeriods:
    def test_periods_must_not_overlap(self, world):
        from django.core.exceptions import ValidationError

        SupportPeriod.objects.create(
            unit=world.unit, support_type="intensive", starts_on=date(2021, 1, 1), ends_on=date(2023, 12, 31)
        )
        clash = SupportPeriod(unit=world.unit, support_type="remote", starts_on=date(2023, 6, 1))
        with pytest.raises(ValidationError) as error:
            clash.full_clean()
        assert "překrývá" in str(error.value.message_dict["starts_on"])
        SupportPeriod(unit=world.unit, support_type="remote", starts_on=date(2024, 1, 1)).full_clean()
