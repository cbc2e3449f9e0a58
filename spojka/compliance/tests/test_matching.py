"""Evidence matched strictly (issue 12): the right kind, inside the period and the validity.

The false match that started it: "Analýza situace v ubytovnách 2026" (podklad / analýza, 2026)
turned "Vyhodnocení SPSZ 2019–2022 – Podzim 2022" of a description valid 2021–2023 from
"nesplněno" into "splněno po termínu".
"""

from __future__ import annotations

from datetime import date

from spojka.compliance import services
from spojka.compliance.engine import Status
from spojka.compliance.tests.helpers import (
    activity,
    document,
    frequency_rule,
    meeting,
    output_rule,
    season_rule,
)
from spojka.compliance.tests.test_services import by_year, status_of

TODAY = date(2026, 11, 20)


class TestFalseEvidence:
    def test_an_unrelated_analysis_of_2026_does_not_evidence_the_2022_evaluation(self, world):
        rule = season_rule(activity(world.description), "autumn", 2022, doc_type="analysis")
        document(world.unit, "analysis", date(2026, 10, 1), "Analýza situace v ubytovnách 2026")

        rs = status_of(world.description, rule, today=TODAY)

        assert rs.status == Status.UNMET
        assert rs.periods[0].evidence == []

    def test_an_analysis_counts_once_a_person_links_it_as_the_evaluation(self, world):
        rule = season_rule(activity(world.description), "autumn", 2022, doc_type="analysis")
        evaluation = document(world.unit, "analysis", date(2022, 11, 1), "Vyhodnocení SPSZ 2019–2022")
        assert (
            status_of(world.description, rule, today=TODAY).status == Status.UNMET
        )  # generic: not automatic

        services.evidence_set(rule=rule, kind="document", object_id=evaluation.pk, included=True)

        rs = status_of(world.description, rule, today=TODAY)
        assert rs.status == Status.MET
        assert [(e.id, e.manual) for e in rs.periods[0].evidence] == [(evaluation.pk, True)]

    def test_a_document_of_the_wrong_type_does_not_count(self, world):
        rule = season_rule(activity(world.description), "autumn", 2021, doc_type="psz")
        document(world.unit, "psz_report", date(2021, 10, 1))

        assert status_of(world.description, rule, today=TODAY).status == Status.UNMET

    def test_a_document_of_the_right_type_outside_the_validity_does_not_count(self, world):
        rule = season_rule(activity(world.description), "autumn", 2021, doc_type="psz")
        document(world.unit, "psz", date(2021, 6, 1))  # before the validity (2. 11. 2021)
        document(world.unit, "psz", date(2024, 2, 1))  # after it (1. 11. 2023)

        assert status_of(world.description, rule, today=TODAY).status == Status.UNMET

    def test_a_late_document_inside_the_validity_is_met_late(self, world):
        rule = season_rule(activity(world.description), "autumn", 2021, doc_type="psz")
        document(world.unit, "psz", date(2022, 3, 1))

        assert status_of(world.description, rule, today=TODAY).status == Status.MET_LATE

    def test_a_report_counts_only_for_the_year_it_is_dated_in(self, world):
        rule = output_rule(activity(world.description))
        document(world.unit, "coop_report", date(2023, 2, 1))

        years = by_year(status_of(world.description, rule, today=TODAY))

        assert (years[2022].held_count, years[2022].status) == (0, Status.UNMET)
        assert (years[2023].held_count, years[2023].status) == (1, Status.MET)

    def test_a_cancelled_meeting_counts_for_nothing_and_is_listed_as_such(self, world):
        rule = frequency_rule(activity(world.description), per_year=1, groups=False)
        cancelled = meeting(world.unit, date(2022, 5, 1), state="cancelled")

        year = by_year(status_of(world.description, rule, today=TODAY))[2022]

        assert (year.held_count, year.status) == (0, Status.UNMET)
        assert [e.id for e in year.cancelled] == [cancelled.pk]
