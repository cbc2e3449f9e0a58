"""The unit dashboard, the rule pages and the agency overview."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from spojka.accounts.models import Membership, Role
from spojka.compliance.models import EvidenceLink, Rule
from spojka.compliance.tests.helpers import (
    activity,
    document,
    frequency_rule,
    meeting,
    output_rule,
    season_rule,
)
from spojka.conftest import make_unit
from spojka.cooperation.models import CooperationDescription, Region
from spojka.meetings.models import Meeting


@pytest.fixture
def current(world):
    """World's description made current: valid from a year ago for another 60 days."""
    today = timezone.localdate()
    world.description.valid_from = today - timedelta(days=400)
    world.description.valid_to = today + timedelta(days=60)
    world.description.status = "valid"  # in force: its lifecycle done, today inside its dates
    world.description.save()
    world.today = today
    return world


def dashboard_url(unit) -> str:
    return reverse("compliance:dashboard", kwargs={"unit": unit.slug})


class TestDashboard:
    def test_tasks_by_due_date_with_undated_last_and_the_overdue_first_of_them(self, current, login):
        from spojka.meetings.models import Task

        w = current
        Task.objects.create(unit=w.unit, title="Bez termínu")
        for days in (3, -10, -2, 8):
            Task.objects.create(unit=w.unit, title=f"Za {days} dní", due_on=w.today + timedelta(days=days))
        response = login(w.users["editor"]).get(dashboard_url(w.unit))
        shown = [t.title for t in response.context["tasks"]]
        assert shown == ["Za -10 dní", "Za -2 dní", "Za 3 dní", "Za 8 dní", "Bez termínu"]
        assert [t.title for t in response.context["summary"].overdue_tasks] == ["Za -10 dní", "Za -2 dní"]
        assert response.context["task_counts"] == {"open": 5, "overdue": 2}

    def test_shows_validity_warning_schedule_statuses_and_evidence(self, current, login):
        w = current
        act = activity(w.description, "Jednání lokálního partnerství")
        frequency_rule(act, per_year=4, text="Minimálně 4x ročně (vč. pracovních skupin)")
        meeting(w.unit, w.today - timedelta(days=3), title="Jednání LP o bydlení")

        response = login(w.users["partner"]).get(dashboard_url(w.unit))

        text = response.content.decode()
        assert response.status_code == 200
        assert "Platnost popisu spolupráce končí za 60\xa0dní" in text
        assert "Minimálně 4x ročně (vč. pracovních skupin)" in text
        assert "Jednání LP o bydlení" in text
        assert "0 z 40 hodin" in text  # the training indicator of the training app
        assert "Přidat činnost" not in text  # the partner only reads

    def test_the_cached_schedule_follows_every_change_and_each_reader_sees_their_own(self, current):
        """The schedule's HTML is cached under the unit's status token: a new meeting shows at once,
        and the editor's links are never served to a read-only partner (or the other way round)."""
        w = current
        act = activity(w.description, "Jednání lokálního partnerství")
        frequency_rule(act, per_year=4, text="Minimálně 4x ročně")
        editor, partner = Client(), Client()
        editor.force_login(w.users["editor"])
        partner.force_login(w.users["partner"])
        first = editor.get(dashboard_url(w.unit)).content.decode()
        assert "upravit činnost a pravidla" in first and "Jednání LP o rozpočtu" not in first

        meeting(w.unit, w.today - timedelta(days=3), title="Jednání LP o rozpočtu")

        assert "Jednání LP o rozpočtu" in editor.get(dashboard_url(w.unit)).content.decode()
        seen_by_partner = partner.get(dashboard_url(w.unit)).content.decode()
        assert "Jednání LP o rozpočtu" in seen_by_partner
        assert "upravit činnost a pravidla" not in seen_by_partner
        editor.post(reverse("set_language"), {"language": "en", "next": "/"})
        assert "upravit činnost a pravidla" not in editor.get(dashboard_url(w.unit)).content.decode()

    def test_no_warning_when_more_than_90_days_are_left(self, current, login):
        current.description.valid_to = current.today + timedelta(days=91)
        current.description.save()
        text = login(current.users["editor"]).get(dashboard_url(current.unit)).content.decode()
        assert "Platnost popisu spolupráce končí" not in text
        assert "91\xa0dní" in text

    def test_lists_open_tasks_and_marks_the_overdue_ones(self, current, login):
        from spojka.meetings.models import Task

        Task.objects.create(unit=current.unit, title="Poslat zápis", due_on=current.today - timedelta(days=2))
        Task.objects.create(
            unit=current.unit, title="Připravit zprávu", due_on=current.today + timedelta(days=9)
        )
        Task.objects.create(unit=current.unit, title="Hotovo", state="done", due_on=current.today)

        text = login(current.users["editor"]).get(dashboard_url(current.unit)).content.decode()

        assert "Poslat zápis" in text and "Připravit zprávu" in text and "Hotovo" not in text
        assert "Otevřené úkoly: 2, z toho po termínu: 1." in text

    @pytest.mark.parametrize("rows", [10, 200])
    def test_query_count_is_the_same_for_small_and_large_data(
        self, current, login, django_assert_num_queries, rows
    ):
        from spojka.meetings.models import Task

        w = current
        act = activity(w.description)
        frequency_rule(act)
        output_rule(act)
        season_rule(act, "autumn", w.today.year)
        for i in range(rows):
            day = w.description.valid_from + timedelta(days=i * 2)
            meeting(w.unit, day, state="held" if i % 3 else "planned")
            document(w.unit, "coop_report", day)
            Task.objects.create(unit=w.unit, title=f"Úkol {i}", due_on=day)
        meeting(w.unit, w.today + timedelta(days=5), state="planned", title="Příští jednání")
        client = login(w.users["editor"])

        # The first visit evaluates the schedule (five queries) and caches it under the unit's token.
        # The summary on top: open and overdue tasks counted, the first overdue ones, the next meeting.
        with django_assert_num_queries(14):
            response = client.get(dashboard_url(w.unit))
        with django_assert_num_queries(9):
            again = client.get(dashboard_url(w.unit))
        assert "Příští jednání" in response.content.decode()
        assert [
            (a.activity.pk, a.status, [r.current_status for r in a.rules]) for a in again.context["statuses"]
        ] == [
            (a.activity.pk, a.status, [r.current_status for r in a.rules])
            for a in response.context["statuses"]
        ]


