"""Issue 13, item 8: bad input gives a Czech answer (or a 404), never an HTTP 500."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from spojka.meetings.models import Meeting
from spojka.meetings.tests.matrix import build as build_meetings
from spojka.plans.models import PlanAction
from spojka.plans.tests.factories import make_plan, make_round

pytestmark = pytest.mark.django_db

HUGE = "9" * 30  # no database column holds this id
RANGE_ERROR = "Zadejte datum mezi lety 1990 a 2100."


def _meeting_post(w, **overrides) -> dict:
    data = {
        "title": "Jednání LP",
        "kind": "lp_plenary",
        "includes_lp": "on",
        "working_groups": [w.meeting_group.pk],
        "starts_at": "2031-05-20T14:00",
        "ends_at": "2031-05-20T16:00",
        "place": "Magistrát",
        "online_link": "",
    }
    return {**data, **overrides}


@pytest.fixture
def mw(world):
    build_meetings(world)
    return world


def test_deleting_a_plan_action_once_a_monitoring_year_is_approved_works(world, login):
    plan = make_plan(world.unit)
    make_round(plan, 2023, approved=True)
    action = PlanAction.objects.get(measure__goal__area__plan=plan)
    url = reverse(
        "plans:node_delete",
        kwargs={"unit": world.unit.slug, "pk": plan.pk, "kind": "aktivita", "obj": action.pk},
    )
    assert login(world.users["editor"]).post(url).status_code == 302  # was FieldError: 'round'
    assert not PlanAction.objects.filter(pk=action.pk).exists()


def test_task_done_with_a_next_that_is_no_path_goes_to_the_task_list(mw, login):
    url = reverse("meetings:task_done", kwargs={"unit": mw.unit.slug, "pk": mw.task.pk})
    response = login(mw.users["editor"]).post(url, {"next": "x"})  # was NoReverseMatch
    assert response.status_code == 302
    assert response.url == reverse("meetings:task_list", kwargs={"unit": mw.unit.slug})


@pytest.mark.parametrize("starts_at", ["0001-01-01T10:00", "1989-12-31T10:00", "2101-01-01T10:00"])
def test_a_meeting_date_outside_1990_to_2100_is_refused_in_czech_by_the_field(mw, login, starts_at):
    before = Meeting.objects.count()
    url = reverse("meetings:meeting_create", kwargs={"unit": mw.unit.slug})
    response = login(mw.users["editor"]).post(
        url, _meeting_post(mw, starts_at=starts_at)
    )  # was OverflowError
    assert response.status_code == 200
    assert response.context["form"].errors["starts_at"] == [RANGE_ERROR]
    assert Meeting.objects.count() == before


def test_a_plain_form_date_outside_the_range_is_refused_in_czech(mw, login):
    member = mw.unit.partnership_members.first()
    url = reverse("partnership:member_end", kwargs={"unit": mw.unit.slug, "pk": member.pk})
    response = login(mw.users["editor"]).post(url, {"valid_to": "0001-01-01"})
    assert response.status_code == 200
    assert response.context["form"].errors["valid_to"] == [RANGE_ERROR]
    member.refresh_from_db()
    assert member.valid_to is None


@pytest.mark.parametrize("field", ["working_groups", "invitees"])
def test_an_enormous_id_in_a_multiple_choice_field_is_an_invalid_choice(mw, login, field):
    url = reverse("meetings:meeting_create", kwargs={"unit": mw.unit.slug})
    response = login(mw.users["editor"]).post(url, _meeting_post(mw, **{field: [HUGE]}))  # was OverflowError
    assert response.status_code == 200
    assert field in response.context["form"].errors


@pytest.mark.parametrize("year", ["0", "2147483648", "1989", "2101"])
def test_an_implausible_report_or_monitoring_year_is_404(world, login, year):
    client = login(world.users["editor"])
    plan = make_plan(world.unit)
    report = f"/u/{world.unit.slug}/vystupy/zprava/{year}/pdf/"
    monitoring = f"/u/{world.unit.slug}/plany/{plan.pk}/monitorovani/{year}/"
    assert client.get(report).status_code == 404  # was ValueError / OverflowError
    assert client.get(monitoring).status_code == 404


def test_a_plausible_report_year_still_resolves(world):
    url = reverse("reports:generate_report", kwargs={"unit": world.unit.slug, "year": 2022, "fmt": "pdf"})
    assert url.endswith("/zprava/2022/pdf/") and date(2022, 1, 1).year == 2022


@pytest.mark.parametrize("item", ["abc", "🙂", "1.5", HUGE, "-1"])
def test_an_agenda_action_on_an_item_id_that_is_no_id_is_a_404(mw, login, item):
    url = reverse("meetings:agenda_edit", kwargs={"unit": mw.unit.slug, "pk": mw.meeting.pk})
    response = login(mw.users["editor"]).post(url, {"action": "edit", "item": item, "title": "X"})
    assert response.status_code == 404  # was ValueError: Field 'id' expected a number


@pytest.mark.parametrize("q", ["%_" * 30_000, "Jih\x00lava", "Ř" * 100_000])
def test_a_hostile_unit_search_is_an_empty_or_cut_search_not_a_500(world, login, q):
    # was OperationalError "LIKE or GLOB pattern too complex" (SQLite), ValueError on a NUL (PostgreSQL)
    response = login(world.users["agency_admin"]).get(reverse("cooperation:unit_list"), {"q": q})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("url_name", "params"),
    [
        ("core:switch_unit", {"unit": "jih\x00lava"}),
        ("core:switch_unit", {"q": "\x00"}),
        ("compliance:overview", {"region": "vysocina\x00", "status": "\x00", "sort": "\x00"}),
        ("compliance:overview", {"region": "mars", "status": "bad"}),
    ],
)
def test_a_nul_or_unknown_value_in_a_filter_is_no_filter_not_a_500(world, login, url_name, params):
    # was DataError "PostgreSQL text fields cannot contain NUL (0x00) bytes"
    response = login(world.users["agency_admin"]).get(reverse(url_name), params)
    assert response.status_code in (200, 302)
