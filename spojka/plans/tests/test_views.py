"""Plan pages and workflows: validation, display, monitoring and its lock, starting a new plan."""

from __future__ import annotations

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse

from spojka.plans.models import (
    Goal,
    ImplementationStatus,
    InclusionPlan,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureReport,
    MonitoringRound,
    PlanAction,
    PriorityArea,
)
from spojka.plans.tests.factories import make_plan, make_round

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def _plan_form(**overrides) -> dict:
    data = {
        "kind": "psz",
        "title": "Plán sociálního začleňování",
        "year_from": "2022",
        "year_to": "2027",
        "status": "draft",
        "resolution_number": "",
        "resolution_date": "",
        "target_group": "Osoby sociálně vyloučené.",
        "main_goal": "",
        "strategic_text": "Komunitní plán sociálních služeb | 2016\nZdravotní plán města Jihlava | 2018–2020",
    }
    data.update(overrides)
    return data


def test_editor_creates_a_plan_with_linked_strategic_documents_and_it_is_in_the_history(world, login):
    client = login(world.users["editor"])
    response = client.post(reverse("plans:plan_create", kwargs={"unit": world.unit.slug}), _plan_form())
    assert response.status_code == 302
    plan = world.unit.inclusion_plans.get()
    assert [str(d) for d in plan.strategic_documents.all()] == [
        "Komunitní plán sociálních služeb (2016)",
        "Zdravotní plán města Jihlava (2018–2020)",
    ]
    assert LogEntry.objects.get_for_object(plan).get().actor == world.users["editor"]
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Historie změn" in page and "editor" in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"year_from": "2027", "year_to": "2022"},
            "year_to",
            "Období plánu nemůže skončit dříve, než začne.",
        ),
        (
            {"status": "approved"},
            "resolution_number",
            "Schválený plán musí mít číslo schvalujícího usnesení.",
        ),
        ({"resolution_number": "2278/24-RM"}, "resolution_date", "K číslu usnesení uveďte datum schválení."),
        ({"year_from": "22"}, "year_from", "Rok musí být mezi 1990 a 2100."),
    ],
)
def test_invalid_plan_is_refused_next_to_the_field_and_nothing_is_saved(
    world, login, overrides, field, message
):
    client = login(world.users["editor"])
    response = client.post(
        reverse("plans:plan_create", kwargs={"unit": world.unit.slug}), _plan_form(**overrides)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert not InclusionPlan.objects.exists()


def _measure_form(**overrides) -> dict:
    data = {
        "code": "1.1.2",
        "name": "Terénní sociální práce",
        "responsible": "Sociální odbor",
        "due_season": "autumn",
        "due_year": "2023",
        "budget": "1 234 567,50",
        "funding_source": "opz",
        "intervention_type": "field_work",
        "status": "in_progress",
        "order": "2",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"due_year": ""}, "due_year", "K ročnímu období uveďte rok."),
        (
            {"due_date": "2023-10-01"},
            "due_season",
            "Uveďte termín buď datem, nebo ročním obdobím a rokem, ne obojím.",
        ),
        ({"budget": "-5"}, "budget", "Rozpočet nemůže být záporný."),
        ({"code": "1.1.1"}, "code", "Kód 1.1.1 už v tomto plánu je."),
    ],
)
def test_invalid_measure_is_refused_next_to_the_field(world, login, overrides, field, message):
    plan = make_plan(world.unit)
    goal = Goal.objects.get(area__plan=plan)
    client = login(world.users["editor"])
    url = reverse("plans:measure_create", kwargs={"unit": world.unit.slug, "pk": plan.pk, "goal": goal.pk})
    response = client.post(url, _measure_form(**overrides))
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert Measure.objects.count() == 1


def test_measure_page_shows_budget_in_czech_money_format_and_the_season_deadline(world, login):
    plan = make_plan(world.unit)
    goal = Goal.objects.get(area__plan=plan)
    client = login(world.users["editor"])
    url = reverse("plans:measure_create", kwargs={"unit": world.unit.slug, "pk": plan.pk, "goal": goal.pk})
    response = client.post(url, _measure_form())
    assert response.status_code == 302
    measure = Measure.objects.get(code="1.1.2")
    assert measure.budget == Decimal("1234567.50")
    html = client.get(response.url).content.decode()
    assert f"1{NBSP}234{NBSP}567,50{NBSP}Kč" in html
    assert "podzim 2023" in html
    assert f"30.{NBSP}11.{NBSP}2023" in html or "30. 11. 2023" in html
    assert "terénní sociální práce" in html and "OPZ+" in html
    assert 'class="app-example"' not in html  # entered by a person, not an example