class TestRulePages:
    def test_rule_detail_lists_evidence_and_a_person_can_exclude_it(self, current, login):
        w = current
        rule = output_rule(activity(w.description))
        report = document(w.unit, "coop_report", w.today - timedelta(days=10), title="Zpráva o plnění")
        client = login(w.users["editor"])
        url = reverse("compliance:rule_detail", kwargs={"unit": w.unit.slug, "pk": rule.pk})
        assert "Zpráva o plnění" in client.get(url).content.decode()

        response = client.post(
            reverse("compliance:evidence_add", kwargs={"unit": w.unit.slug, "pk": rule.pk}),
            {"item": f"document:{report.pk}", "included": "0", "note": "jiný dokument"},
        )

        assert response.status_code == 302
        link = EvidenceLink.objects.get(rule=rule)
        assert (link.included, link.document_id, link.unit_id) == (False, report.pk, w.unit.pk)
        assert "Ručně vyřazeno" in client.get(url).content.decode()

        client.post(
            reverse("compliance:evidence_reset", kwargs={"unit": w.unit.slug, "pk": rule.pk, "link": link.pk})
        )
        assert not EvidenceLink.objects.exists()

    def test_another_units_document_cannot_be_chosen(self, current, login):
        w = current
        rule = output_rule(activity(w.description))
        foreign = document(w.other_unit, "coop_report", w.today)

        response = login(w.users["editor"]).post(
            reverse("compliance:evidence_add", kwargs={"unit": w.unit.slug, "pk": rule.pk}),
            {"item": f"document:{foreign.pk}", "included": "1"},
        )

        assert response.status_code == 422
        assert "Vyberte platnou možnost" in response.content.decode()
        assert not EvidenceLink.objects.exists()

    def test_a_frequency_rule_without_a_count_is_refused_with_a_czech_message(self, current, login):
        w = current
        act = activity(w.description)
        response = login(w.users["editor"]).post(
            reverse("compliance:rule_create", kwargs={"unit": w.unit.slug, "activity": act.pk}),
            {"order": 1, "kind": "frequency", "text": "Minimálně ročně", "meeting_kinds": ["lp_plenary"]},
        )
        assert response.status_code == 200
        assert response.context["form"].errors["per_year"] == ["Uveďte, kolikrát ročně se má činnost konat."]
        assert not Rule.objects.exists()

    def test_a_deadline_needs_a_year_with_its_season(self, current, login):
        w = current
        act = activity(w.description)
        response = login(w.users["editor"]).post(
            reverse("compliance:rule_create", kwargs={"unit": w.unit.slug, "activity": act.pk}),
            {"order": 1, "kind": "deadline", "text": "Podzim", "season": "autumn", "document_type": "psz"},
        )
        assert response.context["form"].errors["season_year"] == ["K ročnímu období uveďte rok."]
        assert not Rule.objects.exists()

    def test_an_editor_adds_a_season_deadline_shown_as_written(self, current, login):
        w = current
        act = activity(w.description)
        client = login(w.users["editor"])
        response = client.post(
            reverse("compliance:rule_create", kwargs={"unit": w.unit.slug, "activity": act.pk}),
            {
                "order": 1,
                "kind": "deadline",
                "text": "Podzim 2021",
                "season": "autumn",
                "season_year": 2021,
                "document_type": "psz",
            },
        )
        rule = Rule.objects.get()
        assert response.status_code == 302
        assert (rule.unit, rule.activity, str(rule.due_date)) == (w.unit, act, "2021-11-30")
        text = client.get(dashboard_url(w.unit)).content.decode()
        assert "Podzim 2021" in text and "termín 30.\xa011.\xa02021" in text


