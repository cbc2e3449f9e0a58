"""The unit search (issue 15, item 3): diacritics- and case-insensitive on SQLite and PostgreSQL alike,
tenant-scoped, grouped by kind, paged, in a constant number of queries."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from spojka.documents.models import Document
from spojka.lib.search import fold, pattern, search
from spojka.meetings.models import Meeting, Task
from spojka.partnership.models import Organisation, Person
from spojka.plans.tests.factories import make_plan
from spojka.training.models import TrainingEvent

pytestmark = pytest.mark.django_db

PRAGUE = ZoneInfo("Europe/Prague")
# session, user, unit, role and the switchable units, then at most two per kind (its rows, its count when they fill the group)
SEARCH_ALL_MAX = 4 + 2 * 9
SEARCH_ONE_KIND_MAX = 4 + 2


def _meeting(unit, title, day=1):
    start = datetime(2024, 3, day, 9, 0, tzinfo=PRAGUE)
    return Meeting.objects.create(unit=unit, title=title, kind="lp_plenary", starts_at=start, ends_at=start)


def _url(world, **params):
    from urllib.parse import urlencode

    return reverse("core:search", kwargs={"unit": world.unit.slug}) + "?" + urlencode(params)


def test_fold_and_pattern():
    assert fold("ŠEBESTA Novotná Žďár") == "sebesta novotna zdar"
    assert pattern("a.b") == "[aáäąAÁÄĄ]\\.[bB]"


@pytest.mark.parametrize("query", ["novotna", "NOVOTNA", "Novotná", "novotná", "otn", "marie novot"])
def test_people_are_found_without_diacritics_or_case(world, query):
    Person.objects.create(unit=world.unit, first_name="Marie", last_name="Novotná")
    Person.objects.create(unit=world.unit, first_name="Jan", last_name="Dvořák")
    found = search(world.unit.people.all(), query, ["first_name", "last_name"])
    assert [p.last_name for p in found] == ["Novotná"]


def test_a_query_with_diacritics_finds_text_without_them(world):
    Person.objects.create(unit=world.unit, first_name="Jan", last_name="Sebesta")
    assert search(world.unit.people.all(), "Šebesta", ["last_name"]).count() == 1


def test_regex_characters_in_the_query_are_literal(world):
    Organisation.objects.create(unit=world.unit, name="Spolek (a.s.) [x]*")
    Organisation.objects.create(unit=world.unit, name="Spolek abs")
    for query in ["(a.s.)", "[x]*", "a.s"]:
        assert [o.name for o in search(world.unit.organisations.all(), query, ["name"])] == [
            "Spolek (a.s.) [x]*"
        ]
    assert search(world.unit.organisations.all(), "\\", ["name"]).count() == 0


def test_search_page_groups_every_kind_and_stays_in_the_unit(world, login, django_assert_max_num_queries):
    unit = world.unit
    person = Person.objects.create(
        unit=unit, first_name="Petr", last_name="Šťastný", function="ředitel školy"
    )
    Organisation.objects.create(unit=unit, name="Škola Šťastná cesta")
    _meeting(unit, "Jednání o štěstí")
    Task.objects.create(unit=unit, title="Zavolat řediteli", assignee=person)
    Document.objects.create(unit=unit, doc_type="other", title="Šťastné bydlení – analýza")
    TrainingEvent.objects.create(unit=unit, title="Štěstí v práci", starts_on=date(2024, 5, 1))
    plan = make_plan(unit)
    measure = plan.areas.get().goals.get().measures.get()
    measure.name = "Šťastné děti"
    measure.save()
    # Another unit's record with the same words must not appear.
    Person.objects.create(unit=world.other_unit, first_name="Cizí", last_name="Šťastný")
    _meeting(world.other_unit, "Cizí jednání o štěstí")

    client = login(world.users["editor"])
    with django_assert_max_num_queries(SEARCH_ALL_MAX):
        response = client.get(_url(world, q="stast"))
    html = response.content.decode()
    assert response.status_code == 200
    for text in ["Šťastný", "Škola Šťastná cesta", "Šťastné bydlení – analýza", "Šťastné děti"]:
        assert text in html
    assert "Cizí" not in html
    # "stest" finds the meeting and the training, not the others
    html = client.get(_url(world, q="STESTI")).content.decode()
    assert "Jednání o štěstí" in html and "Štěstí v práci" in html and "Cizí jednání" not in html
    html = client.get(_url(world, q="reditel")).content.decode()
    assert "Petr Šťastný" in html and "Zavolat řediteli" in html
    assert reverse("meetings:task_list", kwargs={"unit": unit.slug}) in html


def test_partners_find_only_documents_shown_to_partners(world, login):
    Document.objects.create(
        unit=world.unit, doc_type="other", title="Rozpočet veřejný", visible_to_partners=True
    )
    Document.objects.create(
        unit=world.unit, doc_type="other", title="Rozpočet interní", visible_to_partners=False
    )
    html = login(world.users["partner"]).get(_url(world, q="rozpocet")).content.decode()
    assert "Rozpočet veřejný" in html and "Rozpočet interní" not in html
    html = login(world.users["editor"]).get(_url(world, q="rozpocet")).content.decode()
    assert "Rozpočet interní" in html


def test_one_kind_is_paged_and_the_query_count_does_not_grow(world, login, django_assert_max_num_queries):
    for i in range(45):
        _meeting(world.unit, f"Porada č. {i}", day=1 + i % 28)
    client = login(world.users["consultant"])
    html = client.get(_url(world, q="porada")).content.decode()
    assert "Jednání (45)" in html and "druh=jednani" in html
    with django_assert_max_num_queries(SEARCH_ONE_KIND_MAX):
        response = client.get(_url(world, q="porada", druh="jednani", strana=3))
    html = response.content.decode()
    assert "strana 3 z 3" in html and html.count("Porada č.") == 5


def test_an_empty_or_hostile_query_finds_nothing_and_does_not_fail(world, login):
    client = login(world.users["editor"])
    for q in ["", "   ", "\x00", "x" * 5000, "a" * 60 + " b" * 40]:
        assert client.get(_url(world, q=q)).status_code == 200


def test_the_navigation_has_the_search_box(world, login):
    html = (
        login(world.users["partner"])
        .get(reverse("core:unit_history", kwargs={"unit": world.unit.slug}))
        .content.decode()
    )
    assert 'role="search"' in html and 'id="nav-search"' in html
    assert reverse("core:search", kwargs={"unit": world.unit.slug}) in html


def _docx_bytes(text: str) -> bytes:
    import io

    from docx import Document as Docx

    buffer = io.BytesIO()
    document = Docx()
    document.add_paragraph(text)
    document.save(buffer)
    return buffer.getvalue()


def test_documents_are_found_by_the_text_of_their_file(world, login, settings, tmp_path):
    from spojka.documents.services import version_add
    from spojka.lib.uploads import DOCX

    settings.MEDIA_ROOT = tmp_path
    document = Document.objects.create(unit=world.unit, doc_type="other", title="Příloha č. 3")
    for _ in range(2):  # two versions with the same text: the document is found once
        version_add(
            document=document,
            content=_docx_bytes("Dotace na sociální bydlení pro rodiny v Žďáru."),
            filename="priloha.docx",
            content_type=DOCX,
            user=None,
        )
    assert "Žďáru" in document.versions.first().text
    html = login(world.users["editor"]).get(_url(world, q="zdaru bydleni")).content.decode()
    assert "Dokumenty (1)" in html and html.count("Příloha č. 3") == 1
    from auditlog.models import LogEntry

    assert not LogEntry.objects.filter(changes__icontains="Dotace na sociální").exists()


def test_partners_are_linked_to_the_filtered_list_with_an_encoded_query(world, login):
    Organisation.objects.create(unit=world.unit, name="Spolek & Ko Šťastná")
    html = login(world.users["partner"]).get(_url(world, q="spolek")).content.decode()
    assert "?q=Spolek+%26+Ko+%C5%A0%C5%A5astn%C3%A1" in html
    listed = login(world.users["partner"]).get(
        reverse("partnership:organisation_list", kwargs={"unit": world.unit.slug}),
        {"q": "Spolek & Ko Šťastná"},
    )
    assert "Spolek &amp; Ko Šťastná" in listed.content.decode()
