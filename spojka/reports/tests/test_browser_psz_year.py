"""The PSZ report for a chosen year from the plan page in real Chromium: axe-core, and 390 px wide."""

from __future__ import annotations

import pytest

from spojka.documents.models import Document, DocumentType
from spojka.plans.tests.factories import make_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_editor_downloads_and_saves_the_psz_report_for_2023(browser_page, world):
    plan = make_plan(world.unit)
    page = browser_page
    page.login("editor")
    page.goto(plan.get_absolute_url())

    page.page.set_viewport_size({"width": 390, "height": 844})
    assert page.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.page.set_viewport_size({"width": 1280, "height": 900})

    page.page.get_by_label("Zpráva o plnění PSZ za rok").select_option("2023")
    with page.page.expect_download() as download:
        page.page.get_by_role("button", name="Zpráva o plnění PSZ (DOCX)").click()
    assert download.value.suggested_filename.endswith(".docx")
    assert "rok=2023" in download.value.url

    page.page.get_by_label("Uložit do knihovny zprávu za rok").select_option("2023")
    page.page.get_by_role("button", name="Uložit zprávu do knihovny").click()
    page.check()
    assert Document.objects.get(doc_type=DocumentType.PSZ_REPORT, object_id=plan.pk).versions.count() == 1
