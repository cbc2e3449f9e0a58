"""Issue 13, item 3: two people edit the same meeting; the second save is refused, not lost."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from spojka.accounts.models import Role
from spojka.conftest import make_user

pytestmark = pytest.mark.django_db

SEEN = re.compile(r'name="seen" value="([^"]*)"')


def _post(w, seen: str, **overrides) -> dict:
    data = {
        "title": "Jednání LP",
        "kind": "lp_plenary",
        "includes_lp": "on",
        "working_groups": [w.meeting_group.pk],
        "invitees": [w.meeting_person.pk],
        "starts_at": "2031-03-12T14:00",
        "ends_at": "2031-03-12T16:00",
        "place": "",
        "online_link": "",
        "seen": seen,
    }
    return {**data, **overrides}


def test_the_second_save_of_a_meeting_is_refused_and_keeps_the_input(mw):
    first, second = Client(), Client()
    first.force_login(mw.users["editor"])
    second.force_login(make_user("druha", unit=mw.unit, role=Role.EDITOR))
    url = reverse("meetings:meeting_edit", kwargs={"unit": mw.unit.slug, "pk": mw.meeting.pk})
    seen_first = SEEN.search(first.get(url).content.decode()).group(1)
    seen_second = SEEN.search(second.get(url).content.decode()).group(1)

    assert first.post(url, _post(mw, seen_first, place="Magistrát, sál 1")).status_code == 302
    response = second.post(url, _post(mw, seen_second, title="Jednání LP – změna programu"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Záznam mezitím uložil někdo jiný" in page and "Magistrát, sál 1" in page
    assert "Jednání LP – změna programu" in page
    mw.meeting.refresh_from_db()
    assert (mw.meeting.title, mw.meeting.place) == ("Jednání LP", "Magistrát, sál 1")


def test_the_second_save_of_the_minutes_is_refused_and_keeps_the_input(mw):
    first, second = Client(), Client()
    first.force_login(mw.users["editor"])
    second.force_login(make_user("druha", unit=mw.unit, role=Role.EDITOR))
    url = reverse("meetings:minutes_edit", kwargs={"unit": mw.unit.slug, "pk": mw.held_meeting.pk})
    seen_first = SEEN.search(first.get(url).content.decode()).group(1)
    seen_second = SEEN.search(second.get(url).content.decode()).group(1)

    assert first.post(url, {"minutes_note": "Zápis první osoby.", "seen": seen_first}).status_code == 302
    response = second.post(url, {"minutes_note": "Zápis druhé osoby.", "seen": seen_second})

    page = response.content.decode()
    assert "Záznam mezitím uložil někdo jiný" in page and "Zápis první osoby." in page
    assert "Zápis druhé osoby." in page  # kept in the form
    mw.held_meeting.refresh_from_db()
    assert mw.held_meeting.minutes_note == "Zápis první osoby."
