from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from spojka.partnership import forms as partnership_forms
from spojka.partnership.models import (
    LocalPartnership,
    MemberRole,
    Organisation,
    OrganisationCategory,
    PartnershipMember,
    Person,
    Statute,
    WorkingGroup,
)
from spojka.partnership.services import current_statute, needed_for, quorum_for
from spojka.partnership.tests.matrix import TINY_PDF

pytestmark = pytest.mark.django_db


def _url(name: str, world, **kwargs) -> str:
    return reverse(f"partnership:{name}", kwargs={"unit": world.unit.slug, **kwargs})


@pytest.fixture
def lp(world):
    return LocalPartnership.objects.create(unit=world.unit, established_by="radní pro sociální věci")


def _org(world, name: str, category=OrganisationCategory.NGO, *, unit=None) -> Organisation:
    return Organisation.objects.create(unit=unit or world.unit, name=name, category=category)


def _person(world, last_name: str, organisation=None) -> Person:
    return Person.objects.create(
        unit=world.unit, first_name="Jana", last_name=last_name, organisation=organisation
    )


def _seat(world, organisation, person, *, start, end=None, group=None, role=MemberRole.MEMBER):
    return PartnershipMember.objects.create(
        unit=world.unit,
        organisation=organisation,
        representative=person,
        working_group=group,
        role=role,
        valid_from=start,
        valid_to=end,
    )


# --- Validation -------------------------------------------------------------------------------


