"""The plan as XLSX, both ways: lossless round trip, Czech errors per row, all or nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from spojka.plans.models import InclusionPlan, Measure
from spojka.plans.progress import build_tree
from spojka.plans.selectors import plan_with_tree
from spojka.plans.tests.factories import make_plan
from spojka.plans.xlsx import export_plan

pytestmark = pytest.mark.django_db


def _cells(content: bytes) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(content))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}


def _upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("plan.xlsx", content, content_type="application/octet-stream")


def test_export_then_import_of_the_demo_plan_is_lossless(db, client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from spojka.accounts.models import User

    client.force_login(User.objects.get(username="jihlava"))
    psz = InclusionPlan.objects.get(kind="psz", year_from=2022)
    unit = psz.unit
    original = plan_with_tree(unit, psz.pk)
    exported = client.get(reverse("plans:plan_export", kwargs={"unit": unit.slug, "pk": psz.pk}))
    assert exported.status_code == 200
    assert exported["Content-Disposition"].endswith('.xlsx"')
    exported_content = exported.getvalue()

    response = client.post(
        reverse("plans:plan_import", kwargs={"unit": unit.slug}), {"file": _upload(exported_content)}
    )
    assert response.status_code == 302
    imported = unit.inclusion_plans.exclude(pk__in=[psz.pk]).exclude(kind="spsz").get()
    copy = plan_with_tree(unit, imported.pk)

    assert _cells(export_plan(copy)) == _cells(exported_content)
    assert build_tree(copy).progress == build_tree(original).progress
    for field in (
        "title",
        "kind",
        "status",
        "year_from",
        "year_to",
        "target_group",
        "main_goal",
        "is_example",
    ):
        assert getattr(copy, field) == getattr(original, field)
    measures = {m.code: m for m in Measure.objects.filter(goal__area__plan=copy)}
    for m in Measure.objects.filter(goal__area__plan=original):
        twin = measures[m.code]
        for field in (
            "name",
            "budget",
            "due_season",
            "due_year",
            "funding_source",
            "intervention_type",
            "status",
        ):
            assert getattr(twin, field) == getattr(m, field), (m.code, field)
    # Matched by name: with the renewal the unit has "Bydlení" in two descriptions, either is the same area.
    assert copy.areas.first().thematic_area.name == original.areas.first().thematic_area.name
    # the monitoring travels too: the approved year stays approved (and locked) at the same moment
    rounds = {r.year: r for r in copy.monitoring_rounds.all()}
    assert sorted(rounds) == [2023, 2024]
    assert rounds[2023].approved_at == original.monitoring_rounds.get(year=2023).approved_at
    assert rounds[2023].is_locked and not rounds[2024].is_locked
    assert rounds[2024].reports.count() == original.monitoring_rounds.get(year=2024).reports.count() > 0


def _broken_workbook(world) -> bytes:
    plan = plan_with_tree(world.unit, make_plan(world.unit, areas=1, goals=1, measures=2).pk)
    workbook = load_workbook(io.BytesIO(export_plan(plan)))
    measures = workbook["Opatření"]
    measures["A2"] = "9.9"  # a goal that does not exist
    measures.cell(row=3, column=measures.max_column).value = "hotovo"  # an unknown status
    values = workbook["Hodnoty"]
    values["C2"] = "hodně"  # not a number
    workbook["Monitorování"].append([2030, "", None, "ne"])
    workbook["Stavy opatření"].append([2031, "1.1.1", "splněno", ""])  # no monitoring of 2031
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_import_with_errors_lists_each_row_in_czech_and_saves_nothing(world, login):
    content = _broken_workbook(world)
    before = (InclusionPlan.objects.count(), Measure.objects.count())
    client = login(world.users["editor"])
    response = client.post(
        reverse("plans:plan_import", kwargs={"unit": world.unit.slug}), {"file": _upload(content)}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "List „Opatření“, řádek 2: cíl „9.9“ v plánu není" in html
    assert "List „Opatření“, řádek 3: neznámá hodnota „hotovo“ ve sloupci „stav plnění“" in html
    assert "List „Hodnoty“, řádek 2: „naměřená hodnota“ musí být číslo, ne „hodně“" in html
    assert "List „Stavy opatření“, řádek 2: monitorování za rok 2031 v souboru není" in html
    assert "nic nebylo uloženo" in html
    assert (InclusionPlan.objects.count(), Measure.objects.count()) == before


def test_import_refuses_a_file_that_is_not_xlsx(world, login):
    client = login(world.users["editor"])
    upload = SimpleUploadedFile("plan.xlsx", b"%PDF-1.4 not a workbook", content_type="application/pdf")
    response = client.post(reverse("plans:plan_import", kwargs={"unit": world.unit.slug}), {"file": upload})
    assert "Nepodporovaný typ souboru. Povolené typy: XLSX." in response.content.decode()
    assert not InclusionPlan.objects.exists()


def test_import_reports_a_too_long_name_with_the_czech_field_name(world, login):
    plan = plan_with_tree(world.unit, make_plan(world.unit).pk)
    workbook = load_workbook(io.BytesIO(export_plan(plan)))
    workbook["Oblasti"]["B2"] = "x" * 301
    workbook["Plán"]["B3"] = ""  # the plan's title is required
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = login(world.users["editor"])
    response = client.post(
        reverse("plans:plan_import", kwargs={"unit": world.unit.slug}), {"file": _upload(buffer.getvalue())}
    )
    html = response.content.decode()
    assert "List „Plán“, řádek 3: chybí povinný údaj „název“" in html
    assert "List „Oblasti“, řádek 2: název: " in html and "300" in html
    assert InclusionPlan.objects.count() == 1
