"""Pinned query counts: a page costs the same number of queries for a small and a large plan."""

from __future__ import annotations

import pytest
from django.urls import reverse

from spojka.plans.models import Measure
from spojka.plans.tests.factories import make_plan, make_round

pytestmark = pytest.mark.django_db

# (areas, goals per area, measures per goal, actions per measure): 1 measure vs 3 × 3 × 3 = 27 measures.
SIZES = [(1, 1, 1, 1), (3, 3, 3, 3)]


def _plan(world, size):
    areas, goals, measures, actions = size
    return make_plan(
        world.unit, areas=areas, goals=goals, measures=measures, actions=actions, thematic_area=world.area
    )


@pytest.mark.parametrize("size", SIZES)
def test_plan_tree_page_costs_the_same_queries_whatever_the_plan_size(
    world, login, django_assert_num_queries, size
):
    plan = _plan(world, size)
    make_round(plan, 2023)
    client = login(world.users["editor"])
    url = reverse("plans:plan_detail", kwargs={"unit": world.unit.slug, "pk": plan.pk})
    # session + user, unit and role, plan, documents, areas, goals, goal indicators + values,
    # measures, measure indicators + values, actions, monitoring rounds, history
    with django_assert_num_queries(PLAN_DETAIL):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("data-measure-progress=") == size[0] * size[1] * size[2]


@pytest.mark.parametrize("size", SIZES)
def test_evaluation_and_export_cost_the_same_queries_whatever_the_plan_size(
    world, login, django_assert_num_queries, size
):
    plan = _plan(world, size)
    round = make_round(plan, 2023)
    for measure in Measure.objects.filter(goal__area__plan=plan):
        round.reports.create(unit=world.unit, measure=measure, status="done")
    client = login(world.users["editor"])
    kwargs = {"unit": world.unit.slug, "pk": plan.pk}
    with django_assert_num_queries(EVALUATION):
        assert client.get(reverse("plans:plan_evaluation", kwargs=kwargs)).status_code == 200
    with django_assert_num_queries(EXPORT):
        assert client.get(reverse("plans:plan_export", kwargs=kwargs)).status_code == 200


@pytest.mark.parametrize("plans", [1, 6])
def test_plan_list_costs_the_same_queries_for_one_or_many_plans(
    world, login, django_assert_num_queries, plans
):
    for _ in range(plans):
        _plan(world, (2, 2, 2, 2))
    client = login(world.users["partner"])
    with django_assert_num_queries(PLAN_LIST):
        response = client.get(reverse("plans:plan_list", kwargs={"unit": world.unit.slug}))
    assert response.content.decode().count("Plán sociálního začleňování</a>") == plans


@pytest.mark.parametrize("size", SIZES)
def test_monitoring_pages_cost_the_same_queries_whatever_the_plan_size(
    world, login, django_assert_num_queries, size
):
    plan = _plan(world, size)
    make_round(plan, 2023)
    client = login(world.users["editor"])
    kwargs = {"unit": world.unit.slug, "pk": plan.pk, "year": 2023}
    with django_assert_num_queries(MONITORING_DETAIL):
        assert client.get(reverse("plans:monitoring_detail", kwargs=kwargs)).status_code == 200
    with django_assert_num_queries(MONITORING_EDIT):
        assert client.get(reverse("plans:monitoring_edit", kwargs=kwargs)).status_code == 200


@pytest.mark.parametrize("actions", [1, 20])
def test_measure_page_costs_the_same_queries_for_few_or_many_actions(
    world, login, django_assert_num_queries, actions
):
    plan = make_plan(world.unit, actions=actions)
    measure = Measure.objects.get(goal__area__plan=plan)
    client = login(world.users["editor"])
    url = reverse(
        "plans:measure_detail", kwargs={"unit": world.unit.slug, "pk": plan.pk, "measure": measure.pk}
    )
    with django_assert_num_queries(MEASURE_DETAIL):
        response = client.get(url)
    assert response.content.decode().count("Aktivita 1.1.1.") == actions


@pytest.mark.parametrize("years", [1, 8])
def test_indicator_page_costs_the_same_queries_for_few_or_many_values(
    world, login, django_assert_num_queries, years
):
    plan = make_plan(world.unit)
    indicator = Measure.objects.get(goal__area__plan=plan).indicators.get()
    for year in range(2024, 2024 + years - 1):
        indicator.values.create(unit=world.unit, year=year, value=year - 2000)
    client = login(world.users["editor"])
    url = reverse(
        "plans:indicator_detail", kwargs={"unit": world.unit.slug, "pk": plan.pk, "indicator": indicator.pk}
    )
    with django_assert_num_queries(INDICATOR_DETAIL):
        response = client.get(url)
    assert response.content.decode().count("<circle") == years + 1  # the baseline and each measured year


# The pages resolve the unit and read the header switcher's units in one query; a download has no header.
PLAN_DETAIL = 15
EVALUATION = 13
EXPORT = 15  # the tree, then the monitoring rounds and their reports
PLAN_LIST = 13
# The pages with a history name the objects its changes point at in one more query.
MONITORING_DETAIL = 13
MONITORING_EDIT = 11
MEASURE_DETAIL = 11
INDICATOR_DETAIL = 8
