"""Deadline cells into rules; outputs into document types; meetings into kinds."""

from __future__ import annotations

from datetime import date

import pytest

from spojka.importer.parsed import RuleSpec
from spojka.importer.rules import NO_MEETING_KIND, document_type, meeting_kind, parse_rules


@pytest.mark.parametrize(
    ("cell", "activity", "expected"),
    [
        (
            "Minimálně 4x ročně (vč. pracovních skupin)",
            "Jednání lokálního partnerství (vč. jeho složek – pracovních skupin)",
            RuleSpec(
                kind="frequency",
                count=4,
                per="year",
                what="lp_plenary",
                text="Minimálně 4x ročně (vč. pracovních skupin)",
                at_least=True,
                includes_working_groups=True,
            ),
        ),
        (
            "2x ročně jednání konzultanta/ky ASZ, manažera SZ a pověřeného zástupce SZ",
            "Vyhodnocení spolupráce",
            RuleSpec(
                kind="frequency",
                count=2,
                per="year",
                what="evaluation",
                text="2x ročně jednání konzultanta/ky ASZ, manažera SZ a pověřeného zástupce SZ",
            ),
        ),
        (
            "1x ročně projednání v LP",
            "Vyhodnocení PSZ",
            RuleSpec(
                kind="frequency", count=1, per="year", what="lp_plenary", text="1x ročně projednání v LP"
            ),
        ),
        (
            "1x ročně zpráva o plnění popisu spolupráce",
            "Vyhodnocení spolupráce",
            RuleSpec(
                kind="periodic_output",
                count=1,
                per="year",
                what="coop_report",
                text="1x ročně zpráva o plnění popisu spolupráce",
            ),
        ),
        (
            "1x ročně zpráva o plnění PSZ",
            "Vyhodnocení PSZ",
            RuleSpec(
                kind="periodic_output",
                count=1,
                per="year",
                what="psz_report",
                text="1x ročně zpráva o plnění PSZ",
            ),
        ),
        ("Podzim 2021", "", RuleSpec(kind="deadline", season="autumn", year=2021, text="Podzim 2021")),
        ("jaro 2023", "", RuleSpec(kind="deadline", season="spring", year=2023, text="jaro 2023")),
        ("Léto 2024", "", RuleSpec(kind="deadline", season="summer", year=2024, text="Léto 2024")),
        ("do zimy 2025", "", RuleSpec(kind="deadline", season="winter", year=2025, text="do zimy 2025")),
        (
            "31. 12. 2022",
            "",
            RuleSpec(kind="deadline", date=date(2022, 12, 31), year=2022, text="31. 12. 2022"),
        ),
        (
            "nejpozději do 30. června 2024",
            "",
            RuleSpec(
                kind="deadline", date=date(2024, 6, 30), year=2024, text="nejpozději do 30. června 2024"
            ),
        ),
        ("do konce roku 2026", "", RuleSpec(kind="deadline", year=2026, text="do konce roku 2026")),
        ("Dle nabídky ASZ", "", RuleSpec(kind="none", text="Dle nabídky ASZ")),
        ("-", "", RuleSpec(kind="none", text="-")),
        ("průběžně", "", RuleSpec(kind="none", text="průběžně")),
        (
            "dvakrát ročně",
            "Jednání pracovní skupiny Bydlení",
            RuleSpec(kind="frequency", count=2, per="year", what="working_group", text="dvakrát ročně"),
        ),
        (
            "3x za pololetí",
            "",
            RuleSpec(
                kind="frequency", count=3, per="half_year", text="3x za pololetí", doubt=NO_MEETING_KIND
            ),
        ),
        (
            "měsíčně",
            "Jednání pracovní skupiny",
            RuleSpec(kind="frequency", count=1, per="month", what="working_group", text="měsíčně"),
        ),
        (
            "2× za dobu platnosti popisu spolupráce",
            "",
            RuleSpec(
                kind="frequency",
                count=2,
                per="validity",
                text="2× za dobu platnosti popisu spolupráce",
                doubt=NO_MEETING_KIND,
            ),
        ),
    ],
)
def test_one_rule(cell, activity, expected):
    assert parse_rules(cell, activity) == [expected]


def test_a_cell_with_three_rules_is_split_at_each_frequency():
    cell = (
        "2x ročně jednání konzultanta/ky ASZ, manažera SZ a pověřeného zástupce SZ "
        "1x ročně projednání v LP 1x ročně zpráva o plnění PSZ"
    )
    rules = parse_rules(cell, "Vyhodnocení PSZ")
    assert [(r.kind, r.count, r.what) for r in rules] == [
        ("frequency", 2, "evaluation"),
        ("frequency", 1, "lp_plenary"),
        ("periodic_output", 1, "psz_report"),
    ]
    assert rules[1].text == "1x ročně projednání v LP"


def test_a_season_then_a_frequency():
    rules = parse_rules("Podzim 2025, poté 1x ročně aktualizace", "Tvorba PSZ")
    assert [(r.kind, r.season, r.year, r.count) for r in rules] == [
        ("deadline", "autumn", 2025, None),
        ("frequency", None, None, 1),
    ]
    assert rules[0].text == "Podzim 2025"


def test_a_year_named_after_za_rok_is_not_a_frequency():
    assert parse_rules("zpráva za rok 2022")[0].kind != "frequency"


def test_an_empty_cell_has_a_none_rule():
    assert parse_rules("") == [RuleSpec(kind="none", text="")]


def test_no_meeting_kind_is_invented_for_an_unknown_meeting():
    assert parse_rules("2x ročně", "Setkání s veřejností")[0].what is None
    assert parse_rules("1x ročně", "Vyhodnocení PSZ")[0].what is None


@pytest.mark.parametrize(
    ("output", "code"),
    [
        ("Zpráva o plnění popisu spolupráce zastupitelstvu obce", "coop_report"),
        ("Zpráva o plnění PSZ zastupitelstvu obce", "psz_report"),
        ("Zpráva o plnění plánu sociálního začleňování", "psz_report"),
        ("Plán sociálního začleňování", "psz"),
        ("Strategický plán sociálního začleňování", "psz"),
        ("Podklad pro jednání pracovních skupin a nového strategického dokumentu.", "analysis"),
        ("Analýza sociálně vyloučených lokalit", "analysis"),
        ("Záznam z jednání", "minutes"),
        ("Záznam z jednání LP", "minutes"),
        ("Zápis z jednání", "minutes"),
        ("Prezenční listina", "attendance"),
        ("Certifikát", "certificate"),
        ("Osvědčení o absolvování", "certificate"),
        ("Statut a jednací řád", "statute"),
        ("Případně prezentace a studijní materiály", "presentation"),
    ],
)
def test_document_types(output, code):
    assert document_type(output) == code


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("projednání v LP", "lp_plenary"),
        ("Jednání lokálního partnerství", "lp_plenary"),
        ("Jednání lokálního partnerství (vč. jeho složek – pracovních skupin)", "lp_plenary"),
        ("Jednání pracovních skupin", "working_group"),
        ("jednání konzultanta/ky ASZ, manažera SZ a pověřeného zástupce SZ", "evaluation"),
        ("Setkání s veřejností", None),
    ],
)
def test_meeting_kinds(text, kind):
    assert meeting_kind(text) == kind
