"""Season deadlines: one function, one setting, for the schedule and the plan alike."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from spojka.lib.seasons import Season, season_due_date

ASTRONOMICAL = {"spring": (6, 20), "summer": (9, 22), "autumn": (12, 21), "winter": (3, 20)}


class TestSeasonDueDate:
    def test_autumn_2021_is_due_on_30_november_2021(self):
        assert season_due_date(Season.AUTUMN, 2021) == date(2021, 11, 30)

    def test_spring_and_summer_end_on_the_last_day_of_may_and_august(self):
        assert season_due_date(Season.SPRING, 2022) == date(2022, 5, 31)
        assert season_due_date(Season.SUMMER, 2022) == date(2022, 8, 31)

    def test_winter_2023_ends_on_29_february_2024_a_leap_year(self):
        assert season_due_date(Season.WINTER, 2023) == date(2024, 2, 29)

    def test_winter_2022_ends_on_28_february_2023(self):
        assert season_due_date(Season.WINTER, 2022) == date(2023, 2, 28)

    def test_century_leap_rules(self):
        # 2100 is not a leap year, 2000 is.
        assert season_due_date(Season.WINTER, 2099) == date(2100, 2, 28)
        assert season_due_date(Season.WINTER, 1999) == date(2000, 2, 29)

    def test_accepts_the_plain_string_code_as_stored_in_the_database(self):
        assert season_due_date("autumn", 2022) == date(2022, 11, 30)

    def test_unknown_season_is_refused(self):
        with pytest.raises(ValueError):
            season_due_date("podzim", 2021)

    @override_settings(SEASON_DUE_DATES=ASTRONOMICAL)
    def test_the_setting_is_the_one_mapping(self):
        assert season_due_date(Season.AUTUMN, 2021) == date(2021, 12, 21)
        assert season_due_date(Season.WINTER, 2021) == date(2022, 3, 20)

    @given(year=st.integers(min_value=1900, max_value=2200), season=st.sampled_from(list(Season)))
    def test_due_date_is_the_last_day_of_its_month_and_never_before_the_stated_year(self, year, season):
        due = season_due_date(season, year)
        assert (due + timedelta(days=1)).day == 1
        assert due.year == (year + 1 if season == Season.WINTER else year)


class TestOneDeadlineForScheduleAndPlan:
    """A schedule rule and a plan measure due in the same season fall due on the same day."""

    def deadlines(self, season: str, year: int) -> tuple[date | None, date | None, date | None]:
        from spojka.compliance.models import Rule
        from spojka.plans.models import Measure, PlanAction

        rule = Rule(season=season, season_year=year)
        measure = Measure(due_season=season, due_year=year)
        action = PlanAction(due_season=season, due_year=year)
        return rule.due_date, measure.due, action.due

    def test_with_the_default_setting_both_fall_due_at_the_end_of_the_season(self):
        assert self.deadlines("autumn", 2023) == (date(2023, 11, 30),) * 3

    @override_settings(SEASON_DUE_DATES=ASTRONOMICAL)
    def test_changing_the_setting_moves_the_schedule_and_the_plan_together(self):
        assert self.deadlines("autumn", 2023) == (date(2023, 12, 21),) * 3
        assert self.deadlines("winter", 2023) == (date(2024, 3, 20),) * 3