def test_example_content_is_marked_on_screen(world, login):
    plan = make_plan(world.unit)
    Measure.objects.update(is_example=True)
    html = login(world.users["partner"]).get(plan.get_absolute_url()).content.decode()
    # the plan itself and its one measure
    assert html.count("ukázkový obsah</span>") == 2


def test_indicator_page_has_an_accessible_svg_chart_and_a_table_of_the_same_values(world, login):
    plan = make_plan(world.unit)
    indicator = Indicator.objects.get(measure__isnull=False)
    IndicatorValue.objects.create(unit=world.unit, indicator=indicator, year=2024, value=Decimal("30.5"))
    url = reverse(
        "plans:indicator_detail", kwargs={"unit": world.unit.slug, "pk": plan.pk, "indicator": indicator.pk}
    )
    html = login(world.users["partner"]).get(url).content.decode()
    assert '<svg role="img" aria-labelledby="chart-' in html
    assert "<title id=" in html and "<desc id=" in html
    # Read once and with the unit: the name says the unit, the values are only in the table.
    assert f"Graf vývoje indikátoru {indicator.code} {indicator.name} (v jednotkách: osoby)" in html
    assert "Naměřené hodnoty: 2023" not in html
    assert html.count('<circle cx="') == 3  # baseline + 2023 + 2024
    assert '<circle cx="64.0"' in html and 'data-year="2024"' in html  # SVG numbers are never localised
    assert '<td class="num">30,5</td>' in html
    # (30,5 − 10) / (50 − 10) = 51,25 % → 51 %
    assert f'data-indicator-progress="{indicator.code}">51{NBSP}%' in html
    assert "<script" not in html.split("<main")[1]


def test_entering_a_value_for_a_year_replaces_that_year_and_changes_the_roll_up(world, login):
    plan = make_plan(world.unit, actions=0)
    indicator = Indicator.objects.get(measure__isnull=False)
    client = login(world.users["editor"])
    kwargs = {"unit": world.unit.slug, "pk": plan.pk, "indicator": indicator.pk}
    # before: measure without actions = (nezahájeno 0 + indicator (20 − 10) / 40 = 0,25) / 2 = 12,5 % → 13 %
    assert f"13{NBSP}%" in client.get(plan.get_absolute_url()).content.decode()
    response = client.post(reverse("plans:indicator_value", kwargs=kwargs), {"year": "2023", "value": "50"})
    assert response.status_code == 302
    assert indicator.values.get().value == Decimal("50")
    # after: (0 + 1) / 2 = 50 %
    assert f'id="plan-progress">50{NBSP}%' in client.get(plan.get_absolute_url()).content.decode()


def _monitoring_post(measure, indicator, *, status="done", value="40", comment="Hotovo.") -> dict:
    return {
        "note": "Souhrn roku.",
        f"status_{measure.pk}": status,
        f"comment_{measure.pk}": comment,
        f"value_{indicator.pk}": value,
        f"source_{indicator.pk}": "výkaz poskytovatele",
    }


def test_monitoring_saves_statuses_comments_and_values_and_the_latest_year_sets_the_measure_status(
    world, login
):
    plan = make_plan(world.unit, actions=0)
    measure = Measure.objects.get()
    indicator = measure.indicators.get()
    make_round(plan, 2023)
    make_round(plan, 2024)
    client = login(world.users["editor"])
    url = reverse("plans:monitoring_edit", kwargs={"unit": world.unit.slug, "pk": plan.pk, "year": 2024})
    response = client.post(url, _monitoring_post(measure, indicator))
    assert response.status_code == 302
    report = MeasureReport.objects.get()
    assert (report.round.year, report.status, report.comment) == (2024, "done", "Hotovo.")
    assert indicator.values.get(year=2024).value == Decimal("40")
    measure.refresh_from_db()
    assert measure.status == ImplementationStatus.DONE
    # an earlier year's monitoring does not overwrite the current status
    url_2023 = reverse("plans:monitoring_edit", kwargs={"unit": world.unit.slug, "pk": plan.pk, "year": 2023})
    client.post(url_2023, _monitoring_post(measure, indicator, status="unmet", value=""))
    measure.refresh_from_db()
    assert measure.status == ImplementationStatus.DONE
    assert not indicator.values.filter(year=2023).exists()  # a blank value removes that year's value