def make_units(count: int, consultant=None) -> None:
    for i in range(count):
        unit = make_unit(f"Obec {i:03d}", f"obec-{i:03d}", f"9{i:07d}")
        description = CooperationDescription.objects.create(
            unit=unit,
            status="valid",
            valid_from=timezone.localdate() - timedelta(days=100),
            valid_to=timezone.localdate() + timedelta(days=600),
        )
        act = activity(description, "Jednání LP")
        frequency_rule(act)
        meeting(unit, timezone.localdate() - timedelta(days=5))
        if consultant is not None:
            Membership.objects.create(user=consultant, unit=unit, role=Role.CONSULTANT)


class TestOverview:
    @pytest.mark.parametrize("count", [10, 200])
    def test_query_count_is_the_same_for_10_and_200_units(
        self, world, login, django_assert_num_queries, count
    ):
        make_units(count, consultant=world.users["consultant"])
        client = login(world.users["agency_admin"])
        call_command("refresh_statuses", stdout=io.StringIO())  # the nightly job
        # One unit changed since: its stored status is brought up to date, the others only read.
        meeting(Meeting.objects.first().unit, timezone.localdate(), state="held")
        with django_assert_num_queries(14):
            response = client.get(reverse("compliance:overview"))
        with django_assert_num_queries(7):  # filtered, sorted and paged in the database
            by_status = client.get(reverse("compliance:overview"), {"sort": "status"})
        assert len(by_status.context["rows"]) == min(count + 2, 50)
        page = response.context["page"]
        assert (page.paginator.count, len(page.object_list)) == (count + 2, min(count + 2, 50))
        assert all(row.activities for row in page.object_list if row.unit.slug.startswith("obec-"))

    def test_a_consultant_sees_only_their_units_with_a_status_in_words(self, world, login):
        act = activity(world.description, "Jednání LP")
        frequency_rule(act)
        response = login(world.users["consultant"]).get(reverse("compliance:overview"))
        text = response.content.decode()
        assert [r.unit.slug for r in response.context["rows"]] == [world.unit.slug]
        assert "Jednání LP: " in text and "nesplněno" in text  # the status is written, not only coloured
        assert "konzultant" in text  # the consultant's name

    def test_filter_by_region_and_status_and_sort(self, world, login):
        world.other_unit.region = Region.USTECKY
        world.other_unit.save()
        client = login(world.users["agency_admin"])
        rows = client.get(reverse("compliance:overview"), {"region": "ustecky"}).context["rows"]
        assert [r.unit.slug for r in rows] == [world.other_unit.slug]
        rows = client.get(reverse("compliance:overview"), {"status": "unmet"}).context["rows"]
        assert rows == []
        frequency_rule(activity(world.description))
        rows = client.get(reverse("compliance:overview"), {"sort": "status"}).context["rows"]
        assert [(r.unit.slug, r.status) for r in rows] == [
            (world.unit.slug, "unmet"),
            (world.other_unit.slug, "no_rule"),
        ]

    def test_a_long_list_is_paged_and_the_second_page_keeps_the_filter(self, world, login):
        make_units(60)
        client = login(world.users["agency_admin"])
        first = client.get(reverse("compliance:overview"), {"region": "vysocina"})
        second = client.get(reverse("compliance:overview"), {"region": "vysocina", "strana": 2})
        assert (
            first.context["page"].paginator.num_pages,
            len(first.context["rows"]),
            len(second.context["rows"]),
        ) == (
            2,
            50,
            12,
        )  # 60 + the two units of the world
        assert "region=vysocina&amp;strana=2" in first.content.decode()
        assert not {r.unit for r in first.context["rows"]} & {r.unit for r in second.context["rows"]}

    def test_export_is_an_xlsx_with_one_row_per_unit(self, world, login):
        frequency_rule(activity(world.description, "Jednání LP"))
        response = login(world.users["agency_admin"]).get(reverse("compliance:overview_export"))
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert response["Content-Disposition"].startswith('attachment; filename="prehled-plneni-')
        book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        rows = list(book.worksheets[0].iter_rows(values_only=True))
        assert rows[0][0] == "Územní celek"
        assert [r[0] for r in rows[1:]] == ["Obec Jinde", "Statutární město Jihlava"]
        assert rows[2][4] == "nesplněno" and "Jednání LP: nesplněno" in rows[2][5]


@pytest.mark.parametrize(("n", "text"), [(1, "1\xa0den"), (3, "3\xa0dny"), (5, "5\xa0dní"), (0, "0\xa0dní")])
def test_days_are_written_with_the_right_czech_plural(n, text):
    from spojka.compliance.templatetags.compliance import days

    assert days(n) == text


def test_days_in_english_come_from_the_same_message():
    from django.utils import translation

    from spojka.compliance.templatetags.compliance import days

    with translation.override("en"):
        assert (days(1), days(3)) == ("1 day", "3 days")
