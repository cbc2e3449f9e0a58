"""Every list as XLSX (issue 15, item 4) and the text filter of the long lists (item 3): the export
respects the list's filter, cells are typed, formula-like text stays text, queries are pinned."""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from spojka.documents.models import Document
from spojka.meetings.models import Meeting, Task
from spojka.partnership.models import Organisation, Person
from spojka.training.models import TrainingEvent

pytestmark = pytest.mark.django_db

PRAGUE = ZoneInfo("Europe/Prague")
# session, user, unit, role, switchable units and the list's own query (prefetches: +1)
EXPORT_MAX_QUERIES = 8


def _data(world):
    unit = world.unit
    start = datetime(2024, 3, 5, 9, 30, tzinfo=PRAGUE)
    for title in ["Plénum LP – březen", '=HYPERLINK("http://zle.example")']:
        Meeting.objects.create(unit=unit, title=title, kind="lp_plenary", starts_at=start, ends_at=start)
    novotna = Person.objects.create(unit=unit, first_name="Marie", last_name="Novotná", email="m@example.org")
    Person.objects.create(unit=unit, first_name="Jan", last_name="Dvořák")
    Organisation.objects.create(unit=unit, name="Základní škola Horní")
    Organisation.objects.create(unit=unit, name="Charita")
    Task.objects.create(unit=unit, title="Připravit rozpočet", assignee=novotna, due_on=date(2024, 4, 1))
    Task.objects.create(unit=unit, title="Pozvat hosty")
    Document.objects.create(unit=unit, doc_type="other", title="Analýza bydlení", issued_on=date(2024, 1, 2))
    Document.objects.create(unit=unit, doc_type="other", title="Zápis", issued_on=date(2024, 1, 3))
    TrainingEvent.objects.create(unit=unit, title="Seminář o dluzích", starts_on=date(2024, 5, 1))
    TrainingEvent.objects.create(unit=unit, title="Kurz první pomoci", starts_on=date(2024, 6, 1))
    # another unit's rows never appear
    Person.objects.create(unit=world.other_unit, first_name="Marie", last_name="Novotná Cizí")


CASES = [
    # url name, filter that keeps one row, the row's first text cell, column of a typed cell, its type
    ("meetings:meeting_export", "plenum", "Plénum LP – březen", 0, datetime),
    ("meetings:task_export", "novotna", "Připravit rozpočet", 2, datetime),
    ("partnership:people_export", "novotna", "", 2, str),
    ("partnership:organisation_export", "skola", "Základní škola Horní", 0, str),
    ("documents:library_export", "analyza", "Analýza bydlení", 2, datetime),
    ("training:event_export", "dluz", "Seminář o dluzích", 1, datetime),
]


def _rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.active
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    return [[c.value for c in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize(("name", "query", "first", "typed", "kind"), CASES)
def test_export_respects_the_filter_and_types_cells(
    world, login, django_assert_max_num_queries, name, query, first, typed, kind
):
    _data(world)
    client = login(world.users["partner"])
    url = reverse(name, kwargs={"unit": world.unit.slug})
    everything = _rows(client.get(url))
    assert len(everything) == 3  # header + both rows of this unit
    with django_assert_max_num_queries(EXPORT_MAX_QUERIES):
        response = client.get(url + "?q=" + query)
    rows = _rows(response)
    assert len(rows) == 2, rows
    if first:
        assert first in rows[1]
    assert isinstance(rows[1][typed], kind), rows[1]


def test_formula_like_text_stays_text(world, login):
    _data(world)
    rows = _rows(
        login(world.users["editor"]).get(reverse("meetings:meeting_export", kwargs={"unit": world.unit.slug}))
    )
    cell = next(r[2] for r in rows if str(r[2]).startswith("="))
    assert cell == '=HYPERLINK("http://zle.example")'


def test_meeting_export_keeps_local_time(world, login):
    _data(world)
    rows = _rows(
        login(world.users["editor"]).get(reverse("meetings:meeting_export", kwargs={"unit": world.unit.slug}))
    )
    assert rows[1][0] == datetime(2024, 3, 5, 9, 30)


@pytest.mark.parametrize(
    ("name", "query", "shown", "hidden"),
    [
        ("meetings:meeting_list", "PLENUM", "Plénum LP – březen", "HYPERLINK"),
        ("meetings:task_list", "rozpocet", "Připravit rozpočet", "Pozvat hosty"),
        ("partnership:person_list", "dvorak", "Jan Dvořák", "Novotná"),
        ("partnership:organisation_list", "charita", "Charita", "Základní škola"),
        ("documents:library", "zapis", "Zápis", "Analýza bydlení"),
        ("training:event_list", "prvni pomoc", "Kurz první pomoci", "Seminář o dluzích"),
    ],
)
def test_long_lists_filter_by_text_without_diacritics(world, login, name, query, shown, hidden):
    _data(world)
    client = login(world.users["editor"])
    url = reverse(name, kwargs={"unit": world.unit.slug})
    html = client.get(url, {"q": query}).content.decode()
    assert shown in html and hidden not in html
    assert 'role="region"' in html and ".xlsx" in html


def test_unit_history_export_is_in_words_and_filtered(world, login, django_assert_max_num_queries):
    from auditlog.context import set_actor

    editor = world.users["editor"]
    with set_actor(editor):
        person = Person.objects.create(unit=world.unit, first_name="Jan", last_name="Šebesta")
        Task.objects.create(unit=world.unit, title="Úkol pro Šebestu", assignee=person)
    client = login(world.users["consultant"])
    url = reverse("core:unit_history_export", kwargs={"unit": world.unit.slug})
    with django_assert_max_num_queries(12):
        rows = _rows(client.get(url))
    assert rows[0][:3] == ["Kdy", "Kdo", "Akce"]
    assert any(r[5] == "odpovídá" and r[7] == "Jan Šebesta" for r in rows), rows
    assert isinstance(rows[1][0], datetime)
    only_people = _rows(client.get(url, {"co": "partnership.person"}))
    assert {r[3] for r in only_people[1:]} == {"osoba"}
