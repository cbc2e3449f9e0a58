"""The project report: time-true, PDF and XLSX, kept as submitted."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from spojka.agency.models import AgencyStatement, ProjectReport
from spojka.agency.report import report_rows
from spojka.agency.tests.helpers import full_unit, full_units
from spojka.compliance.tests.helpers import meeting
from spojka.cooperation.models import TerritorialUnit
from spojka.meetings.models import Task, TaskState
from spojka.plans.models import InclusionPlan
from spojka.training.tests.helpers import attend, make_event, make_person

# Submitting a year's report: the facts of every unit as of its end, the files and the library entry.
REPORT_QUERIES = 19


def test_data_entered_after_the_period_do_not_change_the_report(world):
    last_year = timezone.localdate().year - 1
    description = full_unit(1, date(last_year, 6, 30))  # dated facts around mid last year
    unit = description.unit
    units = TerritorialUnit.objects.all()
    before = report_rows(units, last_year)
    # This year's data: a meeting, training hours, an approval and a statement dated this year.
    this_year = date(last_year + 1, 1, 15)
    meeting(unit, this_year)
    attend(make_event(unit, "Letošní", starts_on=this_year), make_person(unit, "Petr", "Letošní"))
    plan = InclusionPlan.objects.get(unit=unit)
    AgencyStatement.objects.create(unit=unit, plan=plan, issued_on=this_year)
    after = report_rows(units, last_year)
    assert before[0] == after[0] == date(last_year, 12, 31)
    assert before[2] == after[2]
    f = next(r for r in after[1] if r.unit == unit)
    assert (f.lp_held, f.statement_on, f.training_in_person) == (1, None, Decimal("4"))


def test_tasks_are_counted_as_they_stood_at_the_end_of_the_period(world):
    """Open and overdue at the year's end; a task entered or done later does not move the report."""
    last_year = timezone.localdate().year - 1
    unit = full_unit(1, date(last_year, 6, 30)).unit
    units = TerritorialUnit.objects.filter(pk=unit.pk)
    in_last_year = timezone.make_aware(datetime(last_year, 3, 1, 9))
    kept_open = Task.objects.create(unit=unit, title="Otevřený", due_on=date(last_year, 4, 1))
    done_this_year = Task.objects.create(unit=unit, title="Hotovo letos", due_on=date(last_year + 1, 3, 1))
    done_last_year = Task.objects.create(unit=unit, title="Hotovo loni", due_on=date(last_year, 5, 1))
    Task.objects.filter(pk__in=[kept_open.pk, done_this_year.pk, done_last_year.pk]).update(
        created_at=in_last_year
    )
    Task.objects.filter(pk=done_last_year.pk).update(state=TaskState.DONE, done_on=date(last_year, 5, 2))
    Task.objects.create(unit=unit, title="Zadáno letos", due_on=date(last_year, 1, 1))  # created now
    before = next(r for r in report_rows(units, last_year)[1] if r.unit == unit)
    Task.objects.filter(pk=done_this_year.pk).update(state=TaskState.DONE, done_on=timezone.localdate())
    after = next(r for r in report_rows(units, last_year)[1] if r.unit == unit)
    assert (before.open_tasks, before.overdue_tasks) == (after.open_tasks, after.overdue_tasks) == (2, 1)


def test_the_report_is_generated_as_pdf_and_xlsx_and_kept(world, login):
    full_unit(1, timezone.localdate() - timedelta(days=400))
    client = login(world.users["agency_admin"])
    year = timezone.localdate().year - 1
    response = client.post(reverse("agency:project_report"), {"rok": str(year)})
    assert response.status_code == 302
    report = ProjectReport.objects.get()
    assert (report.year, report.as_of, report.units, report.submitted_by) == (
        year,
        date(year, 12, 31),
        3,
        world.users["agency_admin"],
    )
    pdf = client.get(reverse("agency:project_report_file", kwargs={"pk": report.pk, "fmt": "pdf"}))
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages
    )
    assert f"Zpráva projektu za rok {year}" in text and "Obec 001" in text
    assert f"Jednání LP v roce {year}" in text  # a year, not a number with a thousands space
    workbook = client.get(reverse("agency:project_report_file", kwargs={"pk": report.pk, "fmt": "xlsx"}))
    book = load_workbook(io.BytesIO(b"".join(workbook.streaming_content)))
    assert [s.title for s in book.worksheets] == ["Územní celky", "Souhrn"]
    header = [c.value for c in book["Územní celky"][1]]
    assert f"Jednání LP v roce {year}" in header  # the report's year, not "letos"
    summary = {row[0]: row[1] for row in book["Souhrn"].iter_rows(min_row=2, values_only=True)}
    assert summary["Rok"] == year and summary["Územních celků"] == 3
    page = client.get(reverse("agency:project_report")).content.decode()
    assert f"Zpráva projektu za rok {year}" in page


def test_a_year_outside_the_list_is_refused(world, login):
    client = login(world.users["agency_admin"])
    response = client.post(reverse("agency:project_report"), {"rok": "1990"}, follow=True)
    assert "Vyberte rok ze seznamu." in response.content.decode()
    assert not ProjectReport.objects.exists()


@pytest.mark.parametrize("count", [10, 200])
def test_the_report_takes_the_same_queries_for_10_and_200_units(
    world, login, django_assert_num_queries, count
):
    full_units(count, timezone.localdate() - timedelta(days=400), ending=lambda i: i % 4 == 0)
    client = login(world.users["agency_admin"])
    year = timezone.localdate().year - 1
    # Filing the report into the library looks its content type up once per process: counted always.
    ContentType.objects.clear_cache()
    with django_assert_num_queries(REPORT_QUERIES):
        response = client.post(reverse("agency:project_report"), {"rok": str(year)})
    assert response.status_code == 302
    assert ProjectReport.objects.get().units == count + 2
