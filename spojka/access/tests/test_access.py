"""Invitations, memberships with dates, leavers and the role × action table."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from spojka.access.permissions import ACTIONS
from spojka.accounts import services
from spojka.accounts.models import Invitation, Membership, Role, User, hash_token
from spojka.conftest import make_user
from spojka.meetings.models import CalendarFeed
from spojka.testing.mail import deliver

LINK = re.compile(r"https?://\S+/pozvanka/(\S+)/")


def _invite(world, *, email="nova@example.org", role=Role.PARTNER, by="editor"):
    mail.outbox.clear()
    invitation = services.invitation_create(
        unit=world.unit, email=email, role=role, invited_by=world.users[by]
    )
    (message,) = deliver()
    return invitation, LINK.search(message.body).group(1)


def _accept_url(token: str) -> str:
    return reverse("access:invitation_accept", kwargs={"token": token})


NEW_ACCOUNT = {
    "first_name": "Nová",
    "last_name": "Partnerka",
    "username": "nova",
    "password1": "Slozite-heslo-2026",
    "password2": "Slozite-heslo-2026",
}


# --- Tokens ------------------------------------------------------------------------------------


def test_the_invitation_mail_carries_a_token_that_is_stored_only_as_its_hash(world):
    invitation, token = _invite(world)
    invitation.refresh_from_db()
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    assert not Invitation.objects.filter(token_hash=token).exists()
    assert "Statutární město Jihlava" in mail.outbox[0].subject


def test_a_new_invitee_sets_a_password_and_gains_the_membership(world, client):
    _invitation, token = _invite(world)
    response = client.post(_accept_url(token), NEW_ACCOUNT)
    assert response.status_code == 302
    user = User.objects.get(username="nova")
    assert user.email == "nova@example.org" and user.check_password("Slozite-heslo-2026")
    membership = Membership.objects.get(user=user, unit=world.unit)
    assert membership.role == Role.PARTNER and membership.invited_by == world.users["editor"]
    assert client.get(reverse("cooperation:unit_detail", kwargs={"unit": world.unit.slug})).status_code == 200


def test_the_link_works_once(world, client):
    _invitation, token = _invite(world)
    client.post(_accept_url(token), NEW_ACCOUNT)
    client.logout()
    response = client.post(_accept_url(token), {**NEW_ACCOUNT, "username": "druha"})
    assert response.status_code == 410
    assert "už byla přijata" in response.content.decode()
    assert not User.objects.filter(username="druha").exists()


def test_an_expired_link_is_refused(world, client):
    invitation, token = _invite(world)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(_accept_url(token), NEW_ACCOUNT)
    assert response.status_code == 410
    assert "vypršela" in response.content.decode()
    assert not User.objects.filter(username="nova").exists()


def test_the_link_expires_after_seven_days(world):
    invitation, _token = _invite(world)
    validity = invitation.expires_at - invitation.created_at
    assert timedelta(days=7) - timedelta(minutes=1) < validity <= timedelta(days=7)


def test_a_revoked_link_is_refused(world, client):
    invitation, token = _invite(world)
    client.force_login(world.users["editor"])
    client.post(reverse("access:invitation_revoke", kwargs={"unit": world.unit.slug, "pk": invitation.pk}))
    client.logout()
    response = client.post(_accept_url(token), NEW_ACCOUNT)
    assert response.status_code == 410
    assert "zrušena" in response.content.decode()


def test_a_tampered_link_answers_404(world, client):
    _invitation, token = _invite(world)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(_accept_url(tampered)).status_code == 404
    assert client.post(_accept_url(tampered), NEW_ACCOUNT).status_code == 404
    assert not User.objects.filter(username="nova").exists()


def test_resending_replaces_the_link(world, client):
    invitation, old = _invite(world)
    client.force_login(world.users["editor"])
    mail.outbox.clear()
    client.post(reverse("access:invitation_resend", kwargs={"unit": world.unit.slug, "pk": invitation.pk}))
    new = LINK.search(deliver()[0].body).group(1)
    assert new != old
    client.logout()
    assert client.get(_accept_url(old)).status_code == 404
    assert client.get(_accept_url(new)).status_code == 200


def test_weak_passwords_are_refused_in_czech(world, client):
    _invitation, token = _invite(world)
    response = client.post(_accept_url(token), {**NEW_ACCOUNT, "password1": "123", "password2": "123"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Heslo je příliš krátké" in text
    assert not User.objects.filter(username="nova").exists()


def test_an_existing_user_signs_in_and_simply_gains_the_membership(world, client):
    someone = make_user("kolega")
    someone.email = "kolega@example.org"
    someone.save()
    _invitation, token = _invite(world, email="Kolega@example.org", role=Role.EDITOR)
    # Anonymous: asked to sign in, no second account.
    assert "Přihlaste se" in client.get(_accept_url(token)).content.decode()
    client.force_login(someone)
    assert client.post(_accept_url(token)).status_code == 302
    assert Membership.objects.get(user=someone, unit=world.unit).role == Role.EDITOR
    assert someone.check_password("heslo-pro-testy")


# --- Leavers -----------------------------------------------------------------------------------


def test_ending_a_membership_today_gives_404_at_once(world, client):
    partner = world.users["partner"]
    client.force_login(partner)
    unit_url = reverse("cooperation:unit_detail", kwargs={"unit": world.unit.slug})
    assert client.get(unit_url).status_code == 200
    client.force_login(world.users["editor"])
    membership = partner.memberships.get(unit=world.unit)
    url = reverse("access:membership_end", kwargs={"unit": world.unit.slug, "pk": membership.pk})
    assert client.post(url, {"ends_on": timezone.localdate().isoformat()}).status_code == 302
    client.force_login(partner)
    assert client.get(unit_url).status_code == 404
    page = reverse("access:unit_access", kwargs={"unit": world.unit.slug})
    client.force_login(world.users["editor"])
    assert "Dřívější přístupy" in client.get(page).content.decode()


def test_a_membership_ending_later_still_gives_access_until_then(world, client):
    membership = world.users["partner"].memberships.get(unit=world.unit)
    services.membership_end(membership=membership, on=timezone.localdate() + timedelta(days=1))
    client.force_login(world.users["partner"])
    assert client.get(reverse("cooperation:unit_detail", kwargs={"unit": world.unit.slug})).status_code == 200


def test_an_upcoming_consultant_assignment_opens_the_unit_only_from_its_start(world, client):
    consultant = make_user("novy-konzultant")
    client.force_login(world.users["agency_admin"])
    start = timezone.localdate() + timedelta(days=3)
    response = client.post(
        reverse("access:user_assign", kwargs={"pk": consultant.pk}),
        {
            "unit": world.unit.pk,
            "role": Role.CONSULTANT,
            "valid_from": start.isoformat(),
            "ends_on": "2030-12-31",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=consultant)
    assert membership.state() == Membership.State.UPCOMING
    assert membership.state(start) == Membership.State.ACTIVE
    client.force_login(consultant)
    assert client.get(reverse("cooperation:unit_detail", kwargs={"unit": world.unit.slug})).status_code == 404


def test_deactivating_a_user_ends_sessions_memberships_and_lists_feeds_to_regenerate(world, client):
    from django.test import Client

    partner = world.users["partner"]
    feed = CalendarFeed.objects.create(unit=world.unit)
    partner_client = Client()
    partner_client.force_login(partner)
    client.force_login(world.users["agency_admin"])
    url = reverse("access:user_deactivate", kwargs={"pk": partner.pk})
    confirm = client.get(url).content.decode()
    assert "Kalendář jednání (iCal) – Statutární město Jihlava" in confirm
    assert reverse("meetings:feed_regenerate", kwargs={"unit": feed.unit.slug}) in confirm
    assert client.post(url).status_code == 302
    partner.refresh_from_db()
    assert not partner.is_active
    assert partner.memberships.get().state() == Membership.State.ENDED
    response = partner_client.get(reverse("cooperation:unit_detail", kwargs={"unit": world.unit.slug}))
    assert response.status_code == 302  # to the login page: the session is gone
    assert SESSION_KEY not in partner_client.session


def test_access_changes_are_in_the_unit_history(world, client):
    _invite(world)
    membership = world.users["partner"].memberships.get(unit=world.unit)
    services.membership_end(membership=membership, on=timezone.localdate())
    entries = LogEntry.objects.filter(additional_data__unit=world.unit.pk)
    models = {e.content_type.model for e in entries}
    assert {"invitation", "membership"} <= models
    client.force_login(world.users["editor"])
    page = client.get(reverse("core:unit_history", kwargs={"unit": world.unit.slug})).content.decode()
    assert "pozvánka" in page and "členství v územním celku" in page
    assert not any("token_hash" in (e.changes_dict or {}) for e in entries)


# --- Who may grant what ------------------------------------------------------------------------


def _may(client, world, persona: str, action: str) -> bool:
    """Try ``action`` as ``persona`` through the pages; True when the app lets it happen."""
    user = world.users[persona]
    client.force_login(user)
    unit = world.unit.slug
    partner_m = world.users["partner"].memberships.get(unit=world.unit)
    consultant_m = world.users["consultant"].memberships.get(unit=world.unit)
    target = make_user(f"cil-{persona}-{len(action)}")
    requests = {
        "see the unit's Přístupy page": ("get", reverse("access:unit_access", kwargs={"unit": unit}), {}),
        "invite a partner": (
            "post",
            reverse("access:invite", kwargs={"unit": unit}),
            {"email": f"p-{persona}@x.cz", "role": Role.PARTNER},
        ),
        "invite an editor": (
            "post",
            reverse("access:invite", kwargs={"unit": unit}),
            {"email": f"e-{persona}@x.cz", "role": Role.EDITOR},
        ),
        "assign a consultant": (
            "post",
            reverse("access:invite", kwargs={"unit": unit}),
            {"email": f"c-{persona}@x.cz", "role": Role.CONSULTANT},
        ),
        "change a partner's or editor's role, end their access": (
            "post",
            reverse("access:membership_end", kwargs={"unit": unit, "pk": partner_m.pk}),
            {"ends_on": "2099-01-01"},
        ),
        "change or end a consultant's access": (
            "post",
            reverse("access:membership_end", kwargs={"unit": unit, "pk": consultant_m.pk}),
            {"ends_on": "2099-01-01"},
        ),
        "resend or revoke an invitation": (
            "post",
            reverse("access:invitation_revoke", kwargs={"unit": unit, "pk": world.invitation.pk}),
            {},
        ),
        "create an agency account (invite an agency admin)": (
            "post",
            reverse("access:agency_invite"),
            {"email": f"a-{persona}@x.cz", "role": Role.AGENCY_ADMIN},
        ),
        "list and filter all users and memberships": (
            "get",
            reverse("access:user_list"),
            {"role": Role.PARTNER},
        ),
        "deactivate or reactivate a user": (
            "post",
            reverse("access:user_deactivate", kwargs={"pk": target.pk}),
            {},
        ),
    }
    method, url, data = requests[action]
    response = getattr(client, method)(url, data)
    assert response.status_code in (200, 302, 403), (action, persona, response.status_code)
    if response.status_code == 403:
        return False
    if action == "assign a consultant":  # the role is not among the choices offered: refused
        return Invitation.objects.filter(email=f"c-{persona}@x.cz").exists()
    return True


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_the_role_action_table_is_what_the_pages_enforce(world, client, action):
    world.invitation = services.invitation_create(
        unit=world.unit, email="tabulka@example.org", role=Role.PARTNER, invited_by=world.users["editor"]
    )
    personas = {
        "agency_admin": Role.AGENCY_ADMIN,
        "consultant": Role.CONSULTANT,
        "editor": Role.EDITOR,
        "partner": Role.PARTNER,
    }
    allowed = {role for persona, role in personas.items() if _may(client, world, persona, action)}
    assert allowed == set(ACTIONS[action])
    # Someone else's unit stays invisible, whatever the action.
    client.force_login(world.users["outsider"])
    assert client.get(reverse("access:unit_access", kwargs={"unit": world.unit.slug})).status_code == 404


# --- Query counts: the same for a few and for many people ----------------------------------------


def _crowd(world, n: int) -> None:
    for i in range(n):
        user = make_user(f"clen-{n}-{i}", unit=world.unit, role=Role.PARTNER)
        if i % 3 == 0:
            services.membership_end(membership=user.memberships.get(), on=timezone.localdate())
        services.invitation_create(
            unit=world.unit,
            email=f"pozvany-{n}-{i}@example.org",
            role=Role.EDITOR,
            invited_by=world.users["editor"],
        )


@pytest.mark.parametrize("n", [3, 30])
def test_the_access_page_costs_the_same_for_few_and_many(world, client, django_assert_num_queries, n):
    _crowd(world, n)
    client.force_login(world.users["editor"])
    url = reverse("access:unit_access", kwargs={"unit": world.unit.slug})
    # session, user, unit with role and the switcher's units, memberships, linked LP people, invitations
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.status_code == 200
    assert f"pozvany-{n}-{n - 1}@example.org" in response.content.decode()


@pytest.mark.parametrize("n", [3, 30])
def test_the_user_list_costs_the_same_for_few_and_many(world, client, django_assert_num_queries, n):
    _crowd(world, n)
    client.force_login(world.users["agency_admin"])
    url = reverse("access:user_list") + f"?unit={world.unit.pk}&role=partner"
    # session, user, count, page, users with memberships (2), filter form's units, switcher units
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert f"clen-{n}-1" in text and f"clen-{n}-0" not in text  # ended memberships are filtered out


def test_the_demo_has_a_former_member_and_a_pending_invitation_and_loads_twice_alike(db):
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (Membership.objects.count(), Invitation.objects.count(), LogEntry.objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts == (Membership.objects.count(), Invitation.objects.count(), LogEntry.objects.count())
    former = Membership.objects.get(user__username="byvaly")
    assert former.state() == Membership.State.ENDED
    assert Invitation.objects.pending().filter(unit__slug=former.unit.slug).count() == 1
