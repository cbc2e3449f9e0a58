"""What the change history records and what it must not (issue 13, item 11)."""

from __future__ import annotations

import json

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from spojka.accounts.models import User
from spojka.importer.models import ImportDraft
from spojka.meetings.models import CalendarFeed
from spojka.partnership.models import Person


def _everything_recorded() -> str:
    return " ".join(
        f"{e.object_repr} {json.dumps(e.changes)} {e.changes_text}" for e in LogEntry.objects.all()
    )


def test_the_ical_key_never_reaches_the_history_partners_read(world, client):
    client.force_login(world.users["editor"])
    client.post(reverse("meetings:feed_regenerate", kwargs={"unit": world.unit.slug}))
    client.post(reverse("meetings:feed_regenerate", kwargs={"unit": world.unit.slug}))
    feed = CalendarFeed.objects.get(unit=world.unit)
    assert LogEntry.objects.get_for_object(feed).exists()
    assert feed.token not in _everything_recorded()
    client.force_login(world.users["partner"])
    history = client.get(reverse("core:unit_history", kwargs={"unit": world.unit.slug})).content.decode()
    assert feed.token not in history


def test_a_certificate_code_never_reaches_the_history(world):
    from spojka.training.tests.matrix import build

    build(world)
    code = world.training_participation.certificate_code
    assert code
    assert code not in _everything_recorded()


@pytest.mark.django_db
def test_users_are_audited_without_their_password():
    user = User.objects.create_user("novak", password="tajne-heslo-123", email="a@example.org")
    user.email = "novak@example.org"
    user.set_password("jine-heslo-456")
    user.save()
    entries = LogEntry.objects.get_for_object(user)
    assert entries.count() == 2
    assert entries.filter(changes__icontains="novak@example.org").exists()
    recorded = _everything_recorded()
    assert user.password not in recorded
    assert "password" not in recorded


@pytest.mark.django_db
def test_import_drafts_are_audited_without_their_text():
    draft = ImportDraft.objects.create(filename="popis.pdf", text="Důvěrný text popisu spolupráce")
    entry = LogEntry.objects.get_for_object(draft).get()
    assert entry.object_repr == "popis.pdf"
    assert "Důvěrný text" not in _everything_recorded()


def _changes(world, count: int) -> None:
    person = Person.objects.create(unit=world.unit, first_name="Eva", last_name="Měněná")
    for number in range(count - 1):
        person.function = f"funkce {number}"
        person.save()


@pytest.mark.parametrize("changes", [10, 130])
def test_the_unit_history_is_paged_with_a_constant_number_of_queries(
    world, client, changes, django_assert_max_num_queries
):
    _changes(world, changes)
    client.force_login(world.users["editor"])
    url = reverse("core:unit_history", kwargs={"unit": world.unit.slug})
    # + the names the changes point at (from the log, and users from their table) and the actors
    # offered by the filter: at most 8, whatever the number of changes
    with django_assert_max_num_queries(8):
        first = client.get(url)
    rows = first.content.decode().count("<tr>") - 1
    assert rows == min(50, LogEntry.objects.filter(additional_data__unit=world.unit.pk).count())
    if changes > 50:
        assert "strana 1 z 3" in first.content.decode()
        last = client.get(url, {"strana": 3}).content.decode()
        assert "strana 3 z 3" in last


def test_tokens_recorded_before_the_fix_are_scrubbed_by_the_migration(world):
    from importlib import import_module

    from django.apps import apps

    feed = CalendarFeed.objects.create(unit=world.unit)
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(CalendarFeed),
        object_pk=str(feed.pk),
        object_id=feed.pk,
        object_repr=str(feed),
        action=LogEntry.Action.CREATE,
        changes={"token": ["None", feed.token], "unit": ["None", str(world.unit.pk)]},
        additional_data={"unit": world.unit.pk},
    )
    migration = import_module("spojka.meetings.migrations.0004_scrub_feed_tokens_from_history")
    migration.scrub(apps, None)
    assert feed.token not in _everything_recorded()
    assert {"unit": ["None", str(world.unit.pk)]} in [
        e.changes for e in LogEntry.objects.get_for_object(feed)
    ]
