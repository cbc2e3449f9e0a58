"""Tests of the training-hours indicator ("celkový rozsah 40 hodin, z toho max. 20 hodin distančně")."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spojka.training.indicator import (
    MODE_LABELS,
    CommitmentMode,
    Credit,
    TrainingCommitment,
    evaluate_training,
)

D = Decimal
DAY = date(2022, 3, 15)
JIHLAVA_40_20 = TrainingCommitment(total_hours=D(40), max_distance_hours=D(20))
PER_PERSON_40_20 = TrainingCommitment(
    total_hours=D(40), max_distance_hours=D(20), mode=CommitmentMode.PER_PERSON
)


def credit(person: int, in_person: str, distance: str, day: date = DAY) -> Credit:
    return Credit(
        person_id=person,
        person_name=f"Pracovník {person}",
        in_person_hours=D(in_person),
        distance_hours=D(distance),
        date=day,
    )


class TestTotalMode:
    def test_distance_beyond_the_cap_is_shown_but_not_counted(self):
        # 12 h in person + 26 h distance, cap 20 → counted 32, over cap 6, remaining 8.
        credits = [credit(1, "8", "10"), credit(2, "4", "16")]
        result = evaluate_training(commitment=JIHLAVA_40_20, credits=credits)
        assert result.mode == CommitmentMode.TOTAL
        assert result.committed == D(40)
        assert result.in_person == D(12)
        assert result.distance_total == D(26)
        assert result.distance_counted == D(20)
        assert result.distance_over_cap == D(6)
        assert result.counted_total == D(32)
        assert result.remaining == D(8)
        assert result.met is False
        assert result.percent == D("80.0")

    def test_per_person_rows_show_raw_hours_in_total_mode(self):
        credits = [credit(1, "8", "10"), credit(2, "4", "16"), credit(1, "1.5", "0")]
        result = evaluate_training(commitment=JIHLAVA_40_20, credits=credits)
        rows = [(r.person_id, r.in_person, r.distance, r.counted, r.met) for r in result.people]
        assert rows == [(1, D("9.5"), D(10), None, None), (2, D(4), D(16), None, None)]
        assert result.people_met is None

    def test_the_commitment_is_met_with_exactly_the_hours(self):
        credits = [credit(1, "20", "0"), credit(2, "0.5", "19.5")]
        result = evaluate_training(commitment=JIHLAVA_40_20, credits=credits)
        assert result.counted_total == D(40)
        assert result.met is True
        assert result.remaining == D(0)
        assert result.percent == D(100)

    def test_half_an_hour_short_is_not_met_and_never_shows_100_percent(self):
        commitment = TrainingCommitment(total_hours=D(1000))
        result = evaluate_training(commitment=commitment, credits=[credit(1, "999.5", "0")])
        assert result.met is False
        assert result.remaining == D("0.5")
        assert result.percent == D("99.9")

    def test_percent_is_capped_at_100(self):
        result = evaluate_training(commitment=JIHLAVA_40_20, credits=[credit(1, "80", "0")])
        assert result.percent == D(100)
        assert result.remaining == D(0)

    def test_no_cap_counts_all_distance_hours(self):
        commitment = TrainingCommitment(total_hours=D(40))
        result = evaluate_training(commitment=commitment, credits=[credit(1, "2", "38")])
        assert result.distance_counted == D(38)
        assert result.distance_over_cap == D(0)
        assert result.met is True

    def test_a_zero_cap_counts_no_distance_hours(self):
        commitment = TrainingCommitment(total_hours=D(40), max_distance_hours=D(0))
        result = evaluate_training(commitment=commitment, credits=[credit(1, "10", "30")])
        assert (result.distance_counted, result.distance_over_cap, result.counted_total) == (
            D(0),
            D(30),
            D(10),
        )

    def test_nothing_recorded(self):
        result = evaluate_training(commitment=JIHLAVA_40_20, credits=[])
        assert (result.counted_total, result.remaining, result.met, result.percent) == (
            D(0),
            D(40),
            False,
            D(0),
        )
        assert result.people == ()


class TestPerPersonMode:
    def test_each_person_is_capped_and_judged_separately(self):
        credits = [
            credit(1, "15", "10"),
            credit(1, "10", "12"),  # person 1: 25 in person + 22 distance → 25 + 20 = 45, over cap 2
            credit(2, "10", "26.5"),  # person 2: 10 + 20 = 30, over cap 6.5, remaining 10
            credit(3, "40", "0"),  # person 3: exactly 40
        ]
        result = evaluate_training(commitment=PER_PERSON_40_20, credits=credits)
        rows = {
            r.person_id: (r.in_person, r.distance, r.counted, r.over_cap, r.remaining, r.met)
            for r in result.people
        }
        assert rows == {
            1: (D(25), D(22), D(45), D(2), D(0), True),
            2: (D(10), D("26.5"), D(30), D("6.5"), D(10), False),
            3: (D(40), D(0), D(40), D(0), D(0), True),
        }
        assert (result.people_met, result.people_total) == (2, 3)
        assert result.met is False
        assert result.in_person == D(75)
        assert result.distance_total == D("48.5")
        assert result.distance_counted == D(40)
        assert result.distance_over_cap == D("8.5")
        assert result.counted_total == D(115)
        assert result.remaining == D(10)
        # (3 × 40 − 10) / 120 = 91.66… → rounded down; person 1's extra 5 h do not make up for person 2.
        assert result.percent == D("91.6")

    def test_the_cap_applies_per_person_not_to_the_total(self):
        # Total mode would cap the 2 × 15 distance hours at 20; per person each 15 is under the cap.
        credits = [credit(1, "25", "15"), credit(2, "25", "15")]
        per_person = evaluate_training(commitment=PER_PERSON_40_20, credits=credits)
        total = evaluate_training(commitment=JIHLAVA_40_20, credits=credits)
        assert per_person.distance_counted == D(30)
        assert per_person.met is True
        assert total.distance_counted == D(20)

    def test_small_threshold_with_half_hours(self):
        commitment = TrainingCommitment(
            total_hours=D(8), max_distance_hours=D(4), mode=CommitmentMode.PER_PERSON
        )
        result = evaluate_training(commitment=commitment, credits=[credit(1, "1.5", "6.5")])
        (row,) = result.people
        assert (row.counted, row.over_cap, row.remaining, row.met) == (D("5.5"), D("2.5"), D("2.5"), False)

    def test_met_when_everyone_reached_the_threshold(self):
        result = evaluate_training(
            commitment=PER_PERSON_40_20, credits=[credit(1, "20", "20"), credit(2, "40", "0")]
        )
        assert result.met is True
        assert result.percent == D(100)

    def test_nobody_listed_is_not_met(self):
        result = evaluate_training(commitment=PER_PERSON_40_20, credits=[])
        assert result.met is False
        assert (result.people_met, result.people_total, result.percent) == (0, 0, D(0))

    def test_released_staff_without_hours_are_listed_and_not_met(self):
        result = evaluate_training(
            commitment=PER_PERSON_40_20,
            credits=[credit(1, "40", "0")],
            people=[(2, "Jana Nováková"), (1, "Pracovník 1")],
        )
        assert [(r.person_id, r.person_name, r.counted, r.met) for r in result.people] == [
            (2, "Jana Nováková", D(0), False),
            (1, "Pracovník 1", D(40), True),
        ]
        assert result.met is False
        assert result.percent == D(50)


class TestValidityAndInputs:
    @pytest.mark.parametrize("mode", list(CommitmentMode))
    def test_credits_outside_the_validity_are_ignored_boundaries_included(self, mode):
        commitment = TrainingCommitment(total_hours=D(40), max_distance_hours=D(20), mode=mode)
        credits = [
            credit(1, "1", "0", date(2021, 11, 1)),  # before
            credit(1, "2", "0", date(2021, 11, 2)),  # first day
            credit(1, "4", "0", date(2023, 11, 1)),  # last day
            credit(1, "8", "0", date(2023, 11, 2)),  # after
        ]
        result = evaluate_training(
            commitment=commitment, credits=credits, valid_from=date(2021, 11, 2), valid_to=date(2023, 11, 1)
        )
        assert result.in_person == D(6)

    def test_only_one_bound_may_be_given(self):
        credits = [credit(1, "1", "0", date(2020, 1, 1)), credit(1, "2", "0", date(2030, 1, 1))]
        result = evaluate_training(commitment=JIHLAVA_40_20, credits=credits, valid_from=date(2021, 1, 1))
        assert result.in_person == D(2)

    def test_float_hours_are_refused(self):
        bad = Credit(person_id=1, person_name="X", in_person_hours=1.5, distance_hours=D(0), date=DAY)
        with pytest.raises(TypeError):
            evaluate_training(commitment=JIHLAVA_40_20, credits=[bad])

    def test_negative_hours_are_refused(self):
        with pytest.raises(ValueError):
            evaluate_training(commitment=JIHLAVA_40_20, credits=[credit(1, "-1", "0")])

    def test_integer_hours_are_accepted(self):
        good = Credit(person_id=1, person_name="X", in_person_hours=3, distance_hours=2, date=DAY)
        assert evaluate_training(commitment=JIHLAVA_40_20, credits=[good]).counted_total == D(5)

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"total_hours": D(0)},
            {"total_hours": D(-5)},
            {"total_hours": D(40), "max_distance_hours": D(-1)},
            {"total_hours": D(40), "mode": "each"},
            {"total_hours": 40.0},
        ],
    )
    def test_bad_commitments_are_refused(self, kwargs):
        with pytest.raises((ValueError, TypeError)):
            TrainingCommitment(**kwargs)

    def test_every_mode_has_a_label(self):
        assert set(MODE_LABELS) == set(CommitmentMode)


# --------------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------------

half_hours = st.integers(min_value=0, max_value=120).map(lambda n: D(n) / 2)
caps = st.none() | half_hours


def commitments(modes=tuple(CommitmentMode)):
    return st.builds(
        TrainingCommitment,
        total_hours=st.integers(min_value=1, max_value=160).map(lambda n: D(n) / 2),
        max_distance_hours=caps,
        mode=st.sampled_from(modes),
    )


one_credit = st.builds(
    Credit,
    person_id=st.integers(min_value=1, max_value=5),
    person_name=st.just("Pracovník"),
    in_person_hours=half_hours,
    distance_hours=half_hours,
    date=st.just(DAY),
)
credits_strategy = st.lists(one_credit, max_size=12)


class TestProperties:
    @given(commitment=commitments(), credits=credits_strategy)
    def test_hour_accounting_adds_up(self, commitment, credits):
        result = evaluate_training(commitment=commitment, credits=credits)
        raw_in = sum((c.in_person_hours for c in credits), D(0))
        raw_dist = sum((c.distance_hours for c in credits), D(0))
        assert result.in_person == raw_in
        assert result.distance_total == raw_dist
        assert result.distance_counted + result.distance_over_cap == result.distance_total
        assert result.counted_total == result.in_person + result.distance_counted
        assert result.counted_total <= result.in_person + result.distance_total
        assert D(0) <= result.percent <= D(100)
        assert result.remaining >= 0
        assert sum((r.in_person for r in result.people), D(0)) == raw_in
        assert sum((r.distance for r in result.people), D(0)) == raw_dist

    @given(commitment=commitments(), credits=credits_strategy)
    def test_distance_counted_never_exceeds_the_cap(self, commitment, credits):
        result = evaluate_training(commitment=commitment, credits=credits)
        cap = commitment.max_distance_hours
        if cap is None:
            assert result.distance_over_cap == 0
        elif commitment.mode == CommitmentMode.TOTAL:
            assert result.distance_counted <= cap
        else:
            for row in result.people:
                assert row.counted - row.in_person <= cap
            assert result.distance_counted <= cap * len(result.people)

    @given(commitment=commitments(), credits=credits_strategy)
    def test_met_agrees_with_remaining(self, commitment, credits):
        result = evaluate_training(commitment=commitment, credits=credits)
        if commitment.mode == CommitmentMode.TOTAL:
            assert result.met == (result.remaining == 0)
            assert result.remaining == max(D(0), commitment.total_hours - result.counted_total)
        else:
            assert result.met == (result.people_total > 0 and result.remaining == 0)
            assert result.people_met == sum(1 for r in result.people if r.met)
            for row in result.people:
                assert row.met == (row.remaining == 0)
                assert row.counted + row.remaining >= commitment.total_hours
        assert (result.percent == 100) == result.met

    @given(commitment=commitments(), credits=credits_strategy, seed=st.integers())
    def test_the_order_of_credits_does_not_change_the_totals(self, commitment, credits, seed):
        shuffled = list(credits)
        random.Random(seed).shuffle(shuffled)
        a = evaluate_training(commitment=commitment, credits=credits)
        b = evaluate_training(commitment=commitment, credits=shuffled)
        assert (a.counted_total, a.remaining, a.met, a.percent) == (
            b.counted_total,
            b.remaining,
            b.met,
            b.percent,
        )
        assert sorted((r.person_id, r.counted) for r in a.people) == sorted(
            (r.person_id, r.counted) for r in b.people
        )

    @given(
        commitment=commitments((CommitmentMode.TOTAL,)),
        credits=credits_strategy,
        extra=one_credit,
    )
    def test_more_hours_never_make_the_total_indicator_worse(self, commitment, credits, extra):
        before = evaluate_training(commitment=commitment, credits=credits)
        after = evaluate_training(commitment=commitment, credits=[*credits, extra])
        assert after.counted_total >= before.counted_total
        assert after.remaining <= before.remaining
        assert after.percent >= before.percent
        assert after.met or not before.met

    @given(
        commitment=commitments((CommitmentMode.PER_PERSON,)),
        credits=st.lists(one_credit, min_size=1, max_size=12),
        in_person=half_hours,
        distance=half_hours,
    )
    def test_more_hours_for_a_listed_person_never_make_the_per_person_indicator_worse(
        self, commitment, credits, in_person, distance
    ):
        someone = credits[0]
        extra = Credit(
            person_id=someone.person_id,
            person_name=someone.person_name,
            in_person_hours=in_person,
            distance_hours=distance,
            date=DAY,
        )
        before = evaluate_training(commitment=commitment, credits=credits)
        after = evaluate_training(commitment=commitment, credits=[*credits, extra])
        assert after.people_met >= before.people_met
        assert after.remaining <= before.remaining
        assert after.met or not before.met