def test_approved_monitoring_is_locked_with_a_czech_message_and_nothing_changes(world, login):
    plan = make_plan(world.unit, actions=0)
    measure = Measure.objects.get()
    indicator = measure.indicators.get()
    make_round(plan, 2023)
    client = login(world.users["editor"])
    kwargs = {"unit": world.unit.slug, "pk": plan.pk, "year": 2023}
    edit = reverse("plans:monitoring_edit", kwargs=kwargs)
    assert client.post(edit, _monitoring_post(measure, indicator, value="30")).status_code == 302

    assert client.post(reverse("plans:monitoring_approve", kwargs=kwargs)).status_code == 302
    round = MonitoringRound.objects.get()
    assert round.is_locked and round.approved_by == world.users["editor"]

    response = client.post(edit, _monitoring_post(measure, indicator, status="unmet", value="99"))
    assert response.status_code == 403
    assert (
        "Monitorování za rok 2023 je schválené a uzamčené; jeho údaje už nelze měnit."
        in response.content.decode()
    )
    assert MeasureReport.objects.get().status == "done"
    assert indicator.values.get(year=2023).value == Decimal("30")

    # the same year cannot be changed from the indicator page either
    value_url = reverse(
        "plans:indicator_value", kwargs={"unit": world.unit.slug, "pk": plan.pk, "indicator": indicator.pk}
    )
    response = client.post(value_url, {"year": "2023", "value": "77"})
    assert response.status_code == 422
    assert 'id="id_year_error"' in response.content.decode()
    assert indicator.values.get(year=2023).value == Decimal("30")

    # approving twice is refused, and the history keeps who changed what
    client.post(reverse("plans:monitoring_approve", kwargs=kwargs))
    detail = client.get(reverse("plans:monitoring_detail", kwargs=kwargs)).content.decode()
    assert "Historie změn" in detail and "schváleno a uzamčeno" in detail
    assert LogEntry.objects.get_for_object(round).count() == 3  # created, note saved, approved


def test_monitoring_form_refuses_an_unknown_status(world, login):
    plan = make_plan(world.unit, actions=0)
    measure = Measure.objects.get()
    indicator = measure.indicators.get()
    make_round(plan, 2023)
    client = login(world.users["editor"])
    url = reverse("plans:monitoring_edit", kwargs={"unit": world.unit.slug, "pk": plan.pk, "year": 2023})
    response = client.post(url, _monitoring_post(measure, indicator, status="hotovo", value="abc"))
    assert response.status_code == 422
    html = response.content.decode()
    assert f'id="id_status_{measure.pk}_error"' in html and f'id="id_value_{indicator.pk}_error"' in html
    assert not MeasureReport.objects.exists()


def test_second_monitoring_of_the_same_year_is_refused(world, login):
    plan = make_plan(world.unit)
    make_round(plan, 2023)
    client = login(world.users["editor"])
    response = client.post(
        reverse("plans:monitoring_start", kwargs={"unit": world.unit.slug, "pk": plan.pk}), {"year": "2023"}
    )
    assert response.status_code == 422
    assert "Monitorování za rok 2023 už existuje." in response.content.decode()
    assert MonitoringRound.objects.count() == 1


def test_new_plan_from_selected_parts_of_the_old_one(world, login):
    old = make_plan(world.unit, areas=2, goals=2, measures=2, actions=1, thematic_area=world.area)
    old.year_from, old.year_to = 2019, 2022
    old.save()
    keep_measure = Measure.objects.get(code="1.2.1")
    keep_goal = Goal.objects.get(code="2.1")
    client = login(world.users["editor"])
    url = reverse("plans:plan_start_from", kwargs={"unit": world.unit.slug, "pk": old.pk})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "kind": "psz",
            "title": "Plán sociálního začleňování",
            "year_from": "2023",
            "year_to": "2027",
            "measures": [str(keep_measure.pk)],
            "goals": [str(keep_goal.pk)],
        },
    )
    assert response.status_code == 302
    new = world.unit.inclusion_plans.exclude(pk=old.pk).get()
    assert new.source_plan == old and new.status == "draft"
    assert list(PriorityArea.objects.filter(plan=new).values_list("code", "thematic_area")) == [
        ("1", world.area.pk),
        ("2", world.area.pk),
    ]
    assert sorted(Goal.objects.filter(area__plan=new).values_list("code", flat=True)) == ["1.2", "2.1"]
    copied = Measure.objects.get(goal__area__plan=new)
    assert (copied.code, copied.status, copied.budget) == ("1.2.1", "not_started", Decimal("1234567.50"))
    assert not PlanAction.objects.filter(measure__goal__area__plan=new).exists()
    indicator = copied.indicators.get()
    # the latest measured value (2023: 20) becomes the new baseline
    assert (indicator.baseline_value, indicator.baseline_year, indicator.target_year) == (
        Decimal("20"),
        2023,
        2027,
    )
    assert not indicator.values.exists()
    # the old plan is untouched
    assert Measure.objects.filter(goal__area__plan=old).count() == 8


