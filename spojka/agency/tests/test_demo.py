"""On a fresh demo, `agentura` sees at once what the issue asks for."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from spojka.accounts.models import User


def test_the_demo_agency_home_shows_ended_ending_plans_and_lp(db):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # idempotent
    client = Client()
    client.force_login(User.objects.get(username="agentura"))
    response = client.get(reverse("agency:home"))
    rows = {f.unit.slug: f for f in response.context["rows"]}
    assert rows["jihlava"].state in ("valid", "ending", "ended")
    assert rows["horni-priklad"].state == "ending" and rows["horni-priklad"].lp_required == 4
    assert not rows["horni-priklad"].plan_approved
    assert response.context["totals"].ending == 1
    client.force_login(User.objects.get(username="konzultant"))
    assert len(client.get(reverse("agency:my_units")).context["data"].units) == 2
