"""The change history reads in people's words, and the unit's history can be filtered and paged."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.urls import reverse

from spojka.lib.audit import history_for, history_rows, unit_log_entries
from spojka.meetings.models import Meeting, MeetingKind, MeetingState, Task
from spojka.partnership.models import Person

MAY_1_0700_UTC = datetime(2024, 5, 1, 7, 0, tzinfo=UTC)


def _meeting(world, title: str = "Plénum LP") -> Meeting:
    return Meeting.objects.create(
        unit=world.unit,
        title=title,
        kind=MeetingKind.LP_PLENARY,
        starts_at=MAY_1_0700_UTC,
        ends_at=MAY_1_0700_UTC + timedelta(hours=2),
        organiser=world.users["editor"],
    )


def _changes(row) -> dict[str, tuple[str, str]]:
    return {label: (old, new) for label, old, new in row.changes}


def test_a_change_shows_choice_labels_booleans_and_local_time(world):
    with set_actor(world.users["editor"]):
        meeting = _meeting(world)
        meeting.state = MeetingState.HELD
        meeting.includes_lp = True
        meeting.starts_at = MAY_1_0700_UTC + timedelta(days=1, hours=1)
        meeting.save()

    changed, created = history_for(meeting)
    assert changed.action == "změněno" and changed.actor == "editor"
    changes = _changes(changed)
    assert changes["stav"] == ("plánováno", "proběhlo")
    assert changes["jednání pléna LP"] == ("ne", "ano")
    # Stored in UTC, shown in Prague time as the meeting page shows it.
    assert changes["začátek"] == ("1. 5. 2024 9:00", "2. 5. 2024 10:00")


def test_a_creation_names_related_objects_and_shows_no_internal_ids(world):
    with set_actor(world.users["editor"]):
        meeting = _meeting(world)
    (created,) = history_for(meeting)
    changes = _changes(created)
    assert changes["organizátor"] == ("", "editor")
    assert changes["druh"] == ("", "jednání LP (plénum)")
    labels = {label for label, _old, _new in created.changes}
    assert not labels & {"ID", "id", "unit", "územní celek"}
    text = repr(created.changes)
    assert "lp_plenary" not in text and "True" not in text and "False" not in text


def test_a_deleted_related_object_keeps_its_name_and_dates_are_czech(world):
    with set_actor(world.users["editor"]):
        person = Person.objects.create(unit=world.unit, first_name="Jan", last_name="Šebesta")
        task = Task.objects.create(unit=world.unit, title="Zajistit sál", assignee=person)
        task.due_on = date(2024, 9, 21)
        task.save()
        person.delete()
    task.refresh_from_db()
    rows = history_for(task)
    assert _changes(rows[-1])["odpovídá"] == ("", "Jan Šebesta")
    assert _changes(rows[-2])["termín"] == ("", "21.\xa09.\xa02024")


def _task_rows(world, limit: int):
    tasks = unit_log_entries(world.unit.pk).filter(content_type__model="task")
    return history_rows(tasks[:limit])


def test_naming_related_objects_takes_the_same_queries_for_few_and_many_rows(
    world, django_assert_num_queries
):
    with set_actor(world.users["editor"]):
        for i in range(3):
            Task.objects.create(
                unit=world.unit,
                title=f"Úkol {i}",
                assignee=Person.objects.create(unit=world.unit, first_name="Jan", last_name=f"Novák {i}"),
            )
    # the entries and the names of the people they point at, from the people's own log entries
    with django_assert_num_queries(2):
        few = _task_rows(world, 2)
    with set_actor(world.users["editor"]):
        for i in range(20):
            Task.objects.create(
                unit=world.unit,
                title=f"Další {i}",
                assignee=Person.objects.create(unit=world.unit, first_name="Eva", last_name=f"Malá {i}"),
            )
    with django_assert_num_queries(2):
        many = _task_rows(world, 200)
    assert len(few) == 2 and len(many) == 23


def _history_url(world, **query) -> str:
    url = reverse("core:unit_history", kwargs={"unit": world.unit.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def busy_unit(world):
    """Changes by two people on two kinds of records, one of them in another unit."""
    with set_actor(world.users["editor"]):
        _meeting(world, title="Schůze editora")
    with set_actor(world.users["consultant"]):
        Task.objects.create(unit=world.unit, title="Úkol konzultanta")
    with set_actor(world.users["outsider"]):
        Task.objects.create(unit=world.other_unit, title="Cizí úkol")
    return world


def test_unit_history_filters_by_who_and_what(busy_unit, login):
    world = busy_unit
    client = login(world.users["partner"])
    page = client.get(_history_url(world)).content.decode()
    assert "Schůze editora" in page and "Úkol konzultanta" in page and "Cizí úkol" not in page

    by_consultant = client.get(_history_url(world, kdo=world.users["consultant"].pk)).content.decode()
    assert "Úkol konzultanta" in by_consultant and "Schůze editora" not in by_consultant

    only_meetings = client.get(_history_url(world, co="meetings.meeting")).content.decode()
    assert "Schůze editora" in only_meetings and "Úkol konzultanta" not in only_meetings


def test_unit_history_filters_by_date_and_refuses_a_reversed_period(busy_unit, login):
    world = busy_unit
    LogEntry.objects.filter(object_repr="Úkol konzultanta").update(
        timestamp=datetime(2023, 1, 10, 12, 0, tzinfo=UTC)
    )
    client = login(world.users["editor"])
    page = client.get(_history_url(world, od="2023-01-01", do="2023-01-31")).content.decode()
    assert "Úkol konzultanta" in page and "Schůze editora" not in page

    reversed_period = client.get(_history_url(world, od="2023-02-01", do="2023-01-01"))
    assert "Konec období je před jeho začátkem." in reversed_period.content.decode()


def test_unit_history_pages_by_fifty_and_its_query_count_does_not_grow(
    world, login, django_assert_num_queries
):
    LogEntry.objects.all().delete()  # only the tasks' history, whose related objects are people
    client = login(world.users["editor"])
    person = Person.objects.create(unit=world.unit, first_name="Jan", last_name="Šebesta")
    with set_actor(world.users["editor"]):
        Task.objects.create(unit=world.unit, title="První", assignee=person)
    # session, user, membership with unit and the header switcher's units, count, entries, names of
    # the people the tasks point at, the actors offered by the filter
    with django_assert_num_queries(7):
        client.get(_history_url(world))
    with set_actor(world.users["editor"]):
        for i in range(60):
            Task.objects.create(unit=world.unit, title=f"Úkol {i}", assignee=person)
    with django_assert_num_queries(7):
        response = client.get(_history_url(world))
    assert len(response.context["history"]) == 50
    assert "strana 1 z 2" in response.content.decode()
    second = client.get(_history_url(world, strana=2))
    assert len(second.context["history"]) == 12  # the person and 61 tasks


def test_history_on_an_object_page_is_collapsed(world, login):
    with set_actor(world.users["editor"]):
        meeting = _meeting(world)
    page = login(world.users["editor"]).get(meeting.get_absolute_url()).content.decode()
    assert '<details class="app-history__details">' in page
    assert "Zobrazit historii změn (1)" in page
