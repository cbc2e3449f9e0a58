from __future__ import annotations

import pytest

from spojka.plans.models import Goal, Indicator, Measure, PriorityArea
from spojka.plans.tests.factories import make_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NBSP = "\u00a0"


def test_editor_enters_a_measures_value_for_a_year_and_sees_the_chart_and_roll_up_change(browser_page, world):
    # One measure without actions: its progress is (status points + indicator progress) / 2.
    plan = make_plan(world.unit, actions=0, thematic_area=world.area)
    area = PriorityArea.objects.get(plan=plan)
    goal = Goal.objects.get(area=area)
    measure = Measure.objects.get(goal=goal)
    indicator = Indicator.objects.get(measure=measure)
    goal_indicator = Indicator.objects.get(goal=goal)
    unit, pk = world.unit.slug, plan.pk
    base = f"/u/{unit}/plany/{pk}/"

    page = browser_page
    page.login("editor")
    for path in (
        f"/u/{unit}/plany/",
        f"/u/{unit}/plany/novy/",
        f"/u/{unit}/plany/import/",
        base + "upravit/",
        base + "vyhodnoceni/",
        base + "novy-plan/",
        base + "oblasti/nova/",
        base + f"oblasti/{area.pk}/",
        base + f"oblasti/{area.pk}/cile/novy/",
        base + f"cile/{goal.pk}/",
        base + f"cile/{goal.pk}/opatreni/nove/",
        base + f"cile/{goal.pk}/indikatory/novy/",
        base + f"opatreni/{measure.pk}/upravit/",
        base + f"opatreni/{measure.pk}/aktivity/nova/",
        base + f"opatreni/{measure.pk}/indikatory/novy/",
        base + f"indikatory/{goal_indicator.pk}/",
        base + f"indikatory/{indicator.pk}/upravit/",
    ):
        page.goto(path)

    # Before: nezahájeno 0 and the indicator at (20 − 10) / (50 − 10) = 25 % → 12,5 % → 13 %.
    page.goto(base)
    assert page.page.locator("#plan-progress").inner_text() == f"13{NBSP}%"

    # A validation error is shown next to its field, on an accessible page.
    page.goto(base + "monitorovani/")
    page.page.get_by_label("Rok monitorování").fill("1800")
    page.page.get_by_role("button", name="Založit").click()
    page.check()
    assert page.page.locator("#id_year_error").is_visible()

    page.page.get_by_label("Rok monitorování").fill("2024")
    page.page.get_by_role("button", name="Založit").click()
    page.check()
    page.page.get_by_label("Stav plnění opatření 1.1.1").select_option("in_progress")
    page.page.get_by_label("Komentář k opatření 1.1.1").fill("Služba běží celý rok.")
    page.page.get_by_label(f"Hodnota indikátoru {indicator.code} (osoby)").fill("50")
    page.page.get_by_label(f"Zdroj hodnoty indikátoru {indicator.code}").fill("výkaz poskytovatele")
    page.page.get_by_role("button", name="Uložit monitorování").click()
    page.check()
    assert "Služba běží celý rok." in page.page.locator("main").inner_text()

    # After: plní se 0,5 and the indicator at 100 % → 75 %, in the tree and in the chart.
    page.goto(base)
    assert page.page.locator("#plan-progress").inner_text() == f"75{NBSP}%"
    assert page.page.locator('[data-measure-progress="1.1.1"]').inner_text() == f"75{NBSP}%"
    page.goto(base + f"opatreni/{measure.pk}/")
    chart = page.page.locator(f'svg[data-chart="{indicator.code}"]')
    assert chart.get_attribute("role") == "img"
    assert chart.locator('circle[data-year="2024"]').count() == 1
    assert "v tabulce pod grafem" in chart.locator("desc").text_content()
    assert "50" in page.page.locator(f'table[data-values="{indicator.code}"]').inner_text()
    assert "výkaz poskytovatele" in page.page.locator(f'table[data-values="{indicator.code}"]').inner_text()

    page.goto(base + f"indikatory/{indicator.pk}/")
    page.goto(base + "monitorovani/2024/")
    # Approving locks the year: the edit page says so instead of offering the form.
    page.page.get_by_role("button", name="Schválit a uzamknout").click()
    page.check()
    page.goto(base + "monitorovani/2024/upravit/")
    assert "je schválené a uzamčené" in page.page.locator("#locked-error").inner_text()

    # An action added through its form, then its edit page.
    page.goto(base + f"opatreni/{measure.pk}/aktivity/nova/")
    page.page.get_by_label("Kód").fill("1.1.1.a")
    page.page.get_by_label("Název").fill("Nábor pracovníků")
    page.page.get_by_label("Stav plnění").select_option("done")
    page.page.get_by_role("button", name="Uložit").click()
    page.check()
    page.page.get_by_role("link", name="1.1.1.a Nábor pracovníků").click()
    page.check()
    assert page.page.get_by_label("Název").input_value() == "Nábor pracovníků"
