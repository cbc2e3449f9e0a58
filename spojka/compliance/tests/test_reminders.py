"""`manage.py send_reminders` against a real SMTP server on loopback."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from spojka.compliance.models import ReminderDigest
from spojka.compliance.tests.helpers import activity, frequency_rule, meeting, season_rule
from spojka.lib.mail import send_outbox
from spojka.testing.mail import free_port, smtp_server, smtp_transport

TODAY = date(2022, 10, 31)  # autumn 2022 falls due in 30 days


def _remind(day: date) -> None:
    """The cron job, then the outbox worker."""
    call_command("send_reminders", "--date", day.isoformat(), stdout=open("/dev/null", "w"))  # noqa: SIM115
    send_outbox()


@pytest.fixture
def smtp():
    with smtp_server() as inbox:
        yield inbox


@pytest.fixture
def due_world(world):
    from spojka.meetings.models import Task

    for persona in ("editor", "consultant", "partner", "outsider"):
        user = world.users[persona]
        user.email = f"{user.username}@example.org"
        user.save()
    act = activity(world.description, "Vyhodnocení SPSZ")
    season_rule(act, "autumn", 2022, doc_type="analysis")
    lp = activity(world.description, "Jednání LP", order=2)
    frequency_rule(lp, per_year=4, text="Minimálně 4x ročně (vč. pracovních skupin)")
    meeting(world.unit, date(2022, 10, 20), state="held", title="Jednání LP v říjnu")
    Task.objects.create(unit=world.unit, title="Rozeslat zápis z jednání", due_on=date(2022, 10, 25))
    return world


def body_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_each_responsible_person_gets_one_digest_and_a_second_run_sends_nothing(due_world, smtp):
    _remind(TODAY)

    recipients = sorted(m["To"] for m in smtp.messages)
    assert recipients == ["editor@example.org", "konzultant@example.org"]  # not the partner nor the outsider
    body = body_of(smtp.messages[0])
    assert "Statutární město Jihlava" in body
    assert "za 30 dní (30.\xa011.\xa02022): autumn 2022 (Vyhodnocení SPSZ)" in body
    assert "Minimálně 4x ročně (vč. pracovních skupin) (Jednání LP)" in body  # 1 held of 4, nothing planned
    assert "Rozeslat zápis z jednání (termín 25.\xa010.\xa02022)" in body
    assert "Jednání LP v říjnu" in body  # held but not closed
    assert ReminderDigest.objects.filter(sent_on=TODAY).count() == 2

    _remind(TODAY)

    assert len(smtp.messages) == 2
    assert ReminderDigest.objects.count() == 2


def test_a_consultant_of_two_units_gets_one_digest_covering_both(due_world, smtp):
    from spojka.accounts.models import Membership, Role
    from spojka.meetings.models import Task

    Membership.objects.create(
        user=due_world.users["consultant"], unit=due_world.other_unit, role=Role.CONSULTANT
    )
    Task.objects.create(unit=due_world.other_unit, title="Úkol v obci Jinde", due_on=date(2022, 10, 1))

    _remind(TODAY)

    to_consultant = [m for m in smtp.messages if m["To"] == "konzultant@example.org"]
    assert len(to_consultant) == 1
    body = body_of(to_consultant[0])
    assert "== Obec Jinde ==" in body and "== Statutární město Jihlava ==" in body
    assert "Úkol v obci Jinde" in body
    outsider = [body_of(m) for m in smtp.messages if m["To"] == "jinde@example.org"]
    assert len(outsider) == 1 and "Jihlava" not in outsider[0]  # the other unit's editor hears only of it


def test_the_deadline_is_announced_again_7_days_before_and_not_in_between(due_world, smtp):
    _remind(TODAY + timedelta(days=10))
    between = [body_of(m) for m in smtp.messages]
    _remind(TODAY + timedelta(days=23))
    week_before = [body_of(m) for m in smtp.messages[len(between) :]]

    assert between and not any("Blížící se termíny" in b for b in between)
    assert week_before and all("za 7 dní (30.\xa011.\xa02022): autumn 2022" in b for b in week_before)


def test_nobody_is_mailed_when_nothing_needs_attention(world, smtp):
    world.users["editor"].email = "editor@example.org"
    world.users["editor"].save()
    _remind(TODAY)
    assert smtp.messages == []
    assert not ReminderDigest.objects.exists()


def test_a_failed_delivery_stays_queued_and_arrives_exactly_once_when_the_server_is_back(due_world):
    port = free_port()
    with smtp_transport(port):  # nobody listening
        _remind(TODAY)
        _remind(TODAY)
    # Recorded once and queued: the outbox retries, the digest is not queued a second time.
    assert ReminderDigest.objects.count() == 2
    with smtp_server(port) as inbox:
        send_outbox(now=timezone.now() + timedelta(hours=1))  # after the backoff
        send_outbox(now=timezone.now() + timedelta(hours=2))
        assert sorted(m["To"] for m in inbox.messages) == ["editor@example.org", "konzultant@example.org"]


def _bodies(day: date) -> dict[str, str]:
    from django.core import mail

    from spojka.testing.mail import deliver

    mail.outbox.clear()
    call_command("send_reminders", "--date", day.isoformat(), stdout=open("/dev/null", "w"))  # noqa: SIM115
    return {m.to[0]: m.body for m in deliver()}


def test_the_end_of_validity_is_announced_and_every_item_links_to_itself(world, settings):
    from spojka.meetings.models import Task

    settings.SITE_URL = "https://spojka.example.cz"
    world.users["editor"].email = "editor@example.org"
    world.users["editor"].save()
    world.description.status = "valid"
    world.description.save()  # valid until 1. 11. 2023
    Task.objects.create(unit=world.unit, title="Připravit obnovu", due_on=date(2023, 7, 1))
    body = _bodies(date(2023, 8, 3))["editor@example.org"]  # 90 days before the end
    assert "Platnost popisu spolupráce končí za 90 dní (1.\xa011.\xa02023)." in body
    assert "https://spojka.example.cz/u/jihlava/prehled/" in body
    assert "https://spojka.example.cz/u/jihlava/ukoly/" in body  # the overdue task links to the task list


def test_an_ended_cooperation_gets_only_the_renewal_prompt_and_then_nothing(world):
    from spojka.meetings.models import Task

    world.users["editor"].email = "editor@example.org"
    world.users["editor"].save()
    world.description.status = "valid"
    world.description.save()  # ended on 1. 11. 2023
    Task.objects.create(unit=world.unit, title="Stará věc", due_on=date(2023, 7, 1))
    body = _bodies(date(2023, 11, 2))["editor@example.org"]
    assert "Spolupráce skončila dne 1.\xa011.\xa02023" in body and "Stará věc" not in body
    assert _bodies(date(2023, 11, 3)) == {}  # years later too: nothing for an ended cooperation
    assert _bodies(date(2026, 11, 3)) == {}
