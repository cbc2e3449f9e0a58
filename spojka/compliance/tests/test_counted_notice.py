"""Issue 12, item 2: a document's page says which rules it now counts toward as evidence
("Započteno jako doklad pro …"), and one click stops it counting."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from spojka.compliance.models import EvidenceLink
from spojka.compliance.tests.helpers import activity, document, season_rule
from spojka.documents.models import Document
from spojka.documents.tests.helpers import pdf_upload

pytestmark = pytest.mark.django_db


def _upload(client, unit, doc_type: str, issued_on: str, title: str):
    return client.post(
        reverse("documents:create", kwargs={"unit": unit.slug}),
        {"doc_type": doc_type, "title": title, "issued_on": issued_on, "file": pdf_upload()},
        follow=True,
    )


def test_an_uploaded_plan_says_which_rule_it_now_evidences_and_can_be_excluded(world, login):
    rule = season_rule(activity(world.description, "Tvorba PSZ"), "autumn", 2022, doc_type="psz")
    client = login(world.users["editor"])

    page = _upload(client, world.unit, "psz", "2022-10-15", "PSZ 2022–2027").content.decode()

    assert "Započteno jako doklad pro:" in page
    assert f'<a href="{rule.get_absolute_url()}">Tvorba PSZ – autumn 2022</a>' in page
    document = Document.objects.get(title="PSZ 2022–2027")
    # One click: "nezapočítávat" posts the exclusion to the rule.
    response = client.post(
        reverse("compliance:evidence_add", kwargs={"unit": world.unit.slug, "pk": rule.pk}),
        {"item": f"document:{document.pk}", "included": "0"},
    )
    assert response.status_code == 302
    assert EvidenceLink.objects.get(rule=rule).included is False
    again = client.get(document.get_absolute_url()).content.decode()
    assert "Započteno jako doklad pro:" not in again
    assert "Nezapočítává se jako doklad k žádnému pravidlu" in again


def test_an_unrelated_upload_says_it_counts_toward_no_rule(world, login):
    season_rule(activity(world.description, "Vyhodnocení SPSZ"), "autumn", 2022, doc_type="psz")

    page = _upload(
        login(world.users["editor"]),
        world.unit,
        "analysis",
        "2026-10-01",
        "Analýza situace v ubytovnách 2026",
    ).content.decode()

    assert "Započteno jako doklad pro:" not in page
    assert "Nezapočítává se jako doklad k žádnému pravidlu" in page


def test_a_partner_sees_the_notice_without_the_exclude_button(world, login):
    season_rule(activity(world.description, "Tvorba PSZ"), "autumn", 2022, doc_type="psz")
    doc = document(world.unit, "psz", date(2022, 10, 15), "PSZ")
    doc.visible_to_partners = True
    doc.save()

    page = login(world.users["partner"]).get(doc.get_absolute_url()).content.decode()

    assert "Započteno jako doklad pro:" in page
    assert "nezapočítávat" not in page


def test_a_held_meeting_says_which_rule_it_counts_toward(world, login):
    from spojka.compliance.tests.helpers import frequency_rule, meeting

    rule = frequency_rule(activity(world.description, "Jednání LP"), per_year=4)
    held = meeting(world.unit, date(2022, 3, 10))

    page = login(world.users["editor"]).get(held.get_absolute_url()).content.decode()

    assert "Započteno jako doklad pro:" in page
    assert f'<a href="{rule.get_absolute_url()}">Jednání LP – Minimálně 4x ročně</a>' in page
    assert f'name="item" value="meeting:{held.pk}"' in page
