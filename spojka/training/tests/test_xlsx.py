"""Participants as XLSX: export, template, import (all rows or nothing) and the round trip."""

from __future__ import annotations

import io
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from spojka.training import xlsx
from spojka.training.models import Participation
from spojka.training.tests.helpers import attend, make_event, make_person

pytestmark = pytest.mark.django_db


def sheet_rows(content: bytes) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == [xlsx.SHEET_TITLE]
    return [tuple(row) for row in workbook.active.iter_rows(values_only=True)]


def workbook_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    workbook.active.append(list(xlsx.HEADERS))
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def participants(event) -> set[tuple]:
    return {(p.person_id, p.in_person_hours, p.distance_hours) for p in event.participations.all()}


@pytest.fixture
def hybrid(world):
    return make_event(world.unit, "Prostupné zaměstnávání", in_person="2", distance="4.5")


def test_template_is_the_export_of_an_event_without_participants(world, hybrid):
    template = sheet_rows(xlsx.template_xlsx())
    export = sheet_rows(xlsx.participants_xlsx(event=hybrid))
    assert template == export == [xlsx.HEADERS]


def test_export_lists_each_participant_with_hours(world, staff, hybrid):
    attend(hybrid, staff[0], in_person="1.5", distance="4.5")
    rows = sheet_rows(xlsx.participants_xlsx(event=hybrid))
    assert rows[1] == (
        staff[0].pk,
        "Bc.",
        "Lenka",
        "Modrá",
        None,
        "lenka.modra@example.org",
        "Magistrát města Jihlavy",
        1.5,
        4.5,
    )


def test_export_then_import_into_another_event_gives_the_same_participants(world, staff, hybrid):
    attend(hybrid, staff[0], in_person="1.5", distance="4.5")
    attend(hybrid, staff[1], in_person="2", distance="0")
    attend(hybrid, staff[2], in_person="0", distance="0.5")
    twin = make_event(world.unit, "Prostupné zaměstnávání – opakování", in_person="2", distance="4.5")

    outcome = xlsx.participants_import(event=twin, data=xlsx.participants_xlsx(event=hybrid))

    assert outcome.errors == []
    assert (outcome.added, outcome.updated) == (3, 0)
    assert participants(twin) == participants(hybrid)
    assert all(p.unit_id == world.unit.pk for p in twin.participations.all())


def test_importing_an_events_own_export_changes_nothing(world, staff, hybrid):
    attend(hybrid, staff[0], in_person="1.5", distance="4.5")
    before = participants(hybrid)
    outcome = xlsx.participants_import(event=hybrid, data=xlsx.participants_xlsx(event=hybrid))
    assert (outcome.errors, outcome.added, outcome.updated) == ([], 0, 0)
    assert participants(hybrid) == before


def test_a_filled_template_finds_people_by_email_or_name_and_blank_hours_mean_the_whole_event(
    world, staff, hybrid
):
    data = workbook_bytes(
        [
            [None, None, None, None, None, "LENKA.modra@example.org", None, "1,5", None],
            [None, None, "Tomáš", "Zelený", None, None, None, None, None],
        ]
    )
    outcome = xlsx.participants_import(event=hybrid, data=data)
    assert outcome.errors == []
    assert participants(hybrid) == {
        (staff[0].pk, D("1.5"), D("4.5")),
        (staff[1].pk, D(2), D("4.5")),
    }


def test_one_bad_row_stops_the_whole_import_with_czech_errors_per_row(world, staff, hybrid):
    stranger = make_person(world.other_unit, "Cizí", "Osoba")
    make_person(world.unit, "Petr", "Nový")
    make_person(world.unit, "Jana", "Stará")
    data = workbook_bytes(
        [
            [staff[0].pk, None, "Lenka", "Modrá", None, None, None, 2, 4],  # row 2: fine
            [None, None, "Neznámá", "Osoba", None, None, None, 1, 0],  # row 3: unknown person
            [staff[1].pk, None, None, None, None, None, None, 3, 0],  # row 4: more than the event
            [staff[2].pk, None, None, None, None, None, None, 0, 0],  # row 5: zero hours
            [staff[0].pk, None, None, None, None, None, None, 1, 1],  # row 6: duplicate of row 2
            [stranger.pk, None, None, None, None, None, None, 1, 1],  # row 7: another unit's person
            [None, None, "Petr", "Nový", None, None, None, "hodně", 1],  # row 8: not a number
            [None, None, "Jana", "Stará", None, None, None, -1, 1],  # row 9: negative
        ]
    )
    outcome = xlsx.participants_import(event=hybrid, data=data)
    errors = {(e.row, e.message) for e in outcome.errors}
    assert errors == {
        (3, "osoba Neznámá Osoba v evidenci územního celku není; nejprve ji zapište mezi osoby partnerství."),
        (4, "Prezenční hodiny: Prezenční část akce trvala jen 2 h; víc hodin nelze započítat."),
        (5, "Prezenční hodiny: Účastníkovi musí být započtena alespoň část akce (více než 0 hodin)."),
        (6, "osoba je v souboru vícekrát (také na řádku 2)."),
        (7, f"osoba s ID {stranger.pk} v evidenci územního celku není."),
        (8, "„hodně“ není počet hodin."),
        (9, "Prezenční hodiny: Počet hodin nemůže být záporný."),
    }
    assert not Participation.objects.exists()


