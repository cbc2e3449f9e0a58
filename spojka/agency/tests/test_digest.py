"""The weekly agency digest."""

from __future__ import annotations

import io
from datetime import date, timedelta

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from spojka.agency.models import AgencyDigest
from spojka.agency.tests.helpers import full_unit
from spojka.compliance.tests.helpers import activity, frequency_rule
from spojka.plans.models import InclusionPlan
from spojka.testing.mail import deliver


def _send(day: date) -> str:
    out = io.StringIO()
    call_command("send_agency_digests", "--date", day.isoformat(), stdout=out)
    return out.getvalue()


@override_settings(SITE_URL="https://spojka.example.cz")
def test_consultant_and_admin_get_a_weekly_digest_with_linked_items(world):
    today = timezone.localdate()
    for persona in ("agency_admin", "consultant"):
        world.users[persona].email = f"{persona}@example.org"
        world.users[persona].save()
    ending = full_unit(1, today, consultant=world.users["consultant"], ending=True)
    InclusionPlan.objects.filter(unit=ending.unit).update(status="draft")
    frequency_rule(
        activity(ending, "Jednání pracovních skupin"), per_year=12, kinds=("working_group",), groups=False
    )
    assert "Odesláno přehledů: 2" in _send(today)
    messages = {m.to[0]: m.body for m in deliver()}
    consultant = messages["consultant@example.org"]
    assert "končí" in consultant and "(za 30 dní)" in consultant and "⚠" in consultant
    assert "čeká na schválení zastupitelstvem" in consultant
    assert f"https://spojka.example.cz/u/{ending.unit.slug}/prehled/" in consultant
    assert "Nově neplněná pravidla" in consultant and "https://spojka.example.cz/u/" in consultant
    # Jihlava ended in 2023: years ago, so not even the renewal prompt
    assert "Statutární město Jihlava" not in messages["agency_admin@example.org"]
    # Rerun the same week: nothing twice. Next week: the rule is no longer *newly* failing.
    assert "Odesláno přehledů: 0" in _send(today)
    _send(today + timedelta(days=7))
    later = [m.body for m in deliver()[2:] if m.to == ["consultant@example.org"]]
    assert later and "Nově neplněná pravidla" not in later[0]
    assert AgencyDigest.objects.filter(email="consultant@example.org").count() == 2


def test_an_ended_cooperation_gets_only_the_renewal_prompt(world):
    world.users["consultant"].email = "k@example.org"
    world.users["consultant"].save()
    world.description.status = "valid"
    world.description.save()
    _send(date(2024, 3, 1))  # Jihlava ended on 1. 11. 2023
    (message,) = deliver()
    assert "Spolupráce skončila dne 1.\xa011.\xa02023" in message.body
    assert "/u/jihlava/popisy/" in message.body or "/u/jihlava/" in message.body
    assert "Nově neplněná pravidla" not in message.body
