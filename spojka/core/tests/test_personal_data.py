"""A person's data: export as JSON and anonymisation by the agency admin (issue 13, item 11).

In core's tests because the person's records live in the apps above partnership (meetings, training).
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from spojka.meetings.models import Invitation
from spojka.partnership.models import Person
from spojka.training.models import Participation
from spojka.training.tests.matrix import build as build_training


def _urls(world, person) -> tuple[str, str]:
    kwargs = {"unit": world.unit.slug, "pk": person.pk}
    return reverse("partnership:person_export", kwargs=kwargs), reverse(
        "partnership:person_anonymise", kwargs=kwargs
    )


@pytest.fixture
def person(world) -> Person:
    build_training(world)
    person = world.training_person
    person.phone = "+420 777 123 456"
    person.save()
    return person


def test_the_agency_admin_exports_one_persons_data_as_json(world, client, person):
    client.force_login(world.users["agency_admin"])
    export, _ = _urls(world, person)
    response = client.get(export)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    data = json.loads(b"".join(response.streaming_content))
    assert data["person"]["fields"]["last_name"] == "Školená"
    assert data["related"]["training.participation"][0]["fields"]["event"] == world.training_event.pk
    assert data["history"], "the person's own change history is part of the export"


@pytest.mark.parametrize("persona", ["consultant", "editor", "partner"])
def test_nobody_else_may_export_or_anonymise(world, client, person, persona):
    client.force_login(world.users[persona])
    export, anonymise = _urls(world, person)
    assert client.get(export).status_code == 403
    assert client.post(anonymise).status_code == 403
    assert Person.objects.get(pk=person.pk).last_name == "Školená"


def test_anonymising_keeps_attendance_hours_and_history_but_not_the_name(world, client, person):
    participation = Participation.objects.get(person=person)
    hours = participation.in_person_hours + participation.distance_hours
    entries_before = LogEntry.objects.count()
    client.force_login(world.users["agency_admin"])
    _, anonymise = _urls(world, person)
    assert client.get(anonymise).status_code == 200
    assert client.post(anonymise).status_code == 302

    person.refresh_from_db()
    assert (person.first_name, person.email, person.phone) == ("Anonymizovaná", "", "")
    participation.refresh_from_db()
    assert participation.in_person_hours + participation.distance_hours == hours > Decimal(0)
    assert (
        Invitation.objects.filter(person=person).count()
        == Invitation.objects.filter(person_id=person.pk).count()
    )
    # Every history entry stays (plus the anonymisation itself); none names the person any more.
    assert LogEntry.objects.count() == entries_before + 1
    for entry in LogEntry.objects.all():
        text = f"{entry.object_repr} {json.dumps(entry.changes, ensure_ascii=False)} {entry.changes_text}"
        assert "Školená" not in text and "jana.skolena@example.org" not in text and "777 123 456" not in text
    history = client.get(reverse("core:unit_history", kwargs={"unit": world.unit.slug})).content.decode()
    assert "Školená" not in history
    assert "[anonymizováno]" in history
