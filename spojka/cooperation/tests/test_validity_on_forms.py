"""Issue 12, item 1: meeting and training forms warn when their day lies outside every description
that is or was in force ("nezapočítá se do žádného popisu spolupráce"), on the form and after saving."""

from __future__ import annotations

import pytest
from django.urls import reverse

from spojka.cooperation.models import Status
from spojka.meetings.models import Meeting
from spojka.meetings.tests.matrix import build as build_meetings
from spojka.training.models import TrainingEvent
from spojka.training.tests.test_views import EVENT_DATA

pytestmark = pytest.mark.django_db

WARNING = "je mimo platnost všech popisů spolupráce: nezapočítá se do žádného popisu spolupráce"


@pytest.fixture
def valid(world):
    """The world's description (2. 11. 2021 – 1. 11. 2023) in force."""
    world.description.status = Status.VALID
    world.description.save()
    build_meetings(world)
    return world


def _meeting_data(w, starts_at: str, ends_at: str) -> dict:
    return {
        "title": "Jednání LP",
        "kind": "lp_plenary",
        "includes_lp": "on",
        "working_groups": [w.meeting_group.pk],
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": "Magistrát",
        "online_link": "",
    }


def test_a_meeting_saved_outside_the_validity_is_flagged_after_saving_and_on_its_form(valid, login):
    client = login(valid.users["editor"])
    url = reverse("meetings:meeting_create", kwargs={"unit": valid.unit.slug})

    response = client.post(url, _meeting_data(valid, "2026-11-20T14:00", "2026-11-20T16:00"), follow=True)

    page = response.content.decode().replace("\u00a0", " ")
    assert "Jednání bylo uloženo." in page
    assert f"Jednání dne 20. 11. 2026 {WARNING}" in page
    meeting = Meeting.objects.get(starts_at__year=2026, title="Jednání LP")
    edit = client.get(reverse("meetings:meeting_edit", kwargs={"unit": valid.unit.slug, "pk": meeting.pk}))
    assert WARNING in edit.content.decode().replace("\u00a0", " ")


def test_a_meeting_inside_the_validity_is_not_flagged(valid, login):
    client = login(valid.users["editor"])
    url = reverse("meetings:meeting_create", kwargs={"unit": valid.unit.slug})

    response = client.post(url, _meeting_data(valid, "2022-03-10T14:00", "2022-03-10T16:00"), follow=True)

    assert "Jednání bylo uloženo." in response.content.decode().replace("\u00a0", " ")
    assert WARNING not in response.content.decode().replace("\u00a0", " ")


def test_a_rejected_meeting_form_warns_about_the_day_it_was_given(valid, login):
    client = login(valid.users["editor"])
    url = reverse("meetings:meeting_create", kwargs={"unit": valid.unit.slug})
    data = {**_meeting_data(valid, "2024-02-01T14:00", "2024-02-01T16:00"), "title": ""}

    page = client.post(url, data).content.decode().replace("\u00a0", " ")

    assert "Formulář nelze uložit. Opravte prosím:" in page and 'href="#id_title"' in page
    assert f"Jednání dne 1. 2. 2024 {WARNING}" in page


def test_a_training_outside_the_validity_is_flagged_and_one_inside_is_not(valid, login):
    client = login(valid.users["editor"])
    url = reverse("training:event_create", kwargs={"unit": valid.unit.slug})

    outside = (
        client.post(url, {**EVENT_DATA, "starts_on": "2025-06-01"}, follow=True)
        .content.decode()
        .replace("\u00a0", " ")
    )
    inside = client.post(url, {**EVENT_DATA, "title": "Uvnitř", "starts_on": "2022-05-12"}, follow=True)

    assert f"Vzdělávací akce dne 1. 6. 2025 {WARNING}" in outside
    assert WARNING not in inside.content.decode().replace("\u00a0", " ")
    event = TrainingEvent.objects.get(starts_on="2025-06-01")
    edit = client.get(reverse("training:event_edit", kwargs={"unit": valid.unit.slug, "pk": event.pk}))
    assert WARNING in edit.content.decode().replace("\u00a0", " ")
