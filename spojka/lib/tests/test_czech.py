"""The Czech language rules every page and document uses (spojka/lib/czech.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from spojka.lib import czech

NB = "\u00a0"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, f"0{NB}hodin"),
        (1, f"1{NB}hodina"),
        (2, f"2{NB}hodiny"),
        (4, f"4{NB}hodiny"),
        (5, f"5{NB}hodin"),
        (Decimal("40.00"), f"40{NB}hodin"),
        (Decimal("1.5"), f"1,5{NB}hodiny"),
        (22, f"22{NB}hodin"),  # Czech counts by the whole number, not its last digit
    ],
)
def test_hours_take_the_form_their_number_needs(value, expected):
    assert czech.count(value, czech.HODINA) == expected


def test_people_and_meetings_are_counted_in_czech():
    assert czech.count(120, czech.OSOBA) == f"120{NB}osob"
    assert czech.count(3, czech.OSOBA) == f"3{NB}osoby"
    assert czech.count(1, czech.OSOBA) == f"1{NB}osoba"
    assert czech.count(7, czech.JEDNANI) == f"7{NB}jednání"
    assert czech.count(20, czech.CLEN) == f"20{NB}členů"


def test_percentages_always_have_a_non_breaking_space():
    assert czech.percent(0) == f"0{NB}%"
    assert czech.percent(Decimal("75.4")) == f"75{NB}%"
    assert czech.percent(Decimal("75.45"), 1) == f"75,5{NB}%"


def test_whole_counts_have_no_decimals():
    assert czech.integer_or_decimal(Decimal("120.00")) == "120"
    assert czech.integer_or_decimal(Decimal("1234")) == f"1{NB}234"
    assert czech.integer_or_decimal(Decimal("2.50")) == "2,5"


def test_names_sort_in_czech_alphabetical_order():
    names = [
        "Žák",
        "Zeman",
        "Šedá",
        "Svoboda",
        "Chalupa",
        "Hruška",
        "Cibulka",
        "Čermák",
        "Adámek",
        "Ádám",
        "Iva",
    ]
    assert czech.sorted_czech(names) == [
        "Ádám",  # á sorts as a: "adam" before "adamek"
        "Adámek",
        "Cibulka",
        "Čermák",
        "Hruška",
        "Chalupa",  # ch is its own letter after h
        "Iva",
        "Svoboda",
        "Šedá",
        "Zeman",
        "Žák",
    ]


def test_accents_only_break_ties():
    assert czech.sorted_czech(["Dvořák", "Dvorak", "Dvořáková", "Ďurica", "Dušek"]) == [
        "Ďurica",  # ď sorts as d, and r comes before š
        "Dušek",
        "Dvorak",
        "Dvořák",
        "Dvořáková",
    ]
    assert czech.sorted_czech(["Řezníček", "Rychlý", "Růžička"]) == ["Růžička", "Rychlý", "Řezníček"]


def test_sorting_by_an_attribute():
    people = [{"n": "Šmíd"}, {"n": "Sova"}]
    assert czech.sorted_czech(people, key=lambda p: p["n"]) == [{"n": "Sova"}, {"n": "Šmíd"}]


def test_labels_are_capitalised_and_gender_picks_the_wording():
    assert czech.capfirst_label("hosté") == "Hosté"
    assert (
        czech.by_gender("feminine", feminine="přítomna", masculine="přítomen", neutral="přítomen/a")
        == "přítomna"
    )
    assert czech.by_gender("masculine", feminine="a", masculine="b", neutral="c") == "b"
    assert czech.by_gender("", feminine="a", masculine="b", neutral="c") == "c"
