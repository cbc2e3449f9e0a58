"""Reports as of their period (issue 12): a later entry never changes an earlier year's report.

The drift that started it: entering a 2025 indicator value changed the 2023 annual report's PSZ
fulfilment from 42 % to 43 %, and a 2026 analysis turned a 2022 deadline "splněno po termínu".
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from spojka.compliance.tests.helpers import (
    activity,
    document,
    frequency_rule,
    meeting,
    output_rule,
    season_rule,
)
from spojka.plans.models import Indicator, IndicatorValue
from spojka.plans.tests.factories import make_plan
from spojka.reports import generators

TODAY = date(2026, 11, 20)


def _text(description, year: int) -> str:
    return json.dumps(
        generators.report_context(description, year, today=TODAY), ensure_ascii=False, default=str
    )


def test_the_2023_report_is_identical_after_2025_data_and_a_2026_document(world):
    world.description.status = "valid"
    world.description.save()
    act = activity(world.description, "Vyhodnocení spolupráce")
    output_rule(act)  # 1x ročně zpráva o plnění popisu spolupráce
    frequency_rule(act, per_year=4, text="Minimálně 4x ročně")
    season_rule(act, "autumn", 2022, doc_type="psz")
    document(world.unit, "coop_report", date(2023, 3, 1), "Zpráva o plnění 2022")
    meeting(world.unit, date(2023, 5, 10), title="Jednání LP v květnu 2023")
    make_plan(world.unit, actions=0)
    first = _text(world.description, 2023)
    assert "návrh, plnění 13" in first  # the measure: mean of its status (0) and its indicator (25 %)

    for indicator in Indicator.objects.all():
        IndicatorValue.objects.create(unit=world.unit, indicator=indicator, year=2025, value=Decimal("45"))
    document(world.unit, "psz", date(2026, 1, 15), "PSZ – pozdní vyhotovení")
    document(world.unit, "coop_report", date(2026, 2, 1), "Zpráva o plnění 2025")
    document(world.unit, "analysis", date(2026, 3, 1), "Analýza situace v ubytovnách 2026")
    meeting(world.unit, date(2025, 6, 1), title="Jednání LP 2025")
    meeting(world.unit, date(2024, 2, 1), state="planned", title="Jednání zadané později")

    assert _text(world.description, 2023) == first


def test_the_2023_psz_fulfilment_counts_values_up_to_2023_only(world):
    make_plan(world.unit, actions=0)
    before = _text(world.description, 2023)
    for indicator in Indicator.objects.all():
        IndicatorValue.objects.create(unit=world.unit, indicator=indicator, year=2025, value=Decimal("50"))

    assert _text(world.description, 2023) == before
    assert "návrh, plnění 50" in _text(world.description, 2025)  # the 2025 report does see it


def test_a_document_entered_for_the_next_year_does_not_rewrite_the_2022_deadline(world):
    world.description.status = "valid"
    world.description.save()
    season_rule(activity(world.description, "Tvorba PSZ"), "autumn", 2022, doc_type="psz")
    before = _text(world.description, 2022)
    assert "Podzim 2022: nesplněno" in before or "autumn 2022: nesplněno" in before

    document(world.unit, "psz", date(2023, 3, 1), "PSZ 2022–2027")  # inside the validity, after 2022

    assert _text(world.description, 2022) == before
    assert "splněno po termínu" in _text(world.description, 2023)


def test_the_outputs_page_offers_every_year_in_force_up_to_this_year(world, login):
    from django.urls import reverse
    from django.utils import timezone

    from spojka.cooperation.models import CooperationDescription

    this_year = timezone.localdate().year
    world.description.status = "ended"
    world.description.save()
    CooperationDescription.objects.create(
        unit=world.unit,
        version=2,
        status="valid",
        valid_from=date(2023, 11, 2),
        valid_to=date(this_year + 2, 11, 1),
    )

    response = login(world.users["editor"]).get(reverse("reports:outputs", kwargs={"unit": world.unit.slug}))

    assert response.context["years"] == list(range(this_year, 2020, -1))


def test_a_report_saved_to_the_library_shows_its_generation_date_and_fingerprint(world, login):
    import hashlib

    from django.urls import reverse

    from spojka.documents.models import DocumentVersion, TemplateKind

    client = login(world.users["editor"])
    response = client.post(
        reverse("reports:save_generated", kwargs={"unit": world.unit.slug}),
        {"kind": TemplateKind.ANNUAL_REPORT, "fmt": "docx", "year": "2022"},
        follow=True,
    )

    version = DocumentVersion.objects.get()
    with version.file.open("rb") as handle:
        assert version.sha256 == hashlib.sha256(handle.read()).hexdigest()
    text = response.content.decode()
    assert f'SHA-256: <code class="app-hash">{version.sha256}</code>' in text
