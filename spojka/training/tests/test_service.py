"""The training indicator of a cooperation description, computed from recorded events.

Every expected figure is computed by hand in the comments; the seed's commitment is 40 hours,
at most 20 of them at a distance.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from spojka.cooperation.models import TrainingMode
from spojka.training.indicator import CommitmentMode
from spojka.training.services import training_indicator
from spojka.training.tests.helpers import attend, make_event, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def jihlava_trainings(world, staff):
    """Modrá, Zelený and Šedá attend three events (the demo's figures).

    workshop  4 h in person:          Modrá, Zelený        → in person 8
    seminar   2 h in person + 4 h distance: Zelený, Šedá   → in person 4, distance 8
    course    6 h distance:           all three            → distance 18
    total: in person 12, distance 26.
    """
    modra, zeleny, seda = staff
    workshop = make_event(world.unit, "Workshop", in_person="4")
    seminar = make_event(world.unit, "Seminář", in_person="2", distance="4", starts_on=date(2022, 5, 12))
    course = make_event(
        world.unit, "Kurz", distance="6", starts_on=date(2022, 9, 20), ends_on=date(2022, 9, 22)
    )
    for person in (modra, zeleny):
        attend(workshop, person)
    for person in (zeleny, seda):
        attend(seminar, person)
    for person in staff:
        attend(course, person)
    return staff


def test_total_mode_counts_distance_hours_only_up_to_the_cap(world, jihlava_trainings):
    result = training_indicator(description=world.description)
    assert result.mode == CommitmentMode.TOTAL
    assert result.committed == D(40)
    assert result.max_distance == D(20)
    assert result.in_person == D(12)
    assert result.distance_total == D(26)
    assert result.distance_counted == D(20)
    assert result.distance_over_cap == D(6)  # shown, not counted
    assert result.counted_total == D(32)  # 12 + 20
    assert result.remaining == D(8)
    assert result.met is False
    assert result.percent == D("80.0")


def test_total_mode_breakdown_per_person_shows_raw_hours(world, jihlava_trainings):
    result = training_indicator(description=world.description)
    rows = {r.person_name: (r.in_person, r.distance) for r in result.people}
    # Modrá 4 | 6, Šedá 2 | 4 + 6, Zelený 4 + 2 | 4 + 6.
    assert rows == {
        "Bc. Lenka Modrá": (D(4), D(6)),
        "Eva Šedá": (D(2), D(10)),
        "Tomáš Zelený": (D(6), D(10)),
    }
    assert all(r.counted is None for r in result.people)  # the cap is the unit's, not a person's


def test_per_person_mode_caps_each_person_and_judges_each_alone(world, jihlava_trainings):
    modra, zeleny, seda = jihlava_trainings
    # Šedá also takes a 15-hour distance course: her distance hours are 10 + 15 = 25 → 20 count, 5 over.
    attend(make_event(world.unit, "E-learning", distance="15", starts_on=date(2022, 10, 1)), seda)
    # Zelený takes a 30-hour in-person course: 6 + 30 = 36 in person + 10 distance = 46 ≥ 40 → met.
    attend(make_event(world.unit, "Kurz mediace", in_person="30", starts_on=date(2022, 11, 1)), zeleny)
    world.description.training_mode = TrainingMode.PER_PERSON
    world.description.save()

    result = training_indicator(description=world.description)
    rows = {
        r.person_name: (r.in_person, r.distance, r.counted, r.over_cap, r.remaining, r.met)
        for r in result.people
    }
    assert rows == {
        "Bc. Lenka Modrá": (D(4), D(6), D(10), D(0), D(30), False),
        "Eva Šedá": (D(2), D(25), D(22), D(5), D(18), False),
        "Tomáš Zelený": (D(36), D(10), D(46), D(0), D(0), True),
    }
    assert result.mode == CommitmentMode.PER_PERSON
    assert (result.people_met, result.people_total) == (1, 3)
    assert result.distance_total == D(41)  # 6 + 25 + 10
    assert result.distance_over_cap == D(5)
    assert result.distance_counted == D(36)
    assert result.remaining == D(48)  # 30 + 18 + 0
    # (3 × 40 − 48) / 120 = 60 %
    assert result.percent == D("60.0")
    assert result.met is False


def test_the_same_hours_read_differently_in_the_two_modes(world, staff):
    # Two people, 15 distance hours each: total mode caps 30 at 20; per person each 15 is under 20.
    event = make_event(world.unit, "Webinář", distance="15")
    attend(event, staff[0])
    attend(event, staff[1])
    total = training_indicator(description=world.description)
    world.description.training_mode = TrainingMode.PER_PERSON
    per_person = training_indicator(description=world.description)
    assert (total.distance_counted, total.distance_over_cap, total.counted_total) == (D(20), D(10), D(20))
    assert (per_person.distance_counted, per_person.distance_over_cap, per_person.counted_total) == (
        D(30),
        D(0),
        D(30),
    )


def test_only_events_inside_the_validity_period_count(world, staff):
    # Validity 2. 11. 2021 – 1. 11. 2023; an event counts on its last day.
    before = make_event(world.unit, "Před", in_person="8", starts_on=date(2021, 11, 1))
    first_day = make_event(world.unit, "První den", in_person="2", starts_on=date(2021, 11, 2))
    # Starts on the last valid day but ends after it: its hours are earned after the validity.
    straddling = make_event(
        world.unit, "Přes konec", in_person="16", starts_on=date(2023, 11, 1), ends_on=date(2023, 11, 2)
    )
    last_day = make_event(world.unit, "Poslední den", in_person="1", starts_on=date(2023, 11, 1))
    for event in (before, first_day, straddling, last_day):
        attend(event, staff[0])
    assert training_indicator(description=world.description).in_person == D(3)


def test_on_a_given_day_later_events_do_not_count_yet(world, staff):
    attend(make_event(world.unit, "Jaro", in_person="4", starts_on=date(2022, 4, 1)), staff[0])
    attend(make_event(world.unit, "Podzim", in_person="6", starts_on=date(2022, 10, 1)), staff[0])
    assert training_indicator(description=world.description, on=date(2022, 6, 30)).in_person == D(4)
    assert training_indicator(description=world.description, on=date(2030, 1, 1)).in_person == D(10)


def test_other_units_training_never_counts(world, staff):
    stranger = make_person(world.other_unit, "Cizí", "Osoba")
    attend(make_event(world.other_unit, "Jinde", in_person="40"), stranger)
    attend(make_event(world.unit, "Tady", in_person="3"), staff[0])
    result = training_indicator(description=world.description)
    assert result.counted_total == D(3)
    assert [r.person_name for r in result.people] == ["Bc. Lenka Modrá"]


def test_a_description_without_a_training_commitment_has_no_indicator(world, staff):
    world.description.training_total_hours = None
    assert training_indicator(description=world.description) is None


def test_the_indicator_costs_one_query(world, jihlava_trainings, django_assert_num_queries):
    with django_assert_num_queries(1):
        training_indicator(description=world.description)
