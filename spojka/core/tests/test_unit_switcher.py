"""The header's unit switcher for a consultant with many units (issue 18, item 6): only the user's
units, and a search (name or IČO) instead of a select of a hundred entries; works without JavaScript."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from spojka.accounts.models import Membership, Role
from spojka.conftest import make_user
from spojka.cooperation.models import TerritorialUnit

pytestmark = pytest.mark.django_db


def _units(n: int) -> list[TerritorialUnit]:
    # bulk_create skips IČO validation, which keeps these tests about the switcher.
    return TerritorialUnit.objects.bulk_create(
        TerritorialUnit(
            name=f"Obec Lhota {i:03}", slug=f"lhota-{i}", ico=f"7{i:07}", seat_address="x", region="vysocina"
        )
        for i in range(n)
    )


@pytest.fixture
def consultant_of_many(world):
    user = make_user("konzultantka")
    units = _units(120)
    Membership.objects.bulk_create(Membership(user=user, unit=u, role=Role.CONSULTANT) for u in units)
    return user, units


def _switch(client, **params):
    return client.get(reverse("core:switch_unit"), params)


def test_with_many_units_the_header_offers_a_search_over_only_the_users_units(
    world, login, consultant_of_many
):
    user, units = consultant_of_many
    page = login(user).get(reverse("cooperation:unit_list")).content.decode()
    header = page[page.index("<header") : page.index("</header>")]

    assert re.search(
        r'<label for="unit-switch">Územní celek</label>\s*<input id="unit-switch" name="q" type="search"',
        header,
    )
    assert header.count("<option ") == 120
    assert "Obec Lhota 007" in header
    assert "Jihlava" not in header and "Jinde" not in header  # not the user's units


def test_with_few_units_the_header_keeps_the_select(world, login):
    user = world.users["agency_admin"]  # sees both units of the world
    header = login(user).get(reverse("cooperation:unit_list")).content.decode()
    assert '<select id="unit-switch" name="unit">' in header
    assert 'list="unit-switch-list"' not in header


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Obec Lhota 042", "lhota-42"),
        ("lhota 042", "lhota-42"),
        ("70000042", "lhota-42"),
        ("  Lhota 119 ", "lhota-119"),
    ],
)
def test_a_name_part_or_ico_that_matches_one_unit_opens_it(world, login, consultant_of_many, query, expected):
    user, _units = consultant_of_many
    response = _switch(login(user), q=query)
    assert response.status_code == 302
    assert response.url == reverse("compliance:dashboard", kwargs={"unit": expected})


def test_a_text_that_matches_several_units_opens_the_filtered_list(world, login, consultant_of_many):
    user, _units = consultant_of_many
    client = login(user)
    response = _switch(client, q="Lhota 10")
    assert response.status_code == 302 and response.url == reverse("cooperation:unit_list") + "?q=Lhota+10"
    listing = client.get(response.url).content.decode()
    main = listing[listing.index("<main") :]
    assert main.count("Obec Lhota 10") == 10  # 100…109
    assert "Obec Lhota 011" not in main


def test_another_users_unit_cannot_be_reached_by_name_or_ico(world, login, consultant_of_many):
    user, _units = consultant_of_many
    client = login(user)
    for query in ("Statutární město Jihlava", world.unit.ico):
        response = _switch(client, q=query)
        assert response.url.startswith(reverse("cooperation:unit_list"))
        page = client.get(response.url).content.decode()
        assert "Jihlava" not in page[page.index("<tbody>") : page.index("</tbody>")]
    assert _switch(client, unit=world.unit.slug).url == reverse("cooperation:unit_list")


@pytest.mark.parametrize("extra", [20, 300])
def test_switching_by_search_costs_the_same_queries_for_any_number_of_units(
    world, login, django_assert_num_queries, extra
):
    user = make_user("konzultantka")
    Membership.objects.bulk_create(Membership(user=user, unit=u, role=Role.CONSULTANT) for u in _units(extra))
    client = login(user)
    # session + user, the exact name, the name part or IČO
    with django_assert_num_queries(4):
        response = _switch(client, q="Lhota 01")
    assert response.status_code == 302


def _header_options(client, url: str) -> list[str]:
    page = client.get(url).content.decode()
    return re.findall(r"<option [^>]*>", page[page.index("<header") : page.index("</header>")])


def test_a_unit_page_lists_the_same_units_as_any_other_page(world, login, consultant_of_many):
    """On a unit's page the switcher's units come with the unit's resolution (one query for both):
    the same units in the same order as elsewhere, and not an ended membership's unit."""
    user, units = consultant_of_many
    Membership.objects.filter(user=user, unit=units[3]).update(ends_on="2020-01-01")
    client = login(user)
    elsewhere = _header_options(client, reverse("cooperation:unit_list"))
    on_unit = _header_options(client, reverse("compliance:dashboard", kwargs={"unit": units[7].slug}))
    assert on_unit == elsewhere
    assert len(on_unit) == 119 and '<option value="Obec Lhota 003">' not in on_unit


def test_a_member_of_two_units_sees_the_current_one_selected_with_their_role_in_it(world, login):
    Membership.objects.create(user=world.users["editor"], unit=world.other_unit, role=Role.PARTNER)
    client = login(world.users["editor"])
    for unit, status in ((world.unit, 200), (world.other_unit, 403)):  # an editor here, a partner there
        page = client.get(reverse("compliance:dashboard", kwargs={"unit": unit.slug})).content.decode()
        assert f'<option value="{unit.slug}" selected>{unit.name}</option>' in page
        assert client.get(reverse("cooperation:unit_edit", kwargs={"unit": unit.slug})).status_code == status
