"""Issue 13, item 1: organisations belong to one unit; another unit can neither pick nor edit them."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from spojka.partnership.models import Organisation, OrganisationCategory, Person

pytestmark = pytest.mark.django_db


def _jihlava_org(world) -> Organisation:
    return Organisation.objects.create(
        unit=world.unit, name="Oblastní charita Jihlava", ico="44990901", category=OrganisationCategory.NGO
    )


def test_an_outsider_cannot_attach_a_person_to_another_units_organisation(world, login):
    org = _jihlava_org(world)
    client = login(world.users["outsider"])
    url = reverse("partnership:person_create", kwargs={"unit": world.other_unit.slug})
    assert "Oblastní charita Jihlava" not in client.get(url).content.decode()
    response = client.post(url, {"first_name": "Eva", "last_name": "Zlá", "organisation": org.pk})
    assert response.status_code == 200
    assert 'id="id_organisation_error"' in response.content.decode()
    assert not Person.objects.filter(last_name="Zlá").exists()


def test_an_outsider_cannot_rename_another_units_organisation_even_after_linking_a_person(world, login):
    org = _jihlava_org(world)
    # The old attack: a person of the outsider's unit pointing at Jihlava's organisation.
    Person.objects.create(unit=world.other_unit, first_name="Eva", last_name="Zlá", organisation=org)
    client = login(world.users["outsider"])
    url = reverse("partnership:organisation_edit", kwargs={"unit": world.other_unit.slug, "pk": org.pk})
    response = client.post(url, {"name": "Přejmenováno", "ico": "00286010", "category": "other"})
    assert response.status_code == 404
    org.refresh_from_db()
    assert (org.name, org.ico, org.category) == ("Oblastní charita Jihlava", "44990901", "ngo")


def test_the_same_ico_may_be_entered_by_two_units_and_each_edit_stays_in_its_unit(world, login):
    org = _jihlava_org(world)
    client = login(world.users["outsider"])
    response = client.post(
        reverse("partnership:organisation_create", kwargs={"unit": world.other_unit.slug}),
        {"name": "Charita (Jinde)", "ico": "44990901", "category": "ngo"},
    )
    assert response.status_code == 302
    theirs = Organisation.objects.get(unit=world.other_unit)
    assert theirs.pk != org.pk and theirs.ico == org.ico
    org.refresh_from_db()
    assert org.name == "Oblastní charita Jihlava"
    # The change is in the history of the unit that made it, and only there.
    entry = LogEntry.objects.get_for_object(theirs).get()
    assert entry.additional_data == {"unit": world.other_unit.pk}
    assert not LogEntry.objects.get_for_object(org).filter(additional_data__unit=world.other_unit.pk)


def test_the_same_ico_twice_in_one_unit_is_refused_in_czech(world, login):
    _jihlava_org(world)
    client = login(world.users["editor"])
    response = client.post(
        reverse("partnership:organisation_create", kwargs={"unit": world.unit.slug}),
        {"name": "Charita znovu", "ico": "44990901", "category": "ngo"},
    )
    assert "Organizace s tímto IČO už je mezi organizacemi územního celku" in response.content.decode()
    assert Organisation.objects.count() == 1


def test_member_form_offers_only_the_units_own_organisations(world, login):
    _jihlava_org(world)
    Organisation.objects.create(unit=world.other_unit, name="Spolek Jinde")
    client = login(world.users["editor"])
    page = client.get(reverse("partnership:member_create", kwargs={"unit": world.unit.slug})).content.decode()
    assert "Oblastní charita Jihlava" in page
    assert "Spolek Jinde" not in page