def test_invalid_ico_is_refused_in_czech_next_to_the_field_and_nothing_is_saved(world, login):
    client = login(world.users["editor"])
    response = client.post(
        _url("organisation_create", world),
        {"name": "Charita", "ico": "00286011", "category": OrganisationCategory.NGO},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_ico_error"' in page
    assert "IČO musí mít 8 číslic a platnou kontrolní číslici" in page
    assert not Organisation.objects.exists()


def test_valid_ico_saves_the_organisation_into_the_units_records_reachable_only_from_the_unit(world, login):
    client = login(world.users["editor"])
    response = client.post(
        _url("organisation_create", world),
        {
            "name": "Statutární město Jihlava",
            "ico": "00286010",
            "category": OrganisationCategory.CITY_DEPARTMENT,
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.unit == world.unit
    assert client.get(_url("organisation_edit", world, pk=organisation.pk)).status_code == 200
    # Another unit cannot reach it, not even through its own URL.
    outsider = login(world.users["outsider"])
    other = reverse(
        "partnership:organisation_edit", kwargs={"unit": world.other_unit.slug, "pk": organisation.pk}
    )
    assert outsider.get(other).status_code == 404


def test_an_ico_already_in_the_units_records_is_refused_so_the_organisation_is_not_duplicated(world, login):
    Organisation.objects.create(unit=world.unit, name="Město Jihlava", ico="00286010")
    client = login(world.users["editor"])
    response = client.post(
        _url("organisation_create", world), {"name": "Jihlava", "ico": "00286010", "category": "other"}
    )
    assert (
        "Organizace s tímto IČO už je mezi organizacemi územního celku (Město Jihlava)"
        in response.content.decode()
    )
    assert Organisation.objects.count() == 1


def test_invalid_email_is_refused_in_czech_and_the_person_is_not_saved(world, login):
    client = login(world.users["editor"])
    response = client.post(
        _url("person_create", world), {"first_name": "Jana", "last_name": "Nová", "email": "jana.nova@"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_email_error"' in page
    assert "Zadejte platnou e-mailovou adresu" in page
    assert not Person.objects.exists()


def test_the_person_form_records_the_grammatical_gender_documents_inflect_by(world, login):
    client = login(world.users["editor"])
    form_page = client.get(_url("person_create", world)).content.decode()
    assert "Mluvnický rod" in form_page
    response = client.post(
        _url("person_create", world),
        {"first_name": "Jana", "last_name": "Nová", "grammatical_gender": "feminine"},
    )
    assert response.status_code == 302
    assert Person.objects.get(last_name="Nová").grammatical_gender == "feminine"
    client.post(_url("person_create", world), {"first_name": "Alex", "last_name": "Bílý"})
    assert Person.objects.get(last_name="Bílý").grammatical_gender == ""


def test_person_full_name_carries_titles(world):
    person = Person(
        unit=world.unit, title_before="Mgr.", first_name="Lumír", last_name="Bartů", title_after="Ph.D."
    )
    assert person.full_name == "Mgr. Lumír Bartů, Ph.D."


def test_overlapping_duplicate_membership_is_refused_in_czech_and_nothing_is_saved(world, login, lp):
    organisation = _org(world, "Občanská poradna Jihlava")
    person = _person(world, "Kolářová", organisation)
    _seat(world, organisation, person, start=date(2021, 6, 1))
    client = login(world.users["editor"])
    before = LogEntry.objects.count()
    response = client.post(
        _url("member_create", world),
        {
            "organisation": organisation.pk,
            "representative": person.pk,
            "role": MemberRole.MEMBER,
            "working_group": "",
            "valid_from": "2022-01-01",
            "valid_to": "",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_valid_from_error"' in page
    assert (
        "Organizace Občanská poradna Jihlava už je v orgánu „plénum LP“ členem v období 1.\xa06.\xa02021"
        in page
    )
    assert "období členství se nesmí překrývat" in page
    assert PartnershipMember.objects.count() == 1
    assert LogEntry.objects.count() == before


def test_a_new_seat_after_the_old_one_ended_is_allowed_and_the_history_is_kept(world, login, lp):
    organisation = _org(world, "F POINT")
    person = _person(world, "Navrátil", organisation)
    old = _seat(world, organisation, person, start=date(2021, 6, 1), end=date(2021, 12, 31))
    group = WorkingGroup.objects.create(unit=world.unit, partnership=lp, name="komunitní plánování")
    client = login(world.users["editor"])
    data = {"organisation": organisation.pk, "representative": person.pk, "role": MemberRole.GUEST}
    # The same organisation in a working group at the same time is a different body: allowed.
    response = client.post(
        _url("member_create", world), {**data, "working_group": group.pk, "valid_from": "2021-07-01"}
    )
    assert response.status_code == 302
    response = client.post(
        _url("member_create", world), {**data, "working_group": "", "valid_from": "2022-01-01"}
    )
    assert response.status_code == 302
    assert PartnershipMember.objects.filter(working_group=None).count() == 2
    old.refresh_from_db()
    assert old.valid_to == date(2021, 12, 31)


def test_ending_a_membership_keeps_it_in_history_and_an_end_before_the_start_is_refused(world, login, lp):
    organisation = _org(world, "Bílý kruh bezpečí")
    person = _person(world, "Čermáková", organisation)
    seat = _seat(world, organisation, person, start=date(2021, 6, 1))
    client = login(world.users["editor"])
    response = client.post(_url("member_end", world, pk=seat.pk), {"valid_to": "2021-01-01"})
    assert "Členství nemůže skončit dříve, než začne." in response.content.decode()
    seat.refresh_from_db()
    assert seat.valid_to is None
    response = client.post(_url("member_end", world, pk=seat.pk), {"valid_to": "2022-06-30"})
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.valid_to == date(2022, 6, 30)
    history = client.get(_url("member_history", world)).content.decode()
    assert "Bílý kruh bezpečí" in history and "30. 6. 2022" in history


def test_people_of_another_unit_cannot_be_chosen_as_representative(world, login, lp):
    organisation = _org(world, "Charita")
    stranger = Person.objects.create(unit=world.other_unit, first_name="Cizí", last_name="Osoba")
    client = login(world.users["editor"])
    response = client.post(
        _url("member_create", world),
        {
            "organisation": organisation.pk,
            "representative": stranger.pk,
            "role": "member",
            "valid_from": "2022-01-01",
        },
    )
    assert 'id="id_representative_error"' in response.content.decode()
    assert not PartnershipMember.objects.exists()


def test_working_group_needs_the_partnership_first_then_is_created(world, login):
    client = login(world.users["editor"])
    response = client.get(_url("group_create", world))
    assert response.status_code == 302
    assert response["Location"] == _url("partnership_edit", world)
    client.post(_url("partnership_edit", world), {"established_by": "radní", "mission": "Poslání"})
    response = client.post(
        _url("group_create", world), {"name": "projekty a implementace", "kind": "cross_cutting"}
    )
    assert response.status_code == 302
    group = world.unit.working_groups.get()
    assert group.partnership == LocalPartnership.objects.get(unit=world.unit)
    response = client.post(
        _url("group_create", world), {"name": "Projekty a implementace", "kind": "thematic"}
    )
    assert "Pracovní skupina s tímto názvem už existuje." in response.content.decode()
    assert world.unit.working_groups.count() == 1


# --- Statute and quorum -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("members", "share", "needed"),
    [
        (0, "0.5", 0),
        (1, "0.5", 1),
        (9, "0.5", 5),
        (10, "0.5", 6),
        (20, "0.5", 11),
        (10, "0.66", 7),
        (9, "0.33", 3),
    ],
)
def test_needed_is_more_than_the_share_of_members(members, share, needed):
    assert needed_for(members, Decimal(share)) == needed


def _statute(world, version: int, effective_from: date, share: str) -> Statute:
    return Statute.objects.create(
        unit=world.unit,
        version=version,
        effective_from=effective_from,
        file="x.pdf",
        quorum_share=Decimal(share),
    )


def test_quorum_for_counts_plenary_seats_valid_that_day_and_uses_the_statute_then_in_force(world, lp):
    group = WorkingGroup.objects.create(unit=world.unit, partnership=lp, name="PS")
    person = _person(world, "Zástupce")
    # Seven plenary seats on 1. 3. 2022: five open, one ending that very day, one starting that day.
    for i in range(5):
        _seat(world, _org(world, f"Org {i}"), person, start=date(2021, 1, 1))
    _seat(world, _org(world, "Končí"), person, start=date(2021, 1, 1), end=date(2022, 3, 1))
    _seat(world, _org(world, "Začíná"), person, start=date(2022, 3, 1))
    # Not counted: an ended seat, a future seat, a working-group seat, a seat in another unit.
    _seat(world, _org(world, "Skončila"), person, start=date(2021, 1, 1), end=date(2022, 2, 28))
    _seat(world, _org(world, "Budoucí"), person, start=date(2022, 3, 2))
    _seat(world, _org(world, "Ve skupině"), person, start=date(2021, 1, 1), group=group)
    other_person = Person.objects.create(unit=world.other_unit, first_name="A", last_name="B")
    PartnershipMember.objects.create(
        unit=world.other_unit,
        organisation=_org(world, "Jinde", unit=world.other_unit),
        representative=other_person,
        valid_from=date(2021, 1, 1),
    )
    day = date(2022, 3, 1)
    # No statute: more than half of 7 → 4.
    assert quorum_for(unit=world.unit, on=day) == (7, 4)
    _statute(world, 1, date(2021, 1, 1), "0.5")
    _statute(world, 2, date(2022, 1, 1), "0.66")  # in force on 1. 3. 2022: more than 4.62 → 5
    _statute(world, 3, date(2022, 6, 1), "0.33")  # not yet in force
    assert current_statute(unit=world.unit, on=day).version == 2
    assert quorum_for(unit=world.unit, on=day) == (7, 5)
    # On 1. 7. 2022 version 3 is in force; 7 seats (one ended, the future one came): more than 2.31 → 3.
    assert quorum_for(unit=world.unit, on=date(2022, 7, 1)) == (7, 3)
    # Before anyone sat in the plenary there is nothing to count.
    assert quorum_for(unit=world.unit, on=date(2020, 6, 1)) == (0, 0)


def _upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_statute_upload_checks_content_and_size_and_the_file_is_downloadable(world, login, monkeypatch):
    client = login(world.users["editor"])
    url = _url("statute_upload", world)
    data = {"version": "1", "title": "Statut", "effective_from": "2022-01-01", "quorum_share": "0.5"}
    # A text file renamed to .pdf is refused by its content.
    response = client.post(url, {**data, "file": _upload("statut.pdf", b"jen text, zadne PDF")})
    assert "Nepodporovaný typ souboru. Povolené typy: DOCX, PDF." in response.content.decode()
    monkeypatch.setattr(partnership_forms, "STATUTE_MAX_BYTES", 10)
    response = client.post(url, {**data, "file": _upload("statut.pdf", TINY_PDF)})
    assert "Soubor je příliš velký" in response.content.decode()
    assert not Statute.objects.exists()
    monkeypatch.undo()
    response = client.post(url, {**data, "file": _upload("Statut LP (2022).pdf", TINY_PDF)})
    assert response.status_code == 302
    statute = world.unit.statutes.get()
    assert statute.content_type == "application/pdf"
    assert statute.file_name == "Statut_LP_2022.pdf"
    download = client.get(_url("statute_download", world, pk=statute.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == TINY_PDF
    assert 'filename="Statut_LP_2022.pdf"' in download["Content-Disposition"]
    # The same version number twice is refused.
    response = client.post(url, {**data, "file": _upload("b.pdf", TINY_PDF)})
    assert "Verze s tímto číslem už existuje." in response.content.decode()


def test_partner_reads_the_overview_but_cannot_upload(world, login, lp):
    client = login(world.users["partner"])
    assert client.get(_url("overview", world)).status_code == 200
    assert client.post(_url("statute_upload", world), {}).status_code == 403


# --- Query counts -----------------------------------------------------------------------------


def _populate(world, lp, rows: int) -> None:
    groups = [WorkingGroup.objects.create(unit=world.unit, partnership=lp, name=f"PS {i}") for i in range(3)]
    categories = list(OrganisationCategory.values)
    for i in range(rows):
        organisation = _org(world, f"Organizace {i:03}", categories[i % len(categories)])
        person = _person(world, f"Osoba {i:03}", organisation)
        deputy = _person(world, f"Náhradník {i:03}", organisation)
        seat = _seat(
            world, organisation, person, start=date(2021, 1, 1), group=groups[i % 3] if i % 2 else None
        )
        seat.deputy = deputy
        seat.save()
        if i % 5 == 0:
            _seat(world, organisation, person, start=date(2019, 1, 1), end=date(2020, 12, 31))
    for version in range(1, rows + 1):
        _statute(world, version, date(2020, 1, 1) + timedelta(days=version), "0.5")


PAGES = ["overview", "member_history", "person_list", "organisation_list", "statute_list"]
# Session, user, membership with the unit switcher's units + the page's own fixed set of queries.
QUERIES = {"overview": 8, "member_history": 4, "person_list": 4, "organisation_list": 4, "statute_list": 6}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("rows", [10, 200])
def test_list_pages_run_the_same_number_of_queries_for_10_and_200_members(
    world, login, lp, django_assert_num_queries, page, rows
):
    _populate(world, lp, rows)
    client = login(world.users["editor"])
    with django_assert_num_queries(QUERIES[page]):
        response = client.get(_url(page, world))
    assert response.status_code == 200
    content = response.content.decode()
    if page == "statute_list":
        assert content.count("/soubor/") == rows
    else:
        assert "Organizace 009" in content


def test_overview_groups_current_members_by_category(world, login, lp):
    _seat(
        world,
        _org(world, "Úřad práce Jihlava", OrganisationCategory.PUBLIC_INSTITUTION),
        _person(world, "A"),
        start=date(2021, 1, 1),
    )
    _seat(
        world, _org(world, "F POINT", OrganisationCategory.NGO), _person(world, "B"), start=date(2021, 1, 1)
    )
    _seat(
        world,
        _org(world, "Dřívější", OrganisationCategory.NGO),
        _person(world, "C"),
        start=date(2019, 1, 1),
        end=date(2020, 1, 1),
    )
    page = login(world.users["partner"]).get(_url("overview", world)).content.decode()
    assert (
        page.index("Veřejná instituce")
        < page.index("Úřad práce Jihlava")
        < page.index("Nezisková organizace")
    )
    assert page.index("Nezisková organizace") < page.index("F POINT")
    assert "Dřívější" not in page
    assert "V plénu LP jsou 2 členové." in page


# --- Demo -------------------------------------------------------------------------------------


def test_demo_loads_jihlava_partnership_from_the_seed_and_a_second_run_changes_nothing(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    lp = LocalPartnership.objects.get(unit__slug="jihlava")
    assert lp.established_by == "radní pro oblast školství, kultury, tělovýchovy a sociálních věcí"
    assert sorted(g.name for g in lp.groups.all()) == [
        "komunitní plánování",
        "projekty a implementace",
        "sociální začleňování",
    ]
    assert {g.kind for g in lp.groups.all()} == {"cross_cutting"}
    plenary = lp.unit.partnership_members.filter(working_group=None).select_related(
        "organisation", "representative"
    )
    by_name = {m.organisation.name: m for m in plenary}
    assert len(by_name) == 20
    assert by_name["Úřad práce Jihlava"].organisation.category == OrganisationCategory.PUBLIC_INSTITUTION
    assert (
        by_name["Diecézní charita Brno – Oblastní charita Jihlava"].organisation.category
        == OrganisationCategory.NGO
    )
    assert by_name["Magistrát města Jihlavy – sociální odbor"].organisation.category == "city_department"
    assert all("(smyšlená osoba)" in m.representative.function for m in plenary)
    statute = lp.unit.statutes.get()
    assert statute.quorum_share == Decimal("0.5")
    assert statute.file.read().startswith(b"%PDF")
    entries = LogEntry.objects.count()
    counts = (Organisation.objects.count(), Person.objects.count(), PartnershipMember.objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert LogEntry.objects.count() == entries
    assert (Organisation.objects.count(), Person.objects.count(), PartnershipMember.objects.count()) == counts


def test_objects_of_another_unit_are_404_even_through_the_outsiders_own_unit(world, login, lp):
    organisation = _org(world, "Charita")
    person = _person(world, "Jihlavská", organisation)
    seat = _seat(world, organisation, person, start=date(2021, 1, 1))
    group = WorkingGroup.objects.create(unit=world.unit, partnership=lp, name="PS")
    client = login(world.users["outsider"])
    own = world.other_unit.slug
    for name, pk in (
        ("person_edit", person.pk),
        ("member_edit", seat.pk),
        ("member_end", seat.pk),
        ("group_edit", group.pk),
        ("organisation_edit", organisation.pk),
    ):
        url = reverse(f"partnership:{name}", kwargs={"unit": own, "pk": pk})
        assert client.get(url).status_code == 404, name


def test_a_change_of_a_membership_is_in_its_history(world, login, lp):
    organisation = _org(world, "F POINT")
    person = _person(world, "Navrátil", organisation)
    client = login(world.users["editor"])
    client.post(
        _url("member_create", world),
        {
            "organisation": organisation.pk,
            "representative": person.pk,
            "role": "member",
            "valid_from": "2021-06-01",
        },
    )
    seat = PartnershipMember.objects.get()
    client.post(
        _url("member_edit", world, pk=seat.pk),
        {
            "organisation": organisation.pk,
            "representative": person.pk,
            "role": "chair",
            "valid_from": "2021-06-01",
        },
    )
    page = client.get(_url("member_edit", world, pk=seat.pk)).content.decode()
    assert "Historie změn" in page
    assert "<del>člen</del> → předseda" in page or (
        "člen" in page and "předseda" in page and "editor" in page
    )


def test_the_people_list_is_in_czech_alphabetical_order(world, login):
    for last in ("Žák", "Zeman", "Čermák", "Cibulka", "Chalupa", "Hruška"):
        Person.objects.create(unit=world.unit, first_name="Jan", last_name=last)
    page = login(world.users["editor"]).get(_url("person_list", world)).content.decode()
    positions = [
        page.index(f"Jan {last}") for last in ("Cibulka", "Čermák", "Hruška", "Chalupa", "Zeman", "Žák")
    ]
    assert positions == sorted(positions)
