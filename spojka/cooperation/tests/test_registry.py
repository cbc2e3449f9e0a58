from __future__ import annotations

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse

from spojka.conftest import make_unit
from spojka.cooperation.models import CooperationDescription, Status, TerritorialUnit

pytestmark = pytest.mark.django_db


def _unit_form(**overrides):
    data = {
        "name": "Město Nové",
        "slug": "nove",
        "kind": "mesto",
        "ico": "00286010",
        "seat_address": "Náměstí 1",
        "region": "vysocina",
    }
    data.update(overrides)
    return data


def test_invalid_ico_is_refused_next_to_the_field_and_nothing_changes(world, login):
    client = login(world.users["editor"])
    url = reverse("cooperation:unit_edit", kwargs={"unit": world.unit.slug})
    response = client.post(url, _unit_form(slug=world.unit.slug, ico="00286011"))
    assert response.status_code == 200
    assert "IČO musí mít 8 číslic a platnou kontrolní číslici" in response.content.decode()
    assert 'id="id_ico_error"' in response.content.decode()
    world.unit.refresh_from_db()
    assert world.unit.ico == "00286010"
    assert world.unit.name == "Statutární město Jihlava"


def test_agency_admin_creates_a_unit_and_the_creation_is_in_its_history(world, login):
    client = login(world.users["agency_admin"])
    response = client.post(reverse("cooperation:unit_create"), _unit_form(ico="00298760"))
    assert response.status_code == 302
    unit = TerritorialUnit.objects.get(slug="nove")
    entry = LogEntry.objects.get_for_object(unit).get()
    assert entry.actor == world.users["agency_admin"]
    page = client.get(reverse("core:unit_history", kwargs={"unit": "nove"})).content.decode()
    assert "vytvořeno" in page and "agentura" in page


def _description_form(world, **overrides):
    data = {
        "memorandum": world.memorandum.pk,
        "valid_from": "2021-11-02",
        "valid_to": "",
        "duration_years": "2",
        "project_name": "Systémové zajištění sociálního začleňování",
        "training_total_hours": "40",
        "training_max_distance_hours": "20",
        "training_mode": "total",
        "esif_text": "Domovník – preventista\nDluhová poradna",
        "strategic_text": "Komunitní plán sociálních služeb | 2016",
    }
    data.update(overrides)
    return data


def test_description_validity_from_duration_and_lines(world, login):
    client = login(world.users["editor"])
    response = client.post(
        reverse("cooperation:description_create", kwargs={"unit": world.unit.slug}), _description_form(world)
    )
    assert response.status_code == 302
    created = world.unit.descriptions.order_by("-version").first()
    assert created.version == 2
    assert created.valid_to == date(2023, 11, 1)
    assert created.validity_years == 2
    assert [e.name for e in created.esif_interventions.all()] == ["Domovník – preventista", "Dluhová poradna"]
    assert str(created.strategic_links.get()) == "Komunitní plán sociálních služeb (2016)"


