from __future__ import annotations

from io import BytesIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document as DocxDocument
from pypdf import PdfReader

from spojka.cooperation.models import TerritorialUnit
from spojka.documents.models import Document, DocumentType
from spojka.plans import selectors
from spojka.plans.models import PlanKind
from spojka.reports.psz import generate_psz_report, psz_report_context

pytestmark = pytest.mark.django_db


def _clean(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture
def psz(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    unit = TerritorialUnit.objects.get(ico="00286010")
    plan = unit.inclusion_plans.get(kind=PlanKind.PSZ)
    return selectors.plan_with_tree(unit, plan.pk)


def test_report_lists_every_area_goal_and_measure_with_status_and_indicators(psz):
    context = psz_report_context(psz)
    measures = [m for area in psz.areas.all() for goal in area.goals.all() for m in goal.measures.all()]
    assert len(context["measure_rows"]) == len(measures) > 0
    assert {r["code"] for r in context["measure_rows"]} == {m.code for m in measures}
    assert len(context["indicators"]) == sum(
        len(n.indicators.all()) for n in [*measures, *(g for a in psz.areas.all() for g in a.goals.all())]
    )

    pdf = generate_psz_report(psz, "pdf")
    text = _clean(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages))
    assert "Zpráva o plnění plánu sociálního začleňování" in text
    for measure in measures:
        assert _clean(measure.code) in text
    assert "Domovník" in text  # an ESIF intervention of the seed, with its diacritics
    assert context["plan"]["progress"].replace("\u00a0", " ") in text

    docx = DocxDocument(BytesIO(generate_psz_report(psz, "docx").content))
    cells = _clean(" ".join(c.text for t in docx.tables for row in t.rows for c in row.cells))
    assert all(_clean(m.name) in cells for m in measures)
    assert "{%" not in cells and "{{" not in cells


def test_report_download_and_save_into_the_library(psz, client):
    from spojka.accounts.models import User

    client.force_login(User.objects.get(username="jihlava"))
    url = reverse("reports:plan_report", kwargs={"unit": "jihlava", "pk": psz.pk, "fmt": "docx"})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    bad = reverse("reports:plan_report", kwargs={"unit": "jihlava", "pk": psz.pk, "fmt": "exe"})
    assert client.get(bad).status_code == 404

    save = reverse("reports:plan_report_save", kwargs={"unit": "jihlava", "pk": psz.pk, "fmt": "pdf"})
    assert client.post(save).status_code == 302
    client.post(save)
    document = Document.objects.get(doc_type=DocumentType.PSZ_REPORT, object_id=psz.pk)
    assert document.versions.count() == 2


def test_a_report_as_of_a_year_does_not_change_when_a_later_value_is_entered(psz, client):
    """Issue 12, item 3: the PSZ report for 2023 uses indicator values of years up to 2023 only."""
    from spojka.accounts.models import User
    from spojka.plans.models import Indicator, IndicatorValue

    indicator = Indicator.objects.filter(unit=psz.unit).exclude(target_value=None).first()
    first = psz_report_context(psz, year=2023)
    IndicatorValue.objects.update_or_create(
        unit=psz.unit, indicator=indicator, year=2025, defaults={"value": indicator.target_value}
    )
    plan = selectors.plan_with_tree(psz.unit, psz.pk)

    assert psz_report_context(plan, year=2023) == {**first, "generated_on": first["generated_on"]}
    later = psz_report_context(plan, year=2025)
    assert later["indicators"] != first["indicators"]  # the 2025 report does see the value

    client.force_login(User.objects.get(username="jihlava"))
    url = reverse("reports:plan_report", kwargs={"unit": "jihlava", "pk": psz.pk, "fmt": "pdf"})
    text = _clean(
        " ".join(
            p.extract_text()
            for p in PdfReader(BytesIO(b"".join(client.get(url, {"rok": 2023}).streaming_content))).pages
        )
    )
    assert "stav za rok 2023" in text


def test_the_plan_page_offers_the_report_for_each_year_of_the_plan(psz, client):
    from spojka.accounts.models import User

    client.force_login(User.objects.get(username="jihlava"))
    page = client.get(reverse("plans:plan_detail", kwargs={"unit": "jihlava", "pk": psz.pk})).content.decode()

    assert '<label for="psz-rok">Zpráva o plnění PSZ za rok</label>' in page
    for year in range(psz.year_from, psz.year_to + 1):
        assert f'<option value="{year}"' in page
    save = reverse("reports:plan_report_save", kwargs={"unit": "jihlava", "pk": psz.pk, "fmt": "pdf"})
    assert client.post(save, {"rok": "2023"}).status_code == 302
    assert Document.objects.get(doc_type=DocumentType.PSZ_REPORT, object_id=psz.pk).versions.count() == 1
