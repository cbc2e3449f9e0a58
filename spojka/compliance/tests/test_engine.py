"""Tests of the schedule rule engine.

Labels are lazy translations and need configured Django settings to be rendered, so these tests
compare status codes; that the labels exist for every code is checked without rendering them.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spojka.compliance.engine import (
    STATUS_LABELS,
    STATUS_SEVERITY,
    DeadlineResult,
    Document,
    Event,
    EventState,
    Period,
    PeriodResult,
    Status,
    activity_status,
    current_result,
    evaluate_deadline,
    evaluate_frequency,
    evaluate_periodic_output,
    frequency_periods,
    next_due,
    rule_status,
    worst_status,
)

# Jihlava: memorandum of 2. 11. 2021, validity 2 years → the last day is 1. 11. 2023.
JIHLAVA_FROM = date(2021, 11, 2)
JIHLAVA_TO = date(2023, 11, 1)

HELD, PLANNED, CANCELLED = EventState.HELD, EventState.PLANNED, EventState.CANCELLED


def meeting(day: date, state: EventState, pk: int) -> Event:
    return Event(date=day, state=state, kind="lp", id=pk, label=f"Jednání {pk}")


def jihlava_periods() -> list[Period]:
    return frequency_periods(valid_from=JIHLAVA_FROM, valid_to=JIHLAVA_TO, per_year=4)


def by_year(results: list[PeriodResult]) -> dict[int, PeriodResult]:
    return {r.period.year: r for r in results}


# --------------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------------------


class TestFrequencyPeriods:
    def test_jihlava_validity_gives_three_years_expecting_1_4_4(self):
        periods = jihlava_periods()
        assert [(p.year, p.start, p.end, p.expected) for p in periods] == [
            (2021, date(2021, 11, 2), date(2021, 12, 31), 1),  # Nov + Dec: ceil(4 × 2 / 12) = 1
            (2022, date(2022, 1, 1), date(2022, 12, 31), 4),
            (2023, date(2023, 1, 1), date(2023, 11, 1), 4),  # Jan–Nov: ceil(4 × 11 / 12) = 4
        ]
        assert [p.months for p in periods] == [2, 12, 11]

    def test_jihlava_twice_a_year_rule(self):
        periods = frequency_periods(valid_from=JIHLAVA_FROM, valid_to=JIHLAVA_TO, per_year=2)
        assert [p.expected for p in periods] == [1, 2, 2]  # ceil(2×2/12)=1, 2, ceil(2×11/12)=2

    def test_partial_first_year_counts_touched_months(self):
        # 15. 7. 2022 – 14. 7. 2024, 2x a year: Jul–Dec (6) → 1; 2023 → 2; Jan–Jul 2024 (7) → ceil(14/12) = 2.
        periods = frequency_periods(valid_from=date(2022, 7, 15), valid_to=date(2024, 7, 14), per_year=2)
        assert [(p.year, p.months, p.expected) for p in periods] == [
            (2022, 6, 1),
            (2023, 12, 2),
            (2024, 7, 2),
        ]

    def test_partial_year_with_twelve_per_year_expects_one_per_touched_month(self):
        periods = frequency_periods(valid_from=date(2022, 3, 31), valid_to=date(2022, 9, 1), per_year=12)
        assert [p.expected for p in periods] == [7]

    def test_a_single_day_in_a_year_still_expects_one(self):
        periods = frequency_periods(valid_from=date(2021, 12, 31), valid_to=date(2022, 12, 31), per_year=4)
        assert [(p.year, p.expected) for p in periods] == [(2021, 1), (2022, 4)]

    def test_a_validity_inside_one_year(self):
        periods = frequency_periods(valid_from=date(2022, 2, 1), valid_to=date(2022, 4, 30), per_year=4)
        assert [(p.start, p.end, p.expected) for p in periods] == [(date(2022, 2, 1), date(2022, 4, 30), 1)]

    def test_invalid_arguments_are_refused(self):
        with pytest.raises(ValueError):
            frequency_periods(valid_from=date(2022, 1, 1), valid_to=date(2021, 12, 31), per_year=4)
        with pytest.raises(ValueError):
            frequency_periods(valid_from=date(2022, 1, 1), valid_to=date(2022, 12, 31), per_year=0)

    def test_a_period_cannot_span_two_years(self):
        with pytest.raises(ValueError):
            Period(start=date(2021, 12, 1), end=date(2022, 1, 31), year=2021, expected=1)


validity_dates = st.dates(min_value=date(1995, 1, 1), max_value=date(2060, 12, 31))
per_year_counts = st.integers(min_value=1, max_value=24)


@st.composite
def validities(draw, max_days: int = 6 * 366) -> tuple[date, date]:
    start = draw(validity_dates)
    length = draw(st.integers(min_value=0, max_value=max_days))
    return start, start + timedelta(days=length)


class TestFrequencyPeriodProperties:
    @given(validity=validities(), per_year=per_year_counts)
    def test_periods_are_contiguous_and_cover_exactly_the_validity(self, validity, per_year):
        valid_from, valid_to = validity
        periods = frequency_periods(valid_from=valid_from, valid_to=valid_to, per_year=per_year)
        assert periods[0].start == valid_from
        assert periods[-1].end == valid_to
        for before, after in zip(periods, periods[1:], strict=False):
            assert after.start == before.end + timedelta(days=1)
            assert after.year == before.year + 1
        for period in periods:
            assert period.start <= period.end
            assert period.start.year == period.end.year == period.year

    @given(validity=validities(max_days=3 * 366), per_year=per_year_counts)
    def test_expected_is_the_ceiling_of_the_touched_months_share(self, validity, per_year):
        valid_from, valid_to = validity
        periods = frequency_periods(valid_from=valid_from, valid_to=valid_to, per_year=per_year)
        for period in periods:
            # Months touched, counted independently of the implementation: walk every day.
            days = (period.start + timedelta(days=i) for i in range((period.end - period.start).days + 1))
            months = len({d.month for d in days})
            assert 1 <= period.expected <= per_year
            # expected is the smallest whole number ≥ per_year × months / 12.
            assert period.expected * 12 >= per_year * months
            assert (period.expected - 1) * 12 < per_year * months

    @given(validity=validities(), per_year=per_year_counts)
    def test_whole_years_expect_exactly_n(self, validity, per_year):
        valid_from, valid_to = validity
        for period in frequency_periods(valid_from=valid_from, valid_to=valid_to, per_year=per_year):
            if period.start == date(period.year, 1, 1) and period.end == date(period.year, 12, 31):
                assert period.expected == per_year

    @given(
        first_year=st.integers(min_value=1995, max_value=2060),
        years=st.integers(min_value=1, max_value=10),
        per_year=per_year_counts,
    )
    def test_k_whole_calendar_years_expect_k_times_n(self, first_year, years, per_year):
        periods = frequency_periods(
            valid_from=date(first_year, 1, 1),
            valid_to=date(first_year + years - 1, 12, 31),
            per_year=per_year,
        )
        assert len(periods) == years
        assert sum(p.expected for p in periods) == years * per_year

    @given(validity=validities(), per_year=st.integers(min_value=1, max_value=23))
    def test_a_higher_frequency_never_expects_less(self, validity, per_year):
        valid_from, valid_to = validity
        lower = frequency_periods(valid_from=valid_from, valid_to=valid_to, per_year=per_year)
        higher = frequency_periods(valid_from=valid_from, valid_to=valid_to, per_year=per_year + 1)
        assert all(h.expected >= lo.expected for h, lo in zip(higher, lower, strict=True))


# --------------------------------------------------------------------------------------------------
# Frequency evaluation
# --------------------------------------------------------------------------------------------------


class TestEvaluateFrequency:
    def test_a_year_that_ends_with_three_of_four_held_is_unmet(self):
        events = [
            meeting(date(2022, 2, 10), HELD, 1),
            meeting(date(2022, 5, 12), HELD, 2),
            meeting(date(2022, 9, 8), HELD, 3),
            meeting(date(2022, 12, 1), CANCELLED, 4),
        ]
        result = by_year(
            evaluate_frequency(periods=jihlava_periods(), events=events, today=date(2023, 1, 5))
        )[2022]
        assert result.status == Status.UNMET
        assert (result.held, result.required, result.missing) == (3, 4, 1)
        assert result.evidence_ids == (1, 2, 3)

    def test_cancelled_meetings_never_count(self):
        events = [meeting(date(2022, m, 1), CANCELLED, m) for m in range(1, 13)]
        result = by_year(
            evaluate_frequency(periods=jihlava_periods(), events=events, today=date(2023, 1, 5))
        )[2022]
        assert result.held == 0
        assert result.planned == 0
        assert result.status == Status.UNMET

    def test_planned_meetings_whose_date_has_passed_do_not_count_as_planned(self):
        events = [
            meeting(date(2022, 2, 10), HELD, 1),
            meeting(date(2022, 5, 12), HELD, 2),
            meeting(date(2022, 9, 15), PLANNED, 3),  # never closed: overdue
            meeting(date(2022, 11, 10), PLANNED, 4),
        ]
        result = by_year(
            evaluate_frequency(periods=jihlava_periods(), events=events, today=date(2022, 10, 1))
        )[2022]
        assert (result.held, result.planned, result.overdue_planned) == (2, 1, 1)
        assert result.planned_ids == (4,)
        assert result.overdue_planned_ids == (3,)
        assert result.status == Status.AT_RISK  # 2 held + 1 planned < 4

    def test_enough_planned_for_the_rest_of_the_year_is_on_track(self):
        events = [
            meeting(date(2022, 2, 10), HELD, 1),
            meeting(date(2022, 5, 12), HELD, 2),
            meeting(date(2022, 11, 10), PLANNED, 3),
            meeting(date(2022, 12, 8), PLANNED, 4),
        ]
        result = by_year(
            evaluate_frequency(periods=jihlava_periods(), events=events, today=date(2022, 10, 1))
        )[2022]
        assert result.status == Status.ON_TRACK

    def test_planned_meetings_never_satisfy_a_period_that_is_over(self):
        events = [meeting(date(2022, m, 1), PLANNED, m) for m in (2, 4, 6, 8)]
        result = by_year(
            evaluate_frequency(periods=jihlava_periods(), events=events, today=date(2023, 2, 1))
        )[2022]
        assert result.status == Status.UNMET
        assert (result.held, result.planned, result.overdue_planned) == (0, 0, 4)

    def test_a_meeting_planned_for_today_still_counts_as_planned(self):
        events = [meeting(date(2021, 12, 9), PLANNED, 1)]
        result = by_year(
            evaluate_frequency(periods=jihlava_periods(), events=events, today=date(2021, 12, 9))
        )[2021]
        assert result.status == Status.ON_TRACK
        assert result.planned_ids == (1,)

    def test_a_period_is_met_as_soon_as_enough_are_held_even_mid_year(self):
        events = [meeting(date(2022, m, 15), HELD, m) for m in (1, 2, 3, 4)]
        result = by_year(
            evaluate_frequency(periods=jihlava_periods(), events=events, today=date(2022, 6, 30))
        )[2022]
        assert result.status == Status.MET

    def test_partial_first_year_of_jihlava_is_met_by_one_meeting(self):
        events = [meeting(date(2021, 12, 9), HELD, 7)]
        results = by_year(
            evaluate_frequency(periods=jihlava_periods(), events=events, today=date(2022, 1, 10))
        )
        assert results[2021].status == Status.MET
        assert results[2022].status == Status.AT_RISK  # current year, nothing held or planned yet
        assert results[2023].status == Status.NOT_STARTED

    def test_a_future_period_is_not_started_even_with_events_dated_in_it(self):
        events = [meeting(date(2023, m, 1), HELD, m) for m in (1, 2, 3, 4)]
        result = by_year(
            evaluate_frequency(periods=jihlava_periods(), events=events, today=date(2022, 6, 1))
        )[2023]
        assert result.status == Status.NOT_STARTED
        assert result.held == 4  # still listed as evidence

    def test_events_outside_the_validity_are_ignored_and_boundaries_are_inclusive(self):
        events = [
            meeting(date(2021, 11, 1), HELD, 1),  # the day before validity starts
            meeting(date(2021, 11, 2), HELD, 2),  # first day
            meeting(date(2023, 11, 1), HELD, 3),  # last day
            meeting(date(2023, 11, 2), HELD, 4),  # the day after
        ]
        results = by_year(
            evaluate_frequency(periods=jihlava_periods(), events=events, today=date(2024, 1, 1))
        )
        assert results[2021].evidence_ids == (2,)
        assert results[2023].evidence_ids == (3,)

    def test_evidence_is_listed_by_date_whatever_the_input_order(self):
        events = [
            meeting(date(2022, 9, 1), HELD, 30),
            meeting(date(2022, 3, 1), HELD, 10),
            meeting(date(2022, 6, 1), HELD, 20),
        ]
        result = by_year(
            evaluate_frequency(periods=jihlava_periods(), events=events, today=date(2022, 10, 1))
        )[2022]
        assert result.evidence_ids == (10, 20, 30)

    def test_events_may_be_a_one_shot_iterator(self):
        events = iter([meeting(date(2021, 12, 1), HELD, 1), meeting(date(2022, 3, 1), HELD, 2)])
        results = by_year(
            evaluate_frequency(periods=jihlava_periods(), events=events, today=date(2022, 4, 1))
        )
        assert results[2021].held == 1
        assert results[2022].held == 1

    def test_an_unknown_event_state_is_refused(self):
        with pytest.raises(ValueError):
            evaluate_frequency(
                periods=jihlava_periods(),
                events=[Event(date=date(2022, 1, 1), state="closed", kind="lp", id=1)],
                today=date(2022, 1, 2),
            )

    def test_string_states_from_the_database_work(self):
        events = [Event(date=date(2021, 12, 1), state="held", kind="wg", id=1)]
        results = evaluate_frequency(periods=jihlava_periods(), events=events, today=date(2022, 1, 2))
        assert results[0].status == Status.MET


@st.composite
def frequency_scenarios(draw):
    valid_from, valid_to = draw(validities(max_days=3 * 366))
    per_year = draw(st.integers(min_value=1, max_value=12))
    margin = timedelta(days=60)
    some_date = st.dates(min_value=valid_from - margin, max_value=valid_to + margin)
    events = draw(
        st.lists(
            st.builds(
                Event,
                date=some_date,
                state=st.sampled_from(list(EventState)),
                kind=st.just("lp"),
                id=st.integers(),
            ),
            max_size=30,
        )
    )
    today = draw(some_date)
    extra_day = draw(some_date)
    return valid_from, valid_to, per_year, events, today, extra_day


class TestEvaluateFrequencyProperties:
    @given(scenario=frequency_scenarios())
    def test_adding_a_held_event_never_worsens_any_period(self, scenario):
        valid_from, valid_to, per_year, events, today, extra_day = scenario
        periods = frequency_periods(valid_from=valid_from, valid_to=valid_to, per_year=per_year)
        before = evaluate_frequency(periods=periods, events=events, today=today)
        after = evaluate_frequency(
            periods=periods,
            events=[*events, Event(date=extra_day, state=HELD, kind="lp", id=-1)],
            today=today,
        )
        for old, new in zip(before, after, strict=True):
            assert new.status.severity <= old.status.severity

    @given(scenario=frequency_scenarios())
    def test_adding_a_planned_event_never_worsens_any_period(self, scenario):
        valid_from, valid_to, per_year, events, today, extra_day = scenario
        periods = frequency_periods(valid_from=valid_from, valid_to=valid_to, per_year=per_year)
        before = evaluate_frequency(periods=periods, events=events, today=today)
        after = evaluate_frequency(
            periods=periods,
            events=[*events, Event(date=extra_day, state=PLANNED, kind="lp", id=-1)],
            today=today,
        )
        for old, new in zip(before, after, strict=True):
            assert new.status.severity <= old.status.severity

    @given(scenario=frequency_scenarios())
    def test_adding_a_cancelled_event_changes_nothing(self, scenario):
        valid_from, valid_to, per_year, events, today, extra_day = scenario
        periods = frequency_periods(valid_from=valid_from, valid_to=valid_to, per_year=per_year)
        before = evaluate_frequency(periods=periods, events=events, today=today)
        after = evaluate_frequency(
            periods=periods,
            events=[*events, Event(date=extra_day, state=CANCELLED, kind="lp", id=-1)],
            today=today,
        )
        assert before == after

    @given(scenario=frequency_scenarios())
    def test_statuses_agree_with_the_counts_and_the_calendar(self, scenario):
        valid_from, valid_to, per_year, events, today, _ = scenario
        periods = frequency_periods(valid_from=valid_from, valid_to=valid_to, per_year=per_year)
        for result in evaluate_frequency(periods=periods, events=events, today=today):
            period = result.period
            inside = [e for e in events if period.start <= e.date <= period.end]
            assert result.held == sum(1 for e in inside if e.state == HELD)
            assert result.planned + result.overdue_planned == sum(1 for e in inside if e.state == PLANNED)
            assert (result.status == Status.NOT_STARTED) == (today < period.start)
            if result.status == Status.MET:
                assert result.held >= result.required
            if result.status == Status.UNMET:
                assert today > period.end and result.held < result.required
            if result.status == Status.ON_TRACK:
                assert result.held < result.required <= result.held + result.planned
            if result.status == Status.AT_RISK:
                assert result.held + result.planned < result.required
                assert period.start <= today <= period.end


# --------------------------------------------------------------------------------------------------
# Deadlines
# --------------------------------------------------------------------------------------------------


def document(day: date, pk: int) -> Document:
    return Document(date=day, id=pk, kind="psz", label="Plán sociálního začleňování")


PSZ_DUE = date(2021, 11, 30)  # "Podzim 2021"


class TestEvaluateDeadline:
    def test_an_output_dated_on_the_due_date_is_met(self):
        result = evaluate_deadline(due=PSZ_DUE, evidence=[document(PSZ_DUE, 1)], today=date(2022, 3, 1))
        assert result.status == Status.MET
        assert result.evidence_ids == (1,)
        assert result.first_evidence_date == PSZ_DUE

    def test_an_output_after_the_due_date_is_met_late(self):
        result = evaluate_deadline(
            due=PSZ_DUE, evidence=[document(date(2021, 12, 1), 1)], today=date(2022, 3, 1)
        )
        assert result.status == Status.MET_LATE

    def test_one_on_time_output_is_enough_even_with_later_versions(self):
        evidence = [document(date(2022, 2, 1), 2), document(date(2021, 11, 20), 1)]
        result = evaluate_deadline(due=PSZ_DUE, evidence=evidence, today=date(2022, 3, 1))
        assert result.status == Status.MET
        assert result.evidence_ids == (1, 2)

    def test_no_output_after_the_due_date_is_unmet(self):
        result = evaluate_deadline(due=PSZ_DUE, evidence=[], today=date(2021, 12, 1))
        assert result.status == Status.UNMET
        assert result.days_left == -1

    def test_more_than_30_days_left_is_on_track(self):
        result = evaluate_deadline(due=PSZ_DUE, evidence=[], today=PSZ_DUE - timedelta(days=31))
        assert result.status == Status.ON_TRACK
        assert result.days_left == 31

    def test_30_days_left_is_at_risk(self):
        result = evaluate_deadline(due=PSZ_DUE, evidence=[], today=PSZ_DUE - timedelta(days=30))
        assert result.status == Status.AT_RISK

    def test_the_due_day_itself_is_at_risk_not_unmet(self):
        result = evaluate_deadline(due=PSZ_DUE, evidence=[], today=PSZ_DUE)
        assert result.status == Status.AT_RISK
        assert result.days_left == 0

    def test_planned_or_cancelled_meetings_are_no_evidence_but_held_ones_are(self):
        evidence = [
            meeting(date(2021, 11, 10), PLANNED, 1),
            meeting(date(2021, 11, 11), CANCELLED, 2),
        ]
        assert (
            evaluate_deadline(due=PSZ_DUE, evidence=evidence, today=date(2022, 1, 1)).status == Status.UNMET
        )
        evidence.append(meeting(date(2021, 11, 12), HELD, 3))
        result = evaluate_deadline(due=PSZ_DUE, evidence=evidence, today=date(2022, 1, 1))
        assert result.status == Status.MET
        assert result.evidence_ids == (3,)

    def test_the_warning_window_can_be_changed(self):
        result = evaluate_deadline(
            due=PSZ_DUE, evidence=[], today=PSZ_DUE - timedelta(days=45), warning_days=60
        )
        assert result.status == Status.AT_RISK

    @given(
        due=st.dates(min_value=date(2000, 1, 1), max_value=date(2050, 12, 31)),
        offsets=st.lists(st.integers(min_value=-400, max_value=400), max_size=4),
        today_offset=st.integers(min_value=-400, max_value=400),
        extra_offset=st.integers(min_value=-400, max_value=400),
    )
    def test_adding_an_existing_output_never_worsens_the_status(
        self, due, offsets, today_offset, extra_offset
    ):
        today = due + timedelta(days=today_offset)
        # Outputs cannot be dated in the future: they exist or they do not.
        evidence = [document(min(today, due + timedelta(days=o)), i) for i, o in enumerate(offsets)]
        extra = document(min(today, due + timedelta(days=extra_offset)), 99)
        before = evaluate_deadline(due=due, evidence=evidence, today=today)
        after = evaluate_deadline(due=due, evidence=[*evidence, extra], today=today)
        assert after.status.severity <= before.status.severity
        assert after.status in (Status.MET, Status.MET_LATE)


# --------------------------------------------------------------------------------------------------
# Periodic outputs
# --------------------------------------------------------------------------------------------------


class TestEvaluatePeriodicOutput:
    """ "1x ročně zpráva o plnění popisu spolupráce zastupitelstvu obce"."""

    def periods(self) -> list[Period]:
        return frequency_periods(valid_from=JIHLAVA_FROM, valid_to=JIHLAVA_TO, per_year=1)

    def evaluate(self, documents, today) -> dict[int, PeriodResult]:
        return by_year(evaluate_periodic_output(periods=self.periods(), documents=documents, today=today))

    def test_a_report_in_the_year_meets_it(self):
        result = self.evaluate([document(date(2022, 6, 20), 5)], date(2022, 7, 1))[2022]
        assert result.status == Status.MET
        assert result.evidence_ids == (5,)

    def test_the_last_60_days_start_on_2_november(self):
        assert self.evaluate([], date(2022, 11, 1))[2022].status == Status.ON_TRACK
        assert self.evaluate([], date(2022, 11, 2))[2022].status == Status.AT_RISK
        assert self.evaluate([], date(2022, 12, 31))[2022].status == Status.AT_RISK

    def test_a_year_without_a_report_is_unmet_once_over(self):
        assert self.evaluate([], date(2023, 1, 1))[2022].status == Status.UNMET

    def test_a_short_first_period_is_at_risk_from_its_start(self):
        # 2. 11. – 31. 12. 2021 lies entirely within the last 60 days.
        assert self.evaluate([], date(2021, 11, 2))[2021].status == Status.AT_RISK

    def test_a_future_period_is_not_started(self):
        assert self.evaluate([], date(2022, 5, 1))[2023].status == Status.NOT_STARTED

    def test_planned_meetings_are_no_output(self):
        result = self.evaluate([meeting(date(2022, 3, 1), PLANNED, 1)], date(2023, 1, 1))[2022]
        assert result.status == Status.UNMET

    @given(
        validity=validities(max_days=3 * 366),
        per_year=st.integers(min_value=1, max_value=4),
        doc_offsets=st.lists(st.integers(min_value=0, max_value=3 * 366), max_size=8),
        today_offset=st.integers(min_value=-30, max_value=3 * 366 + 30),
        extra_offset=st.integers(min_value=0, max_value=3 * 366),
    )
    def test_adding_a_document_never_worsens_any_period(
        self, validity, per_year, doc_offsets, today_offset, extra_offset
    ):
        valid_from, valid_to = validity
        periods = frequency_periods(valid_from=valid_from, valid_to=valid_to, per_year=per_year)
        today = valid_from + timedelta(days=today_offset)
        documents = [document(valid_from + timedelta(days=o), i) for i, o in enumerate(doc_offsets)]
        extra = document(valid_from + timedelta(days=extra_offset), 99)
        before = evaluate_periodic_output(periods=periods, documents=documents, today=today)
        after = evaluate_periodic_output(periods=periods, documents=[*documents, extra], today=today)
        for old, new in zip(before, after, strict=True):
            assert new.status.severity <= old.status.severity
            assert new.held >= old.held


# --------------------------------------------------------------------------------------------------
# Summaries
# --------------------------------------------------------------------------------------------------


class TestSummaries:
    def test_every_status_has_a_label_and_a_severity(self):
        assert set(STATUS_LABELS) == set(Status)
        assert set(STATUS_SEVERITY) == set(Status)
        assert len(set(STATUS_SEVERITY.values())) == len(Status)

    def test_worst_status_order(self):
        order = [
            Status.UNMET,
            Status.AT_RISK,
            Status.MET_LATE,
            Status.ON_TRACK,
            Status.MET,
            Status.NOT_STARTED,
            Status.NO_RULE,
        ]
        for i, worse in enumerate(order):
            for better in order[i + 1 :]:
                assert worst_status(statuses=[better, worse]) == worse
                assert worst_status(statuses=[worse, better]) == worse

    def test_worst_status_of_nothing_is_no_rule(self):
        assert worst_status(statuses=[]) == Status.NO_RULE

    def test_worst_status_accepts_string_codes(self):
        assert worst_status(statuses=["met", "at_risk"]) == Status.AT_RISK

    def test_a_missed_year_keeps_the_rule_red(self):
        events = [meeting(date(2022, m, 1), HELD, m) for m in (1, 2, 3, 4)]
        results = evaluate_frequency(periods=jihlava_periods(), events=events, today=date(2022, 6, 1))
        assert [r.status for r in results] == [Status.UNMET, Status.MET, Status.NOT_STARTED]
        assert rule_status(results=results) == Status.UNMET
        assert current_result(results=results, today=date(2022, 6, 1)).status == Status.MET

    def test_a_met_year_before_a_year_not_started_shows_met(self):
        events = [meeting(date(2021, 12, 1), HELD, 1)] + [
            meeting(date(2022, m, 1), HELD, m) for m in (2, 3, 4, 5)
        ]
        results = evaluate_frequency(periods=jihlava_periods(), events=events, today=date(2022, 6, 1))
        assert rule_status(results=results) == Status.MET

    def test_activity_status_is_the_worst_of_its_rules(self):
        assert activity_status(rule_statuses=[Status.MET, Status.ON_TRACK, Status.NO_RULE]) == Status.ON_TRACK
        assert activity_status(rule_statuses=[]) == Status.NO_RULE

    def test_rule_status_of_a_deadline(self):
        result = evaluate_deadline(due=PSZ_DUE, evidence=[], today=date(2021, 11, 15))
        assert rule_status(results=[result]) == Status.AT_RISK

    def test_current_result_outside_the_validity_is_none(self):
        results = evaluate_frequency(periods=jihlava_periods(), events=[], today=date(2024, 1, 1))
        assert current_result(results=results, today=date(2024, 1, 1)) is None


class TestNextDue:
    def test_the_end_of_the_current_period_when_it_is_not_met(self):
        results = evaluate_frequency(periods=jihlava_periods(), events=[], today=date(2022, 6, 1))
        assert next_due(results=results, today=date(2022, 6, 1)) == date(2022, 12, 31)

    def test_the_end_of_the_next_period_when_the_current_one_is_met(self):
        events = [meeting(date(2022, m, 1), HELD, m) for m in (1, 2, 3, 4)]
        results = evaluate_frequency(periods=jihlava_periods(), events=events, today=date(2022, 6, 1))
        assert next_due(results=results, today=date(2022, 6, 1)) == date(2023, 11, 1)

    def test_nothing_when_every_remaining_period_is_met(self):
        events = [meeting(date(2023, m, 1), HELD, m) for m in (1, 2, 3, 4)]
        results = evaluate_frequency(periods=jihlava_periods(), events=events, today=date(2023, 6, 1))
        # 2021 and 2022 are unmet, but they are past: they are not "next".
        assert next_due(results=results, today=date(2023, 6, 1)) is None

    def test_a_future_deadline_is_due_and_a_met_one_is_not(self):
        today = date(2021, 10, 1)
        pending = evaluate_deadline(due=PSZ_DUE, evidence=[], today=today)
        done = evaluate_deadline(due=PSZ_DUE, evidence=[document(date(2021, 9, 1), 1)], today=today)
        assert next_due(results=[pending], today=today) == PSZ_DUE
        assert next_due(results=[done], today=today) is None

    def test_something_due_today_is_still_next(self):
        due_today = evaluate_deadline(due=PSZ_DUE, evidence=[], today=PSZ_DUE)
        assert next_due(results=[due_today], today=PSZ_DUE) == PSZ_DUE

    def test_a_missed_deadline_is_not_next(self):
        missed = evaluate_deadline(due=PSZ_DUE, evidence=[], today=date(2022, 1, 1))
        assert next_due(results=[missed], today=date(2022, 1, 1)) is None

    def test_deadline_and_period_results_mix(self):
        today = date(2021, 11, 10)
        results: list[PeriodResult | DeadlineResult] = [
            *evaluate_frequency(periods=jihlava_periods(), events=[], today=today),
            evaluate_deadline(due=PSZ_DUE, evidence=[], today=today),
        ]
        assert next_due(results=results, today=today) == PSZ_DUE
