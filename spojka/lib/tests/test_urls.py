"""``url_maker`` gives exactly what ``reverse`` gives, for the URL shapes the list pages use."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from spojka.lib.urls import url_maker


@pytest.mark.parametrize("slug", ["jihlava", "obec-001", "a_b-9", "909090"])
def test_a_unit_url_is_the_reversed_one(slug):
    for name in ("compliance:dashboard", "meetings:task_list", "cooperation:unit_detail"):
        assert url_maker(name, "unit")(slug) == reverse(name, kwargs={"unit": slug})


def test_several_parameters_and_fixed_ones():
    rule = url_maker("compliance:rule_detail", "unit", "pk")
    assert rule("jihlava", 12) == reverse("compliance:rule_detail", kwargs={"unit": "jihlava", "pk": 12})
    activity = url_maker("compliance:activity_edit", "pk", unit="obec-001")
    assert activity(7) == reverse("compliance:activity_edit", kwargs={"unit": "obec-001", "pk": 7})
    assert url_maker("access:user_detail", "pk")(3) == reverse("access:user_detail", kwargs={"pk": 3})


def test_the_parts_follow_the_script_prefix():
    plain = url_maker("compliance:dashboard", "unit")("jihlava")
    set_script_prefix("/spojka/")
    try:
        assert url_maker("compliance:dashboard", "unit")("jihlava") == "/spojka" + plain
    finally:
        set_script_prefix("/")


def test_a_parameter_the_url_does_not_take_is_an_error():
    with pytest.raises(NoReverseMatch):
        url_maker("compliance:overview", "unit")
