"""Accounts tied to the rest of the app: a partner's LP person, a consultant's key role."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from spojka.access import services
from spojka.accounts.models import Role
from spojka.conftest import make_user
from spojka.cooperation.models import KeyRole, RoleAssignment
from spojka.partnership.models import Organisation, PartnershipMember, Person


def _lp_person(world) -> Person:
    organisation = Organisation.objects.create(name="Charita Jihlava", unit=world.unit)
    person = Person.objects.create(
        unit=world.unit, first_name="Pavla", last_name="Partnerská", organisation=organisation
    )
    PartnershipMember.objects.create(
        unit=world.unit, organisation=organisation, representative=person, valid_from=date(2022, 1, 1)
    )
    return person


def test_an_editor_links_an_lp_person_to_the_partner_who_then_sees_their_lp(world, client):
    person = _lp_person(world)
    partner = world.users["partner"]
    client.force_login(world.users["editor"])
    url = reverse("partnership:person_edit", kwargs={"unit": world.unit.slug, "pk": person.pk})
    data = {"first_name": "Pavla", "last_name": "Partnerská", "organisation": person.organisation_id}
    # Only accounts with access to this unit can be linked.
    refused = client.post(url, {**data, "user": world.users["outsider"].pk})
    assert refused.status_code == 200 and "user" in refused.context["form"].errors
    assert client.post(url, {**data, "user": partner.pk}).status_code == 302
    person.refresh_from_db()
    assert person.user == partner
    client.force_login(partner)
    page = client.get(reverse("partnership:overview", kwargs={"unit": world.unit.slug})).content.decode()
    assert "Vy v lokálním partnerství" in page and "Charita Jihlava" in page
    client.force_login(world.users["editor"])
    access_page = client.get(reverse("access:unit_access", kwargs={"unit": world.unit.slug})).content.decode()
    assert "v LP: Pavla Partnerská" in access_page


def test_others_do_not_see_someone_elses_lp_seat_as_theirs(world, client):
    person = _lp_person(world)
    person.user = world.users["partner"]
    person.save()
    client.force_login(world.users["editor"])
    page = client.get(reverse("partnership:overview", kwargs={"unit": world.unit.slug})).content.decode()
    assert "Vy v lokálním partnerství" not in page


def test_assigning_a_consultant_writes_the_key_role_and_ending_it_ends_the_role(world, client):
    consultant = make_user("petra")
    consultant.first_name, consultant.last_name, consultant.email = "Petra", "Ukázková", "petra@example.org"
    consultant.save()
    start = timezone.localdate() - timedelta(days=10)
    membership = services.grant(
        user=consultant,
        unit=world.unit,
        role=Role.CONSULTANT,
        invited_by=world.users["agency_admin"],
        valid_from=start,
    )
    row = RoleAssignment.objects.get(unit=world.unit, user=consultant)
    assert (row.role, row.holder_name, row.email, row.valid_from, row.valid_to) == (
        KeyRole.AGENCY_CONSULTANT,
        "Petra Ukázková",
        "petra@example.org",
        start,
        None,
    )
    client.force_login(world.users["editor"])
    unit_page = client.get(
        reverse("cooperation:unit_detail", kwargs={"unit": world.unit.slug})
    ).content.decode()
    assert "Petra Ukázková" in unit_page
    services.end(membership=membership, on=timezone.localdate())
    row.refresh_from_db()
    assert row.valid_to == timezone.localdate() - timedelta(days=1)
    unit_page = client.get(
        reverse("cooperation:unit_detail", kwargs={"unit": world.unit.slug})
    ).content.decode()
    assert "Petra Ukázková" not in unit_page
    # Editing the linked role by hand is not offered: it follows the access.
    client.force_login(world.users["agency_admin"])
    response = client.get(reverse("cooperation:role_edit", kwargs={"unit": world.unit.slug, "pk": row.pk}))
    assert response.url == reverse(
        "access:membership_edit", kwargs={"unit": world.unit.slug, "pk": membership.pk}
    )


def test_a_role_starting_in_the_future_is_upcoming_not_history(world, client):
    RoleAssignment.objects.create(
        unit=world.unit,
        role=KeyRole.REPRESENTATIVE,
        holder_name="Budoucí Zástupce",
        valid_from=timezone.localdate() + timedelta(days=30),
    )
    client.force_login(world.users["editor"])
    page = client.get(reverse("cooperation:role_list", kwargs={"unit": world.unit.slug})).content.decode()
    upcoming, history = page.split("Nastávající obsazení")[1].split("Historie obsazení")
    assert "Budoucí Zástupce" in upcoming and "Budoucí Zástupce" not in history
