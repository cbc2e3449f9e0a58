"""Issue 13, item 3: two people edit the same measure or indicator; the second save is refused."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from spojka.accounts.models import Role
from spojka.conftest import make_user
from spojka.plans.models import Indicator, Measure
from spojka.plans.tests.factories import make_plan
from spojka.plans.tests.test_views import _measure_form

pytestmark = pytest.mark.django_db

SEEN = re.compile(r'name="seen" value="([^"]*)"')


@pytest.fixture
def two(world):
    first, second = Client(), Client()
    first.force_login(world.users["editor"])
    second.force_login(make_user("druha", unit=world.unit, role=Role.EDITOR))
    return first, second


def _seen(client, url) -> str:
    return SEEN.search(client.get(url).content.decode()).group(1)


def test_the_second_save_of_a_measure_is_refused_and_keeps_the_input(world, two):
    plan = make_plan(world.unit)
    measure = Measure.objects.get(goal__area__plan=plan)
    url = reverse(
        "plans:measure_edit", kwargs={"unit": world.unit.slug, "pk": plan.pk, "measure": measure.pk}
    )
    first, second = two
    seen_first, seen_second = _seen(first, url), _seen(second, url)
    data = _measure_form(code=measure.code)
    assert first.post(url, {**data, "name": "Název první osoby", "seen": seen_first}).status_code == 302
    response = second.post(url, {**data, "name": "Název druhé osoby", "seen": seen_second})
    page = response.content.decode()
    assert "Záznam mezitím uložil někdo jiný" in page and "Název první osoby" in page
    assert "Název druhé osoby" in page
    measure.refresh_from_db()
    assert measure.name == "Název první osoby"


def test_the_second_save_of_an_indicator_is_refused(world, two):
    plan = make_plan(world.unit)
    indicator = Indicator.objects.filter(goal__area__plan=plan).first()
    url = reverse(
        "plans:indicator_edit", kwargs={"unit": world.unit.slug, "pk": plan.pk, "indicator": indicator.pk}
    )
    first, second = two
    seen_first, seen_second = _seen(first, url), _seen(second, url)
    data = {
        "code": indicator.code,
        "name": indicator.name,
        "kind": indicator.kind,
        "unit_of_measure": indicator.unit_of_measure,
        "baseline_value": "10",
        "baseline_year": "2022",
        "target_value": "40",
        "target_year": "2027",
        "order": "1",
    }
    ok = first.post(url, {**data, "unit_of_measure": "osob", "seen": seen_first})
    assert ok.status_code == 302, ok.context["form"].errors
    response = second.post(url, {**data, "unit_of_measure": "domácností", "seen": seen_second})
    assert "Záznam mezitím uložil někdo jiný" in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.unit_of_measure == "osob"
