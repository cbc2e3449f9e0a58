from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from spojka.lib import czech
from spojka.lib.env import ConfigError, env_bool, env_int
from spojka.lib.ico import is_valid_ico

NB = "\u00a0"


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("00286010", True),  # Jihlava
        ("00286011", False),  # wrong check digit
        ("0028601", False),  # 7 digits
        ("002860100", False),  # 9 digits
        ("0028601a", False),
        ("", False),
        ("25596641", True),  # check digit from r = 10 → 1
    ],
)
def test_ico_check_digit(value, valid):
    assert is_valid_ico(value) is valid


def test_czech_dates():
    assert czech.date_short(date(2021, 9, 21)) == f"21.{NB}9.{NB}2021"
    assert czech.date_long(date(2021, 11, 2)) == f"2.{NB}listopadu{NB}2021"


def test_czech_numbers_and_money():
    assert czech.money(Decimal("1234567.5")) == f"1{NB}234{NB}567,50{NB}Kč"
    assert czech.number(-1234) == f"-1{NB}234"
    assert czech.hours(Decimal("40.0")) == "40"
    assert czech.hours(Decimal("1.5")) == "1,5"


def test_typography_binds_one_letter_prepositions_and_units():
    text = czech.typography("Jednání v Jihlavě a s partnery trvalo 3 hodin, tj. 20 %")
    assert f"v{NB}Jihlavě" in text
    assert f"a{NB}s{NB}partnery" in text
    assert f"3{NB}hodin" in text
    assert f"20{NB}%" in text


def test_env_helpers_fail_loudly(monkeypatch):
    monkeypatch.setenv("X_BOOL", "maybe")
    with pytest.raises(ConfigError):
        env_bool("X_BOOL")
    monkeypatch.setenv("X_INT", "12a")
    with pytest.raises(ConfigError):
        env_int("X_INT", 1)
    monkeypatch.setenv("X_BOOL", "yes")
    assert env_bool("X_BOOL") is True