def test_new_plan_needs_a_selection(world, login):
    old = make_plan(world.unit)
    client = login(world.users["editor"])
    url = reverse("plans:plan_start_from", kwargs={"unit": world.unit.slug, "pk": old.pk})
    response = client.post(url, {"kind": "psz", "title": "Nový", "year_from": "2023", "year_to": "2027"})
    assert response.status_code == 422
    assert "Vyberte alespoň jednu oblast, cíl nebo opatření" in response.content.decode()
    assert InclusionPlan.objects.count() == 1


def test_another_units_plan_is_not_found_even_with_a_known_id(world, login):
    plan = make_plan(world.other_unit)
    client = login(world.users["editor"])
    url = reverse("plans:plan_detail", kwargs={"unit": world.unit.slug, "pk": plan.pk})
    assert client.get(url).status_code == 404


def test_demo_has_both_jihlava_plans_with_the_esif_measures_and_loading_twice_creates_nothing(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = {
        m: m.objects.count() for m in (InclusionPlan, PriorityArea, Goal, Measure, Indicator, IndicatorValue)
    }
    plan_entries = LogEntry.objects.filter(content_type__app_label="plans")
    log_entries = plan_entries.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert {m: m.objects.count() for m in counts} == counts
    assert plan_entries.count() == log_entries

    spsz = InclusionPlan.objects.get(kind="spsz", year_from=2019, year_to=2022)
    assert list(spsz.areas.values_list("name", flat=True)) == [
        "Bydlení",
        "Zaměstnanost",
        "Bezpečnost",
        "Dluhová problematika",
        "Sociální služby",
        "Zdraví",
    ]
    psz = InclusionPlan.objects.get(kind="psz", year_from=2022, year_to=2027)
    interventions = set(
        Measure.objects.filter(goal__area__plan=psz).values_list("intervention_type", flat=True)
    )
    assert {
        "caretaker",
        "crime_prevention",
        "low_threshold",
        "field_work",
        "activation",
        "debt_advice",
    } <= interventions
    # everything below the plans is illustration and marked so
    assert not Measure.objects.filter(is_example=False).exists()
    assert not Indicator.objects.filter(is_example=False).exists()


def test_deleting_a_measure_removes_it_with_its_actions_unless_a_locked_year_holds_its_data(world, login):
    plan = make_plan(world.unit, measures=2)
    keep, remove = Measure.objects.order_by("code")
    client = login(world.users["editor"])
    url = reverse(
        "plans:node_delete",
        kwargs={"unit": world.unit.slug, "pk": plan.pk, "kind": "opatreni", "obj": remove.pk},
    )
    assert client.post(url).status_code == 302
    assert list(Measure.objects.values_list("code", flat=True)) == [keep.code]
    assert not PlanAction.objects.filter(measure_id=remove.pk).exists()
    assert LogEntry.objects.filter(
        action=LogEntry.Action.DELETE, object_repr__startswith=remove.code
    ).exists()

    # 2023 holds a measured value of the kept measure's indicator; once approved, it cannot be deleted.
    make_round(plan, 2023, approved=True)
    url = reverse(
        "plans:node_delete",
        kwargs={"unit": world.unit.slug, "pk": plan.pk, "kind": "opatreni", "obj": keep.pk},
    )
    response = client.post(url, follow=True)
    assert (
        "Nelze smazat: údaje jsou součástí schváleného monitorování za rok 2023." in response.content.decode()
    )
    assert Measure.objects.filter(pk=keep.pk).exists()


def test_deleting_an_unknown_kind_or_another_plans_object_is_not_found(world, login):
    plan = make_plan(world.unit)
    other = make_plan(world.unit)
    other_measure = Measure.objects.get(goal__area__plan=other)
    client = login(world.users["editor"])
    kwargs = {"unit": world.unit.slug, "pk": plan.pk}
    assert (
        client.post(
            reverse("plans:node_delete", kwargs={**kwargs, "kind": "plan", "obj": plan.pk})
        ).status_code
        == 404
    )
    url = reverse("plans:node_delete", kwargs={**kwargs, "kind": "opatreni", "obj": other_measure.pk})
    assert client.post(url).status_code == 404
    assert Measure.objects.filter(pk=other_measure.pk).exists()


def test_demo_plan_pages_render_with_example_badges(db, client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from spojka.accounts.models import User

    client.force_login(User.objects.get(username="partner"))
    spsz = InclusionPlan.objects.get(kind="spsz", unit__slug="jihlava")
    psz = InclusionPlan.objects.get(kind="psz", unit__slug="jihlava")
    unit = spsz.unit.slug
    assert (
        "Strategický plán sociálního začleňování Jihlava" in client.get(f"/u/{unit}/plany/").content.decode()
    )
    for plan in (spsz, psz):
        html = client.get(plan.get_absolute_url()).content.decode()
        assert "ukázkový obsah</span>" in html
    evaluation = client.get(
        reverse("plans:plan_evaluation", kwargs={"unit": unit, "pk": spsz.pk})
    ).content.decode()
    for area in (
        "Bydlení",
        "Zaměstnanost",
        "Bezpečnost",
        "Dluhová problematika",
        "Sociální služby",
        "Zdraví",
    ):
        assert area in evaluation
    locked = client.get(reverse("plans:monitoring_detail", kwargs={"unit": unit, "pk": psz.pk, "year": 2023}))
    assert "schváleno a uzamčeno" in locked.content.decode()
    measure = Measure.objects.get(goal__area__plan=psz, intervention_type="caretaker")
    page = client.get(
        reverse("plans:measure_detail", kwargs={"unit": unit, "pk": psz.pk, "measure": measure.pk})
    )
    assert "Domovník – preventista" in page.content.decode() and "<svg" in page.content.decode()


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("2021", "Naměřená hodnota nemůže předcházet roku výchozí hodnoty (2022)."),
        ("", "Toto pole je třeba vyplnit."),
    ],
)
def test_indicator_value_before_the_baseline_or_without_a_year_is_refused(world, login, year, message):
    plan = make_plan(world.unit)
    indicator = Indicator.objects.get(measure__isnull=False)
    client = login(world.users["editor"])
    url = reverse(
        "plans:indicator_value", kwargs={"unit": world.unit.slug, "pk": plan.pk, "indicator": indicator.pk}
    )
    response = client.post(url, {"year": year, "value": "33"})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert list(indicator.values.values_list("year", flat=True)) == [2023]