def test_validity_ending_before_it_starts_is_refused_and_nothing_saved(world, login):
    client = login(world.users["editor"])
    url = reverse(
        "cooperation:description_edit", kwargs={"unit": world.unit.slug, "pk": world.description.pk}
    )
    response = client.post(
        url, _description_form(world, valid_from="2023-01-01", valid_to="2022-01-01", duration_years="")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Platnost nemůže skončit dříve, než začne." in html
    assert 'id="id_valid_to_error"' in html
    world.description.refresh_from_db()
    assert world.description.valid_from == date(2021, 11, 2)
    assert not world.description.esif_interventions.exists()


def test_distance_hours_over_total_are_refused(world, login):
    client = login(world.users["editor"])
    url = reverse(
        "cooperation:description_edit", kwargs={"unit": world.unit.slug, "pk": world.description.pk}
    )
    response = client.post(url, _description_form(world, training_max_distance_hours="50"))
    assert "Distanční hodiny musí být mezi nulou a celkovým rozsahem." in response.content.decode()


def test_out_of_order_transition_is_refused_with_a_czech_message(world, login):
    client = login(world.users["editor"])
    url = reverse(
        "cooperation:description_transition", kwargs={"unit": world.unit.slug, "pk": world.description.pk}
    )
    response = client.post(url, {"target": "signed"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Stav lze měnit jen postupně: z „návrh“ na „projednáno v LP“, ne na „podepsáno“." in html
    assert 'id="id_target_error"' in html
    world.description.refresh_from_db()
    assert world.description.status == Status.DRAFT


def test_transition_needs_its_facts_then_moves_one_step(world, login):
    client = login(world.users["consultant"])
    url = reverse(
        "cooperation:description_transition", kwargs={"unit": world.unit.slug, "pk": world.description.pk}
    )
    response = client.post(url, {"target": "discussed"})
    assert response.status_code == 422
    assert "doplňte: datum a stanovisko projednání v LP" in response.content.decode()
    CooperationDescription.objects.filter(pk=world.description.pk).update(
        lp_discussed_on=date(2021, 9, 2), lp_outcome="consensus"
    )
    assert client.post(url, {"target": "discussed"}).status_code == 302
    world.description.refresh_from_db()
    assert world.description.status == Status.DISCUSSED


def test_revision_is_a_new_draft_linked_to_the_previous_version(world, login):
    CooperationDescription.objects.filter(pk=world.description.pk).update(status=Status.VALID)
    client = login(world.users["editor"])
    url = reverse(
        "cooperation:description_revise", kwargs={"unit": world.unit.slug, "pk": world.description.pk}
    )
    assert client.post(url).status_code == 302
    revision = CooperationDescription.objects.get(previous=world.description)
    assert (revision.version, revision.status) == (2, Status.DRAFT)
    assert [a.name for a in revision.thematic_areas.all()] == ["Bydlení"]
    # The original keeps its areas: the revision copied them.
    assert world.description.thematic_areas.count() == 1
    # A second revision of the same version is refused.
    client.post(url)
    assert CooperationDescription.objects.filter(previous=world.description).count() == 1


def test_partner_cannot_write_and_outsider_cannot_see(world, login):
    url = reverse(
        "cooperation:description_edit", kwargs={"unit": world.unit.slug, "pk": world.description.pk}
    )
    assert login(world.users["partner"]).post(url, _description_form(world)).status_code == 403
    # A description of another unit is not reachable through this unit's URL.
    foreign = CooperationDescription.objects.create(unit=world.other_unit)
    detail = reverse("cooperation:description_detail", kwargs={"unit": world.unit.slug, "pk": foreign.pk})
    assert login(world.users["editor"]).get(detail).status_code == 404


def test_duplicate_thematic_area_is_refused(world, login):
    client = login(world.users["editor"])
    url = reverse("cooperation:area_create", kwargs={"unit": world.unit.slug, "pk": world.description.pk})
    response = client.post(url, {"name": "bydlení", "focus": "", "order": 1})
    assert "Tato tematická oblast už v popisu spolupráce je." in response.content.decode()
    assert world.description.thematic_areas.count() == 1


def test_role_needs_holder_or_vacancy(world, login):
    client = login(world.users["editor"])
    url = reverse("cooperation:role_create", kwargs={"unit": world.unit.slug})
    response = client.post(url, {"role": "representative"})
    assert "Uveďte jméno nebo funkci" in response.content.decode()
    response = client.post(url, {"role": "representative", "holder_function": "radní pro sociální věci"})
    assert response.status_code == 302
    assert world.unit.role_assignments.filter(role="representative").exists()


def test_load_demo_twice_changes_nothing():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (
        TerritorialUnit.objects.count(),
        LogEntry.objects.count(),
        CooperationDescription.objects.count(),
    )
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts == (
        TerritorialUnit.objects.count(),
        LogEntry.objects.count(),
        CooperationDescription.objects.count(),
    )
    jihlava = TerritorialUnit.objects.get(ico="00286010")
    description = jihlava.descriptions.get(version=1)  # the seed's; version 2 is the example renewal
    assert description.validity_years == 2
    assert description.memorandum.signed_on == date(2021, 11, 2)
    assert description.thematic_areas.count() == 5


# --- Query counts: pinned, and the same for little and much data ---------------------------------


@pytest.mark.parametrize("extra", [10, 200])
def test_unit_list_query_count_does_not_grow(world, login, django_assert_num_queries, extra):
    # IČO validity is not enforced by bulk creation, which keeps this test about queries only.
    TerritorialUnit.objects.bulk_create(
        TerritorialUnit(
            name=f"Obec {i:03}", slug=f"obec-{i}", ico=f"9{i:07}", seat_address="x", region="vysocina"
        )
        for i in range(extra)
    )
    client = login(world.users["agency_admin"])
    # session + user, unit list, unit switcher
    with django_assert_num_queries(4):
        response = client.get(reverse("cooperation:unit_list"))
    assert response.status_code == 200
    assert response.content.decode().count("<tr>") == extra + 3  # header, Jihlava, Jinde


@pytest.mark.parametrize("rows", [1, 40])
def test_description_detail_query_count_does_not_grow(world, login, django_assert_num_queries, rows):
    for i in range(rows):
        world.description.thematic_areas.create(unit=world.unit, name=f"Oblast {i}")
        world.description.esif_interventions.create(unit=world.unit, name=f"Intervence {i}")
        world.description.strategic_links.create(unit=world.unit, title=f"Strategie {i}")
        world.unit.role_assignments.create(role="agency_consultant", holder_name=f"Konzultant {i}")
    client = login(world.users["editor"])
    url = reverse(
        "cooperation:description_detail", kwargs={"unit": world.unit.slug, "pk": world.description.pk}
    )
    # session, user, membership+unit with the switcher's units, description, roles, areas, esif,
    # links, history, names of the objects the history points at
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("rows", [1, 40])
def test_unit_pages_query_counts_do_not_grow(
    world, login, django_assert_num_queries, django_assert_max_num_queries, rows
):
    for i in range(rows):
        world.unit.role_assignments.create(role="agency_consultant", holder_name=f"Konzultant {i}")
        CooperationDescription.objects.create(unit=world.unit, version=10 + i, memorandum=world.memorandum)
    client = login(world.users["editor"])
    pages = {
        "cooperation:unit_detail": 7,  # the description in force today, then the newest one
        "cooperation:description_list": 5,
        "cooperation:role_list": 4,
    }
    for name, queries in pages.items():
        with django_assert_num_queries(queries):
            assert client.get(reverse(name, kwargs={"unit": world.unit.slug})).status_code == 200
    # The history adds the pager's count, the names its changes point at (one query from the log,
    # one for users, who have no log of their own) and the actors offered by its filter.
    with django_assert_max_num_queries(9):
        assert client.get(reverse("core:unit_history", kwargs={"unit": world.unit.slug})).status_code == 200


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_other_unit_helper_creates_isolated_tenant(db):
    unit = make_unit("Obec A", "obec-a", "00555550")
    assert unit.get_absolute_url() == "/u/obec-a/"
