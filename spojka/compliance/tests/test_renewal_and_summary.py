"""Renewal ("Navázat novým popisem spolupráce") and the dashboard's "what is due now" summary."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from spojka.compliance import services
from spojka.compliance.engine import Status
from spojka.compliance.evaluation import evaluate_description
from spojka.compliance.summary import schedule_summary
from spojka.compliance.tests.helpers import activity, frequency_rule, meeting, output_rule, season_rule
from spojka.cooperation.models import CooperationDescription
from spojka.meetings.models import Task


class TestRenewal:
    def test_the_renewal_is_a_linked_draft_prefilled_with_areas_schedule_and_commitment(self, world):
        act = activity(world.description, "Jednání LP")
        frequency_rule(act, per_year=4)
        season_rule(act, "autumn", 2021)  # fell due in the old period: left behind
        season_rule(act, "autumn", 2024)

        renewal, left_behind = services.description_renew(
            description=world.description, valid_from=date(2023, 11, 2), valid_to=date(2025, 11, 1)
        )

        assert (renewal.status, renewal.version, renewal.previous) == ("draft", 2, world.description)
        assert (renewal.valid_from, renewal.valid_to) == (date(2023, 11, 2), date(2025, 11, 1))
        assert renewal.training_total_hours == Decimal("40")
        assert [(a.name, a.focus) for a in renewal.thematic_areas.all()] == [
            ("Bydlení", "Podpora nájemníků.")
        ]
        copied = renewal.activities.get()
        assert [r.kind for r in copied.rules.order_by("order", "pk")] == ["frequency", "deadline"]
        assert left_behind == 1
        assert world.description.activities.get().rules.count() == 3  # the old schedule is untouched

    def test_a_description_has_one_successor(self, world):
        services.description_renew(
            description=world.description, valid_from=date(2023, 11, 2), valid_to=date(2025, 11, 1)
        )
        with pytest.raises(ValidationError):
            services.description_renew(
                description=world.description, valid_from=date(2023, 11, 2), valid_to=date(2025, 11, 1)
            )

    def test_the_page_proposes_the_next_period_and_shows_the_gap_after_saving(self, world, login):
        client = login(world.users["editor"])
        url = reverse(
            "compliance:description_renew", kwargs={"unit": world.unit.slug, "pk": world.description.pk}
        )

        page = client.get(url)
        assert page.context["form"].initial == {
            "valid_from": date(2023, 11, 2),
            "valid_to": date(2025, 11, 1),
        }

        bad = client.post(url, {"valid_from": "2024-01-01", "valid_to": "2023-12-31"})
        assert bad.status_code == 422
        assert "Konec platnosti musí být po jejím začátku." in bad.content.decode()
        assert CooperationDescription.objects.count() == 1  # nothing half-saved

        response = client.post(url, {"valid_from": "2024-01-01", "valid_to": "2025-12-31"}, follow=True)
        text = response.content.decode().replace("\xa0", " ")
        assert "Mezi popisy je mezera 60 dní (2. 11. 2023 – 31. 12. 2023)" in text
        assert "návrh" in text

    def test_a_partner_cannot_renew(self, world, login):
        url = reverse(
            "compliance:description_renew", kwargs={"unit": world.unit.slug, "pk": world.description.pk}
        )
        assert (
            login(world.users["partner"])
            .post(url, {"valid_from": "2024-01-01", "valid_to": "2025-12-31"})
            .status_code
            == 403
        )


class TestSummary:
    def test_failing_rules_of_the_current_period_come_worst_first_with_the_next_deadline(self, world):
        act = activity(world.description)
        lp = frequency_rule(act, per_year=4, text="4x ročně LP")
        report = output_rule(act)
        meeting(world.unit, date(2022, 3, 1))
        today = date(2022, 11, 20)  # the yearly report is in its last 60 days: at risk

        summary = schedule_summary(evaluate_description(description=world.description, today=today), today)

        assert [(f.rule.rule.pk, f.status) for f in summary.failing] == [
            (lp.pk, Status.AT_RISK),
            (report.pk, Status.AT_RISK),
        ]
        assert summary.next_due == date(2022, 12, 31)

    def test_the_landing_page_is_the_summary_for_a_one_unit_user(self, world, login):
        today = timezone.localdate()
        world.description.status = "valid"
        world.description.valid_from, world.description.valid_to = (
            today - timedelta(days=30),
            today + timedelta(days=700),
        )
        world.description.save()
        Task.objects.create(unit=world.unit, title="Poslat zápis z LP", due_on=today - timedelta(days=3))
        meeting(world.unit, today + timedelta(days=6), state="planned", title="Jednání LP v prosinci")

        response = login(world.users["editor"]).get("/", follow=True)

        text = response.content.decode()
        assert response.redirect_chain[-1][0] == reverse(
            "compliance:dashboard", kwargs={"unit": world.unit.slug}
        )
        assert text.index("Co je teď potřeba") < text.index("Harmonogram a jeho plnění")
        assert "Poslat zápis z LP" in text and "Jednání LP v prosinci" in text
        assert "Zbývá 700" in text.replace("\xa0", " ")

    def test_a_unit_without_a_valid_description_sees_a_banner_with_the_renewal(self, world, login):
        world.description.status = "valid"  # left at "platné", but its dates ended in 2023
        world.description.save()

        for name in ("compliance:dashboard", "cooperation:unit_detail"):
            text = (
                login(world.users["editor"])
                .get(reverse(name, kwargs={"unit": world.unit.slug}))
                .content.decode()
            )
            assert "Územní celek nemá platný popis spolupráce." in text
            assert "Navázat novým popisem spolupráce" in text
            assert "platné</span>" not in text and "platnost skončila dne" in text
