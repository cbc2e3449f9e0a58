"""Validity as a fact of the dates (issue 12): an ended description is never called "platné"."""

from __future__ import annotations

from datetime import date

import pytest

from spojka.cooperation import validity
from spojka.cooperation.models import CooperationDescription, Status
from spojka.cooperation.validity import Validity


def plain(text: str) -> str:
    return text.replace("\xa0", " ")  # Czech dates keep their parts together with no-break spaces


def _description(world, *, version=2, status=Status.VALID, start=date(2023, 11, 2), end=date(2025, 11, 1)):
    return CooperationDescription.objects.create(
        unit=world.unit, version=version, status=status, valid_from=start, valid_to=end
    )


class TestValidityOn:
    def test_jihlavas_first_description_left_at_platne_has_ended_and_says_so(self, world):
        world.description.status = Status.VALID
        state = validity.validity_on(world.description, date(2026, 11, 20))

        assert state.validity == Validity.ENDED
        assert plain(state.label) == "platnost skončila dne 1. 11. 2023"
        assert "platné" not in state.label
        assert state.days_left < 0

    @pytest.mark.parametrize(
        ("day", "expected", "label"),
        [
            (date(2023, 11, 1), Validity.UPCOMING, "platné od 2. 11. 2023"),
            (date(2023, 11, 2), Validity.VALID, "platné do 1. 11. 2025"),
            (date(2025, 11, 1), Validity.VALID, "platné do 1. 11. 2025"),
            (date(2025, 11, 2), Validity.ENDED, "platnost skončila dne 1. 11. 2025"),
        ],
    )
    def test_both_ends_are_inclusive(self, world, day, expected, label):
        state = validity.validity_on(_description(world), day)

        assert (state.validity, plain(state.label)) == (expected, label)

    def test_a_draft_is_labelled_as_a_draft_whatever_its_dates(self, world):
        state = validity.validity_on(_description(world, status=Status.DRAFT), date(2024, 6, 1))

        assert (state.validity, state.label) == (Validity.NOT_YET_APPROVED, "návrh")
        assert not validity.in_force_on(
            _description(world, version=3, status=Status.SIGNED), date(2024, 6, 1)
        )

    def test_an_ended_description_still_counts_for_its_own_past_period(self, world):
        ended = _description(world, status=Status.ENDED)

        assert validity.in_force_on(ended, date(2024, 6, 1))
        assert (
            plain(validity.validity_on(ended, date(2026, 1, 1)).label) == "platnost skončila dne 1. 11. 2025"
        )


class TestCurrentDescription:
    def test_the_description_in_force_today_not_the_newest_version(self, world):
        world.description.status = Status.VALID
        world.description.save()
        renewal = _description(world, status=Status.VALID)
        _description(world, version=3, status=Status.DRAFT, start=date(2025, 11, 2), end=date(2027, 11, 1))

        assert validity.current_description(world.unit, date(2022, 5, 1)) == world.description
        assert validity.current_description(world.unit, date(2024, 5, 1)) == renewal
        assert validity.current_description(world.unit, date(2026, 5, 1)) is None  # the draft binds nobody

    def test_one_query_for_many_units(self, world, django_assert_num_queries):
        with django_assert_num_queries(1):
            validity.current_descriptions([world.unit, world.other_unit], date(2022, 5, 1))

    def test_covering_says_which_description_a_day_counts_toward(self, world):
        world.description.status = Status.ENDED
        renewal = _description(world, start=date(2024, 1, 1), end=date(2025, 12, 31))
        both = [world.description, renewal]

        assert validity.covering(both, date(2022, 5, 1)) == world.description
        assert validity.covering(both, date(2023, 12, 1)) is None  # the gap
        assert validity.covering(both, date(2026, 1, 1)) is None


class TestSuccession:
    def test_a_gap_an_overlap_and_a_seamless_renewal(self, world):
        gap = validity.succession(world.description, _description(world, start=date(2024, 1, 1)))
        overlap = validity.succession(
            world.description, _description(world, version=3, start=date(2023, 10, 1))
        )
        seamless = validity.succession(world.description, _description(world, version=4))

        assert (gap.gap_days, gap.first_uncovered) == (60, date(2023, 11, 2))
        assert "mezera 60 dní (2. 11. 2023 – 31. 12. 2023)" in plain(gap.message)
        assert overlap.gap_days == -32
        assert seamless.gap_days == 0
