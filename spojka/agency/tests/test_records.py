"""Memoranda, support periods and statements, edited by agency admins."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from spojka.agency.models import AgencyStatement, SupportPeriod
from spojka.cooperation.models import Memorandum
from spojka.plans.models import InclusionPlan


def test_a_memorandum_records_its_details_and_replaces_only_an_earlier_one(world, login):
    client = login(world.users["agency_admin"])
    url = reverse("agency:memorandum_create", kwargs={"unit": world.unit.slug})
    data = {
        "signed_on": "2020-05-01",
        "signatories": "Ing. Jan Novák, primátor\nMgr. Eva Dvořáková, ředitelka ASZ",
        "resolution_number": "123/2020-ZM",
        "resolution_date": "2020-04-20",
        "annexes": "Příloha 1: mapa lokalit",
        "replaces": world.memorandum.pk,  # 2. 11. 2021 is later: refused
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Nahradit lze jen memorandum s dřívějším datem." in response.content.decode()
    data["signed_on"] = "2024-05-01"
    assert client.post(url, data).status_code == 302
    new = Memorandum.objects.get(signed_on=date(2024, 5, 1))
    assert (new.replaces, new.resolution_number, new.signatory_list[1]) == (
        world.memorandum,
        "123/2020-ZM",
        "Mgr. Eva Dvořáková, ředitelka ASZ",
    )
    text = client.get(reverse("agency:unit_record", kwargs={"unit": world.unit.slug})).content.decode()
    assert (
        "nahrazuje memorandum ze dne 2. 11. 2021" in text.replace("\xa0", " ")
        and "usnesení č. 123/2020-ZM" in text
    )


def test_support_periods_refuse_overlaps_with_the_error_next_to_the_field(world, login):
    client = login(world.users["agency_admin"])
    url = reverse("agency:support_create", kwargs={"unit": world.unit.slug})
    ok = {"support_type": "intensive", "starts_on": "2021-11-02", "ends_on": "2023-11-01", "wave": "2. vlna"}
    assert client.post(url, ok).status_code == 302
    clash = {"support_type": "remote", "starts_on": "2023-06-01", "ends_on": ""}
    response = client.post(url, clash)
    assert response.status_code == 200
    assert response.context["form"].errors["starts_on"][0].startswith("Období se překrývá")
    assert client.post(url, {**clash, "starts_on": "2023-11-02"}).status_code == 302
    assert SupportPeriod.objects.filter(unit=world.unit).count() == 2


def test_a_statement_is_given_on_a_plan_of_the_unit(world, login):
    plan = InclusionPlan.objects.create(unit=world.unit, title="PSZ", year_from=2022, year_to=2025)
    other = InclusionPlan.objects.create(unit=world.other_unit, title="Cizí", year_from=2022, year_to=2025)
    client = login(world.users["agency_admin"])
    url = reverse("agency:statement_create", kwargs={"unit": world.unit.slug})
    assert client.post(url, {"plan": other.pk, "issued_on": "2022-06-01"}).status_code == 200
    assert client.post(url, {"plan": plan.pk, "issued_on": "2022-06-01"}).status_code == 302
    assert AgencyStatement.objects.get().plan == plan
