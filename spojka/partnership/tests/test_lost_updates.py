"""Issue 13, item 3: two people edit the same record; the second save is refused, not lost."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from spojka.accounts.models import Role
from spojka.conftest import make_user
from spojka.partnership.models import Organisation, Person

pytestmark = pytest.mark.django_db

SEEN = re.compile(r'name="seen" value="([^"]*)"')


def _seen(client, url) -> str:
    return SEEN.search(client.get(url).content.decode()).group(1)


@pytest.fixture
def two_editors(world, client):
    from django.test import Client

    second = make_user("druha", unit=world.unit, role=Role.EDITOR)
    first, other = Client(), Client()
    first.force_login(world.users["editor"])
    other.force_login(second)
    return first, other


def _person_post(seen: str, **values) -> dict:
    return {"first_name": "Jana", "last_name": "Nová", "email": "", "phone": "", "seen": seen, **values}


def test_the_second_save_of_a_person_is_refused_with_what_changed_and_keeps_the_input(world, two_editors):
    person = Person.objects.create(unit=world.unit, first_name="Jana", last_name="Nová")
    url = reverse("partnership:person_edit", kwargs={"unit": world.unit.slug, "pk": person.pk})
    first, second = two_editors
    seen_first, seen_second = _seen(first, url), _seen(second, url)

    assert first.post(url, _person_post(seen_first, last_name="Nováková")).status_code == 302
    response = second.post(url, _person_post(seen_second, phone="+420 777 123 456"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Záznam mezitím uložil někdo jiný" in page
    assert "příjmení: „Nová“ → „Nováková“" in page  # what changed, and by whom
    assert "+420 777 123 456" in page  # the user's input is kept
    person.refresh_from_db()
    assert (person.last_name, person.phone) == ("Nováková", "")
    # Having seen the change, the second person saves again: now it goes through.
    seen_now = SEEN.search(page).group(1)
    again = second.post(url, _person_post(seen_now, last_name="Nováková", phone="+420 777 123 456"))
    assert again.status_code == 302
    person.refresh_from_db()
    assert (person.last_name, person.phone) == ("Nováková", "+420 777 123 456")


def test_the_second_save_of_an_organisation_is_refused(world, two_editors):
    org = Organisation.objects.create(unit=world.unit, name="Charita")
    url = reverse("partnership:organisation_edit", kwargs={"unit": world.unit.slug, "pk": org.pk})
    first, second = two_editors
    seen_first, seen_second = _seen(first, url), _seen(second, url)
    data = {"ico": "", "category": "ngo"}
    assert first.post(url, {**data, "name": "Oblastní charita", "seen": seen_first}).status_code == 302
    response = second.post(url, {**data, "name": "Charita Jihlava", "seen": seen_second})
    assert "Záznam mezitím uložil někdo jiný" in response.content.decode()
    org.refresh_from_db()
    assert org.name == "Oblastní charita"


def test_a_new_record_and_a_single_editor_save_as_before(world, two_editors):
    first, _second = two_editors
    url = reverse("partnership:person_create", kwargs={"unit": world.unit.slug})
    assert first.post(url, _person_post("")).status_code == 302
    person = Person.objects.get()
    edit = reverse("partnership:person_edit", kwargs={"unit": world.unit.slug, "pk": person.pk})
    assert first.post(edit, _person_post(_seen(first, edit), last_name="Modrá")).status_code == 302
    assert first.post(edit, _person_post(_seen(first, edit), last_name="Zelená")).status_code == 302


@pytest.mark.parametrize("seen", ["nesmysl", "2026-13-45T99:00"])
def test_a_tampered_seen_is_refused_like_a_concurrent_save_not_a_500(world, two_editors, seen):
    person = Person.objects.create(unit=world.unit, first_name="Jana", last_name="Nová")
    url = reverse("partnership:person_edit", kwargs={"unit": world.unit.slug, "pk": person.pk})
    first, _second = two_editors

    response = first.post(url, _person_post(seen, last_name="Nováková"))  # was ValueError: isoformat

    assert response.status_code == 200
    assert "Záznam mezitím uložil někdo jiný" in response.content.decode()
    person.refresh_from_db()
    assert person.last_name == "Nová"
