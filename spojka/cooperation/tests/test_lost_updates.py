"""Issue 13, item 3: two people edit the same cooperation description; the second save is refused."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from spojka.accounts.models import Role
from spojka.conftest import make_user
from spojka.cooperation.tests.test_registry import _description_form

pytestmark = pytest.mark.django_db

SEEN = re.compile(r'name="seen" value="([^"]*)"')


def test_the_second_save_of_a_description_is_refused_and_keeps_the_input(world):
    first, second = Client(), Client()
    first.force_login(world.users["editor"])
    second.force_login(make_user("druha", unit=world.unit, role=Role.EDITOR))
    url = reverse(
        "cooperation:description_edit", kwargs={"unit": world.unit.slug, "pk": world.description.pk}
    )
    seen_first = SEEN.search(first.get(url).content.decode()).group(1)
    seen_second = SEEN.search(second.get(url).content.decode()).group(1)

    ok = first.post(url, _description_form(world, project_name="Projekt první osoby", seen=seen_first))
    assert ok.status_code == 302
    response = second.post(
        url, _description_form(world, project_name="Projekt druhé osoby", seen=seen_second)
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Záznam mezitím uložil někdo jiný" in page and "Projekt první osoby" in page
    assert "Projekt druhé osoby" in page
    world.description.refresh_from_db()
    assert world.description.project_name == "Projekt první osoby"