def test_distance_hours_on_an_in_person_event_are_refused_in_import(world, staff):
    event = make_event(world.unit, in_person="4")
    data = workbook_bytes([[staff[0].pk, None, None, None, None, None, None, 4, 1]])
    outcome = xlsx.participants_import(event=event, data=data)
    assert [e.message for e in outcome.errors] == [
        "Distanční hodiny: Akce je prezenční, distanční hodiny nelze započítat."
    ]
    assert not Participation.objects.exists()


def test_a_sheet_without_the_template_header_is_refused(world, staff, hybrid):
    workbook = Workbook()
    workbook.active.append(["Jméno", "Hodiny"])
    workbook.active.append(["Lenka Modrá", 2])
    buffer = io.BytesIO()
    workbook.save(buffer)
    outcome = xlsx.participants_import(event=hybrid, data=buffer.getvalue())
    assert outcome.errors and "záhlaví šablony" in outcome.errors[0].message
    assert not Participation.objects.exists()


class TestImportPage:
    def url(self, world, event) -> str:
        return reverse("training:participant_import", kwargs={"unit": world.unit.slug, "pk": event.pk})

    def test_errors_are_listed_by_row_and_nothing_is_imported(self, world, staff, hybrid, login):
        data = workbook_bytes(
            [
                [staff[0].pk, None, None, None, None, None, None, 2, 4],
                [staff[1].pk, None, None, None, None, None, None, 9, 0],
            ]
        )
        response = login(world.users["editor"]).post(
            self.url(world, hybrid), {"upload": SimpleUploadedFile("ucastnici.xlsx", data)}
        )
        assert response.status_code == 422
        html = response.content.decode()
        assert "nic nebylo naimportováno" in html
        table = html.split('id="import-errors"', 1)[1]
        assert (
            "<td>3</td><td>Prezenční hodiny: Prezenční část akce trvala jen 2 h; víc hodin nelze započítat.</td>"
            in table
        )
        assert not Participation.objects.exists()

    def test_a_valid_file_is_imported(self, world, staff, hybrid, login):
        data = workbook_bytes([[staff[0].pk, None, None, None, None, None, None, 2, 4]])
        response = login(world.users["editor"]).post(
            self.url(world, hybrid), {"upload": SimpleUploadedFile("ucastnici.xlsx", data)}
        )
        assert response.status_code == 302
        assert participants(hybrid) == {(staff[0].pk, D(2), D(4))}

    def test_a_file_that_is_not_xlsx_is_refused_next_to_the_field(self, world, hybrid, login):
        response = login(world.users["editor"]).post(
            self.url(world, hybrid), {"upload": SimpleUploadedFile("ucastnici.xlsx", b"Jmeno;Hodiny\n")}
        )
        assert "Nepodporovaný typ souboru" in response.content.decode()
        assert not Participation.objects.exists()

    def test_export_and_template_downloads_are_xlsx(self, world, staff, hybrid, login):
        attend(hybrid, staff[0], in_person="2", distance="4")
        client = login(world.users["editor"])
        export = client.get(
            reverse("training:participant_export", kwargs={"unit": world.unit.slug, "pk": hybrid.pk})
        )
        template = client.get(reverse("training:participant_template", kwargs={"unit": world.unit.slug}))
        assert export["Content-Type"] == template["Content-Type"] == xlsx.XLSX
        exported = sheet_rows(export.getvalue())
        assert exported[0] == sheet_rows(template.getvalue())[0] == xlsx.HEADERS
        assert len(exported) == 2