def test_monitoring_year_outside_the_plan_period_is_refused(world, login):
    plan = make_plan(world.unit)
    client = login(world.users["editor"])
    url = reverse("plans:monitoring_start", kwargs={"unit": world.unit.slug, "pk": plan.pk})
    response = client.post(url, {"year": "2030"})
    assert "Rok musí spadat do období plánu (2022–2027)." in response.content.decode()
    assert not MonitoringRound.objects.exists()


def test_plan_pages_speak_english_as_the_second_language(world, login):
    plan = make_plan(world.unit)
    client = login(world.users["editor"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "How fulfilment is computed" in html and "example content" in html
    assert "Jak se plnění počítá" not in html


def test_monitoring_also_records_the_goals_result_indicators(world, login):
    plan = make_plan(world.unit, actions=0)
    measure = Measure.objects.get()
    goal_indicator = Indicator.objects.get(goal__isnull=False)
    make_round(plan, 2024)
    client = login(world.users["editor"])
    kwargs = {"unit": world.unit.slug, "pk": plan.pk, "year": 2024}
    data = _monitoring_post(measure, measure.indicators.get())
    data |= {f"value_{goal_indicator.pk}": "12,5", f"source_{goal_indicator.pk}": "ČSÚ"}
    assert client.post(reverse("plans:monitoring_edit", kwargs=kwargs), data).status_code == 302
    value = goal_indicator.values.get(year=2024)
    assert (value.value, value.source) == (Decimal("12.5"), "ČSÚ")
    html = client.get(reverse("plans:monitoring_detail", kwargs=kwargs)).content.decode()
    assert f"{goal_indicator.code}: 12,5 osoby" in html
