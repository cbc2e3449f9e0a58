"""The evaluation service: the engine applied to the meetings and documents in the database."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings

from spojka.compliance import evaluation, services
from spojka.compliance.engine import Status
from spojka.compliance.models import Rule
from spojka.compliance.tests.helpers import (
    activity,
    document,
    frequency_rule,
    meeting,
    output_rule,
    season_rule,
)


def status_of(description, rule: Rule, today: date) -> evaluation.RuleStatus:
    statuses = evaluation.evaluate_description(description=description, today=today)
    return next(r for a in statuses for r in a.rules if r.rule.pk == rule.pk)


def by_year(rule_status: evaluation.RuleStatus) -> dict[int, evaluation.PeriodStatus]:
    return {p.year: p for p in rule_status.periods}


class TestFrequency:
    def test_the_partial_first_year_expects_one_meeting_and_a_working_group_session_counts(self, world):
        rule = frequency_rule(activity(world.description), per_year=4, groups=True)
        wg = meeting(world.unit, date(2021, 12, 9), kind="working_group", title="Pracovní skupina bydlení")
        meeting(world.unit, date(2021, 12, 10), kind="public", title="Veřejné setkání")  # does not count

        years = by_year(status_of(world.description, rule, today=date(2022, 1, 10)))

        assert (years[2021].held_count, years[2021].required, years[2021].status) == (1, 1, Status.MET)
        assert [e.id for e in years[2021].evidence] == [wg.pk]
        assert years[2021].is_partial_year
        assert (years[2022].required, years[2022].status) == (4, Status.AT_RISK)
        assert years[2023].status == Status.NOT_STARTED

    def test_working_group_sessions_do_not_count_when_the_rule_says_lp_only(self, world):
        rule = frequency_rule(
            activity(world.description), per_year=1, groups=False, text="1x ročně projednání v LP"
        )
        meeting(world.unit, date(2022, 3, 1), kind="working_group")
        lp_session = meeting(world.unit, date(2022, 4, 1), kind="working_group", includes_lp=True)

        year = by_year(status_of(world.description, rule, today=date(2022, 5, 1)))[2022]

        assert [e.id for e in year.evidence] == [lp_session.pk]  # a group meeting that was also the plenum
        assert year.status == Status.MET

    def test_a_year_that_ends_with_three_of_four_held_is_unmet_and_shows_its_evidence(self, world):
        rule = frequency_rule(activity(world.description), per_year=4)
        held = [meeting(world.unit, date(2022, m, 10)).pk for m in (2, 5, 9)]
        meeting(world.unit, date(2022, 12, 1), state="cancelled")
        closed = meeting(world.unit, date(2022, 6, 1), state="closed")  # closed counts as held
        closed.delete()

        rs = status_of(world.description, rule, today=date(2023, 1, 5))
        year = by_year(rs)[2022]

        assert year.status == Status.UNMET
        assert (year.held_count, year.required) == (3, 4)
        assert [e.id for e in year.evidence] == held
        assert rs.status == Status.UNMET  # the rule stays red for the rest of the validity

    def test_closed_meetings_count_as_held_and_planned_ones_as_planned(self, world):
        rule = frequency_rule(activity(world.description), per_year=4)
        meeting(world.unit, date(2022, 2, 10), state="closed")
        meeting(world.unit, date(2022, 5, 10), state="held")
        meeting(world.unit, date(2022, 9, 10), state="planned")
        meeting(world.unit, date(2022, 11, 10), state="planned")

        year = by_year(status_of(world.description, rule, today=date(2022, 8, 1)))[2022]

        assert (year.held_count, year.planned_count, year.status) == (2, 2, Status.ON_TRACK)

    def test_a_meeting_planned_but_never_closed_is_overdue_and_puts_the_year_at_risk(self, world):
        rule = frequency_rule(activity(world.description), per_year=1, text="1x ročně")
        forgotten = meeting(world.unit, date(2022, 3, 10), state="planned")

        year = by_year(status_of(world.description, rule, today=date(2022, 4, 1)))[2022]

        assert year.status == Status.AT_RISK
        assert [e.id for e in year.overdue_planned] == [forgotten.pk]

    def test_a_meeting_of_several_groups_counts_once_for_a_rule_that_counts_working_groups(self, world):
        from spojka.partnership.models import LocalPartnership, WorkingGroup

        partnership = LocalPartnership.objects.create(unit=world.unit)
        groups = [
            WorkingGroup.objects.create(unit=world.unit, partnership=partnership, name=name)
            for name in ("Bydlení", "Zaměstnanost")
        ]
        rule = frequency_rule(activity(world.description), per_year=4, groups=True)
        joint = meeting(world.unit, date(2022, 3, 10), kind="other", title="Společné jednání skupin")
        joint.working_groups.set(groups)

        year = by_year(status_of(world.description, rule, today=date(2022, 4, 1)))[2022]

        assert [e.id for e in year.evidence] == [joint.pk]

    def test_another_units_meetings_never_count(self, world):
        rule = frequency_rule(activity(world.description), per_year=1)
        meeting(world.other_unit, date(2022, 3, 10))

        assert by_year(status_of(world.description, rule, today=date(2022, 4, 1)))[2022].held_count == 0


class TestDeadline:
    def test_autumn_2021_is_due_on_30_november_and_met_by_the_plan_issued_before(self, world):
        rule = season_rule(activity(world.description, "Tvorba PSZ"), "autumn", 2021)
        plan = document(world.unit, "psz", date(2021, 11, 15))

        rs = status_of(world.description, rule, today=date(2021, 12, 1))

        assert rs.due == date(2021, 11, 30)
        assert rs.status == Status.MET
        assert [e.id for e in rs.periods[0].evidence] == [plan.pk]

    def test_a_plan_issued_after_the_season_is_met_late(self, world):
        rule = season_rule(activity(world.description), "autumn", 2021)
        document(world.unit, "psz", date(2022, 1, 10))

        assert status_of(world.description, rule, today=date(2022, 2, 1)).status == Status.MET_LATE

    def test_without_the_plan_the_deadline_is_at_risk_in_its_last_30_days_and_unmet_after(self, world):
        rule = season_rule(activity(world.description), "autumn", 2021)
        document(world.unit, "analysis", date(2021, 11, 1))  # another type does not count

        assert status_of(world.description, rule, today=date(2021, 10, 1)).status == Status.ON_TRACK
        at_risk = status_of(world.description, rule, today=date(2021, 11, 5))
        assert (at_risk.status, at_risk.days_left) == (Status.AT_RISK, 25)
        assert status_of(world.description, rule, today=date(2021, 12, 1)).status == Status.UNMET

    @override_settings(
        SEASON_DUE_DATES={"autumn": (12, 21), "winter": (3, 20), "spring": (6, 20), "summer": (9, 22)}
    )
    def test_the_season_mapping_comes_from_settings(self, world):
        autumn = season_rule(activity(world.description), "autumn", 2021)
        winter = season_rule(activity(world.description, order=2), "winter", 2021)

        assert autumn.due_date == date(2021, 12, 21)
        assert winter.due_date == date(2022, 3, 20)

    def test_winter_with_the_default_settings_ends_in_february_of_the_next_year(self, world):
        rule = season_rule(activity(world.description), "winter", 2023)
        assert rule.due_date == date(2024, 2, 29)


class TestPeriodicOutput:
    def test_a_report_per_year_and_a_year_without_one(self, world):
        rule = output_rule(activity(world.description, "Vyhodnocení spolupráce"))
        report = document(world.unit, "coop_report", date(2022, 11, 20))

        years = by_year(status_of(world.description, rule, today=date(2023, 1, 10)))

        assert years[2021].status == Status.UNMET  # the short first year needed a report too
        assert (years[2022].status, [e.id for e in years[2022].evidence]) == (Status.MET, [report.pk])
        assert years[2023].status == Status.ON_TRACK

    def test_when_a_resolution_is_required_the_report_counts_from_the_day_it_was_adopted(self, world):
        from spojka.documents.models import Resolution

        rule = output_rule(activity(world.description), resolution=True)
        report = document(world.unit, "coop_report", date(2022, 11, 20))
        before = by_year(status_of(world.description, rule, today=date(2022, 12, 1)))[2022]
        Resolution.objects.create(
            unit=world.unit,
            number="123/23-ZM",
            adopted_on=date(2023, 1, 20),
            subject="Zpráva",
            document=report,
        )
        after = status_of(world.description, rule, today=date(2023, 2, 1))

        assert before.held_count == 0
        years = by_year(after)
        assert years[2022].status == Status.UNMET  # adopted only in 2023
        assert [e.resolution for e in years[2023].evidence] == ["123/23-ZM"]


class TestManualLinks:
    def test_a_person_can_exclude_a_matched_meeting_and_include_another(self, world):
        rule = frequency_rule(activity(world.description), per_year=1, groups=False)
        wrong = meeting(world.unit, date(2022, 3, 10))
        right = meeting(world.unit, date(2022, 4, 10), kind="other")

        services.evidence_set(rule=rule, kind="meeting", object_id=wrong.pk, included=False)
        services.evidence_set(rule=rule, kind="meeting", object_id=right.pk, included=True)
        rs = status_of(world.description, rule, today=date(2022, 5, 1))

        year = by_year(rs)[2022]
        assert [(e.id, e.manual) for e in year.evidence] == [(right.pk, True)]
        assert [e.id for e in rs.excluded] == [wrong.pk]

    def test_another_units_meeting_cannot_be_linked(self, world):
        rule = frequency_rule(activity(world.description), per_year=1)
        foreign = meeting(world.other_unit, date(2022, 3, 10))
        from spojka.meetings.models import Meeting

        with pytest.raises(Meeting.DoesNotExist):
            services.evidence_set(rule=rule, kind="meeting", object_id=foreign.pk, included=True)


class TestQueries:
    @pytest.mark.parametrize("meetings", [1, 60])
    def test_the_number_of_queries_does_not_grow_with_the_data(
        self, world, django_assert_num_queries, meetings
    ):
        act = activity(world.description)
        rule = frequency_rule(act, per_year=4)
        output_rule(act)
        for i in range(meetings):
            m = meeting(world.unit, date(2022, 1 + i % 12, 1 + i % 28))
            if i % 5 == 0:
                services.evidence_set(rule=rule, kind="meeting", object_id=m.pk, included=False)
            document(world.unit, "coop_report", date(2022, 1 + i % 12, 2))

        with django_assert_num_queries(5):
            statuses = evaluation.evaluate_description(description=world.description, today=date(2022, 6, 1))
        assert statuses[0].rules[0].periods
