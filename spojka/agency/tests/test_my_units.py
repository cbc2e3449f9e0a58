"""The consultant's home across their units."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from spojka.agency.tests.helpers import full_unit, full_units
from spojka.compliance.tests.helpers import at
from spojka.meetings.models import Meeting, Task

MINE = "agency:my_units"


@pytest.mark.parametrize("count", [10, 200])
def test_query_count_is_the_same_for_10_and_200_units(world, login, django_assert_num_queries, count):
    today = timezone.localdate()
    units = [
        d.unit
        for d in full_units(count, today, consultant=world.users["consultant"], ending=lambda i: i % 2 == 0)
    ]
    Task.objects.bulk_create(
        Task(unit=unit, title=f"Úkol {i}", due_on=today + timedelta(days=3)) for i, unit in enumerate(units)
    )
    starts = at(today + timedelta(days=7))
    Meeting.objects.bulk_create(
        Meeting(
            unit=unit, title="Jednání", kind="lp_plenary", state="planned", starts_at=starts, ends_at=starts
        )
        for unit in units
    )
    call_command("refresh_statuses", stdout=io.StringIO())  # the nightly job fills the cache
    client = login(world.users["consultant"])
    with django_assert_num_queries(10):
        response = client.get(reverse(MINE))
    data = response.context["data"]
    assert len(data.tasks) == count and len(data.meetings) == count
    assert len([d for d in data.deadlines if "Konec platnosti" in d.text]) == (count + 1) // 2


def test_items_are_linked_and_filtered_by_unit(world, login):
    today = timezone.localdate()
    first = full_unit(1, today, consultant=world.users["consultant"], ending=True).unit
    second = full_unit(2, today, consultant=world.users["consultant"]).unit
    Task.objects.create(unit=first, title="Připravit zprávu", due_on=today - timedelta(days=1))
    Task.objects.create(unit=world.other_unit, title="Cizí úkol")
    client = login(world.users["consultant"])
    text = client.get(reverse(MINE)).content.decode()
    assert "Připravit zprávu" in text and "po termínu" in text and "Cizí úkol" not in text
    assert f'href="/u/{first.slug}/ukoly/"' in text
    assert "Konec platnosti popisu spolupráce" in text and f'href="/u/{first.slug}/prehled/"' in text
    filtered = client.get(reverse(MINE), {"celek": second.slug}).context["data"]
    assert [u.slug for u in filtered.units] == [second.slug] and filtered.tasks == []


def test_the_navigation_shows_moje_celky_to_consultants_only(world, login):
    text = (
        login(world.users["consultant"])
        .get(reverse("compliance:dashboard", kwargs={"unit": world.unit.slug}))
        .content.decode()
    )
    assert reverse(MINE) in text
    text = (
        login(world.users["editor"])
        .get(reverse("compliance:dashboard", kwargs={"unit": world.unit.slug}))
        .content.decode()
    )
    assert reverse(MINE) not in text
