from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from spojka.compliance.tests.helpers import activity, frequency_rule

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def rule_status_text(page, rule_text: str) -> str:
    """A rule's line on the dashboard: a heading, or the summary of a collapsed (met) rule."""
    return page.page.locator("h4, summary", has_text=rule_text).first.inner_text()


def test_a_planned_meeting_keeps_the_rule_on_track_held_meets_it_and_cancelled_puts_it_at_risk(
    browser_page, world
):
    from spojka.meetings.models import Meeting

    today = timezone.localdate()
    world.description.valid_from = date(today.year, 1, 1)
    world.description.valid_to = date(today.year + 1, 12, 31)
    world.description.status = "valid"
    world.description.save()
    act = activity(world.description, "Jednání lokálního partnerství")
    rule = frequency_rule(act, per_year=1, groups=False, text="1x ročně projednání v LP")
    starts = timezone.make_aware(datetime.combine(today, time(23, 0)))
    lp = Meeting.objects.create(
        unit=world.unit,
        title="Jednání LP o zprávě",
        kind="lp_plenary",
        state="planned",
        starts_at=starts,
        ends_at=starts + timedelta(minutes=30),
    )
    page = browser_page
    page.login("editor")
    dashboard = f"/u/{world.unit.slug}/prehled/"

    page.goto(dashboard)
    assert "plní se" in rule_status_text(page, "1x ročně projednání v LP")
    assert "Jednání LP o zprávě" in page.page.locator("main").inner_text()

    lp.state = "held"
    lp.save()
    page.goto(dashboard)
    assert "splněno" in rule_status_text(page, "1x ročně projednání v LP")

    lp.state = "cancelled"
    lp.save()
    page.goto(dashboard)
    assert "hrozí nesplnění" in rule_status_text(page, "1x ročně projednání v LP")

    # The rule's own page, its forms and their error states.
    page.page.get_by_role("article").get_by_role("link", name="1x ročně projednání v LP").click()
    page.check()
    assert "Jednání LP o zprávě (zrušeno)" in page.page.locator("main").inner_text()
    page.page.get_by_label("Jednání nebo dokument").select_option(value=f"meeting:{lp.pk}")
    page.page.get_by_role("button", name="Uložit").click()
    page.check()
    assert "přiřazeno ručně" in page.page.locator("main").inner_text()
    page.goto(f"/u/{world.unit.slug}/pravidla/{rule.pk}/upravit/")
    page.page.get_by_label("Kolikrát ročně").fill("")
    page.page.get_by_role("button", name="Uložit").click()
    page.check()
    assert "Uveďte, kolikrát ročně se má činnost konat." in page.page.locator("main").inner_text()
    page.goto(f"/u/{world.unit.slug}/harmonogram/{act.pk}/nove-pravidlo/")
    page.goto(f"/u/{world.unit.slug}/harmonogram/{act.pk}/")
    page.goto(f"/u/{world.unit.slug}/popis/{world.description.pk}/harmonogram/nova-cinnost/")

    # The agency's overview of every unit.
    page.page.context.clear_cookies()
    page.login("agentura")
    page.goto("/agentura/prehled/")
    assert "Statutární město Jihlava" in page.page.locator("main").inner_text()
    page.goto("/agentura/prehled/?status=at_risk&sort=status")


def test_the_dashboard_says_what_is_due_and_an_ended_cooperation_is_renewed(browser_page, world):
    from spojka.meetings.models import Task

    world.description.status = "valid"  # left at "platné"; its dates ended on 1. 11. 2023
    world.description.save()
    act = activity(world.description, "Jednání lokálního partnerství")
    frequency_rule(act, per_year=4, text="Minimálně 4x ročně")
    Task.objects.create(
        unit=world.unit, title="Poslat zápis", due_on=timezone.localdate() - timedelta(days=2)
    )
    page = browser_page
    page.login("editor")

    page.goto("/")  # the landing page of a one-unit user is the summary
    main = page.page.locator("main").inner_text()
    assert main.index("Co je teď potřeba") < main.index("Harmonogram a jeho plnění")
    assert "Územní celek nemá platný popis spolupráce." in main
    assert "Poslat zápis" in main
    assert "platnost skončila dne" in main

    page.page.get_by_role("link", name="Navázat novým popisem spolupráce").first.click()
    page.check()
    page.page.get_by_label("Platnost do").fill("2023-01-01")
    page.page.get_by_role("button", name="Založit navazující popis").click()
    page.check()  # the error state
    assert "Konec platnosti musí být po jejím začátku." in page.page.locator("main").inner_text()
    page.page.get_by_label("Platnost do").fill("2025-11-01")
    page.page.get_by_role("button", name="Založit navazující popis").click()
    page.check()
    main = page.page.locator("main").inner_text()
    assert "Nový popis navazuje bez mezery." in main
    assert "návrh" in main
