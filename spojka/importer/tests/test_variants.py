"""Other cooperation descriptions in the standard form (fictional municipalities).

Each fixture varies what the seed does not: hours and validity, areas, one and five working
groups, member organisations with legal forms, a named manager, no regional contact, a vote,
filled-in approval and signatures, activities the seed does not have, page furniture mid-flow.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from spojka.importer.extract import extract_text
from spojka.importer.parsed import LinkedStrategy, ParsedDescription, RuleSpec, Signature, YearRange
from spojka.importer.parser import parse_cooperation_description
from spojka.importer.rules import NO_MEETING_KIND

FIXTURES = Path(__file__).parent / "fixtures"


def parse_fixture(name: str) -> ParsedDescription:
    return parse_cooperation_description((FIXTURES / name).read_text(encoding="utf-8"))


def activity(parsed: ParsedDescription, name: str):
    return next(a for a in parsed.activities.value if a.name.value == name)


# --- Obec Dolní Lhota: page numbers, running headers, a repeated table header, footnotes mid-flow --


@pytest.fixture(scope="module")
def dolni_lhota() -> ParsedDescription:
    return parse_fixture("dolni-lhota.txt")


def test_dolni_lhota_header_and_named_manager(dolni_lhota):
    assert dolni_lhota.unit_name.value == "Obec Dolní Lhota"
    assert dolni_lhota.seat.value == "Náves 12, Dolní Lhota, 78901"
    assert dolni_lhota.ico.value == "52601811"
    assert dolni_lhota.representative_function.value == "starostka obce"
    assert dolni_lhota.inclusion_manager.value.name == "Mgr. Petra Horáková"
    assert dolni_lhota.inclusion_manager.value.vacant is False
    assert dolni_lhota.agency_regional_head.value == "Mgr. Tomáš Kučera"


def test_dolni_lhota_other_hours_and_validity(dolni_lhota):
    assert dolni_lhota.memorandum_date.value == date(2024, 3, 14)
    assert dolni_lhota.project_registration_number.value == "CZ.03.02.02/00/22_003/0000412"
    assert dolni_lhota.training_total_hours.value == 60
    assert dolni_lhota.training_distance_cap_hours.value == 30
    assert dolni_lhota.validity_years.value == 3
    assert dolni_lhota.programme_period_note.value == "spolupráce probíhá v programovém období 2021–2027"


def test_dolni_lhota_focus_continues_after_footnotes_and_a_page_break(dolni_lhota):
    areas = {area.name: area.focus.value for area in dolni_lhota.thematic_areas.value}
    assert list(areas) == ["Bydlení", "Zaměstnanost", "Vzdělávání"]
    assert areas["Vzdělávání"] == (
        "V oblasti vzdělávání se zaměříme na podporu dětí v předškolním vzdělávání, doučování žáků "
        "základní školy a na spolupráci školy s rodinami."
    )
    # Neither the footnotes nor "Stránka 1 z 4" nor the running header leak into a value.
    assert "Stránka" not in areas["Zaměstnanost"]
    assert "Popis spolupráce – Obec" not in areas["Zaměstnanost"]


def test_dolni_lhota_one_working_group_whose_name_contains_a(dolni_lhota):
    groups = dolni_lhota.working_groups.value
    assert [(g.name, g.crosscutting) for g in groups] == [("bydlení a zaměstnanost", False)]
    assert (
        dolni_lhota.lp_established_by.value == "usnesením zastupitelstva obce č. 12/2024 ze dne 20. 2. 2024"
    )


def test_dolni_lhota_members_keep_legal_forms_together(dolni_lhota):
    assert dolni_lhota.members_of("city") == [
        "starostka",
        "místostarosta",
        "sociální pracovnice obecního úřadu",
        "ředitelka ZŠ a MŠ Dolní Lhota",
    ]
    assert dolni_lhota.members_of("public_institutions") == [
        "Úřad práce ČR – kontaktní pracoviště Horní Lhota",
        "Policie ČR – obvodní oddělení Horní Lhota",
        "OSPOD Horní Lhota",
    ]
    assert dolni_lhota.members_of("ngos") == [
        "Charita Horní Lhota",
        "Člověk v tísni, o.p.s.",
        "Rodinné centrum Sedmikráska, z. s.",
    ]


def test_dolni_lhota_plan_esif_bullets_and_no_regional_contact(dolni_lhota):
    assert dolni_lhota.psz_period.value == YearRange(2025, 2029)
    assert dolni_lhota.psz_target_group.value == (
        "rodiny s dětmi ohrožené ztrátou bydlení, dlouhodobě nezaměstnaní a senioři"
    )
    assert dolni_lhota.psz_linked_strategies.value == [
        LinkedStrategy("Program rozvoje obce Dolní Lhota", "2023–2030", 2023, 2030),
        LinkedStrategy(
            "Střednědobý plán rozvoje sociálních služeb Moravskoslezského kraje",
            "na období 2024–2026",
            2024,
            2026,
        ),
    ]
    assert dolni_lhota.esif_interventions.value == [
        "sociální práce v obci",
        "podpora prostupného zaměstnávání",
        "předškolní kluby",
    ]
    assert dolni_lhota.regional_contact.found is True
    assert dolni_lhota.regional_contact.value is None
    assert dolni_lhota.regional_contact.snippet == "není relevantní"


def test_dolni_lhota_stance_by_vote(dolni_lhota):
    stance = dolni_lhota.lp_stance.value
    assert stance.date == date(2024, 10, 9)
    assert stance.outcome == "vote"
    assert (stance.votes_for, stance.votes_against, stance.abstained) == (12, 1, 2)
    assert stance.adopted is True


def test_dolni_lhota_approval_and_signatures_filled_in(dolni_lhota):
    assert dolni_lhota.approval_date.value == date(2024, 11, 11)
    assert dolni_lhota.resolution_number.value == "45/2024-ZO"
    assert dolni_lhota.unit_signature.value == Signature("V Dolní Lhotě", date(2024, 11, 12))
    assert dolni_lhota.agency_signature.value == Signature("V Praze", date(2024, 11, 20))


def test_dolni_lhota_schedule_survives_a_page_break_with_repeated_header(dolni_lhota):
    assert [a.name.value for a in dolni_lhota.activities.value] == [
        "Jednání lokálního partnerství (vč. pracovní skupiny)",
        "Vyhodnocení spolupráce",
        "Tvorba plánu sociálního začleňování (PSZ)",
        "Setkání s veřejností",
        "Odborné poradenství včetně realizace vzdělávacích aktivit",
    ]
    assert dolni_lhota.warnings == []
    plan = activity(dolni_lhota, "Tvorba plánu sociálního začleňování (PSZ)")
    assert plan.rules == [RuleSpec(kind="deadline", year=2025, date=date(2025, 12, 31), text="31. 12. 2025")]
    evaluation = activity(dolni_lhota, "Vyhodnocení spolupráce")
    assert "Stránka" not in evaluation.deadline.value
    assert [(r.kind, r.count, r.what) for r in evaluation.rules] == [
        ("frequency", 2, "evaluation"),
        ("periodic_output", 1, "coop_report"),
    ]


def test_dolni_lhota_activity_the_seed_does_not_have(dolni_lhota):
    public = activity(dolni_lhota, "Setkání s veřejností")
    assert public.specification.value == (
        "Informování obyvatel o záměrech v oblasti bydlení a zaměstnanosti, sběr podnětů."
    )
    assert [(o.text, o.document_type) for o in public.outputs.value] == [
        ("Záznam ze setkání", "minutes"),
        ("Prezenční listina", "attendance"),
    ]
    assert public.agency_responsibility.value == ["Metodická podpora"]
    assert public.municipality_responsibility.value == ["Organizační zajištění", "Propagace setkání"]
    # The text names no meeting kind Spojka knows, so none is invented.
    assert public.rules == [
        RuleSpec(kind="frequency", count=2, per="year", what=None, text="2x ročně", doubt=NO_MEETING_KIND)
    ]


def test_dolni_lhota_lp_rule_counts_the_working_group(dolni_lhota):
    lp = dolni_lhota.activities.value[0]
    assert lp.rules[0].count == 3
    assert lp.rules[0].includes_working_groups is True


# --- Město Stříbrný Potok: five working groups, legal forms, consensus, dash deadline --------------


@pytest.fixture(scope="module")
def stribrny_potok() -> ParsedDescription:
    return parse_fixture("stribrny-potok.txt")


def test_stribrny_potok_header_without_regional_head(stribrny_potok):
    assert stribrny_potok.unit_name.value == "Město Stříbrný Potok"
    assert stribrny_potok.representative_function.value == (
        "místostarosta města pro oblast sociálních věcí a zdravotnictví"
    )
    assert stribrny_potok.inclusion_manager.value.name == "Bc. Jan Vondráček"
    assert stribrny_potok.agency_regional_head.found is True
    assert stribrny_potok.agency_regional_head.value is None


def test_stribrny_potok_hours_in_short_form_and_validity_in_words(stribrny_potok):
    assert stribrny_potok.training_total_hours.value == 50
    assert stribrny_potok.training_distance_cap_hours.value == 25
    assert stribrny_potok.validity_years.value == 3
    # The validity sentence says nothing about programme periods: nothing is made up.
    assert stribrny_potok.programme_period_note.found is False
    assert stribrny_potok.programme_period_note.value is None


def test_stribrny_potok_five_areas_each_with_its_focus(stribrny_potok):
    areas = stribrny_potok.thematic_areas.value
    assert [a.name for a in areas] == [
        "Sociální služby",
        "Dluhy",
        "Rodina a děti",
        "Bezpečnost a prevence kriminality",
        "Zdraví",
    ]
    focus = {a.name: a.focus.value for a in areas}
    assert focus["Dluhy"] == (
        "V oblasti dluhů plánujeme posílit dluhové poradenství a prevenci zadlužení mladých lidí."
    )
    assert focus["Rodina a děti"].startswith("V oblasti rodiny a dětí")
    assert (
        focus["Zdraví"] == "V oblasti zdraví se zaměříme na dostupnost zdravotní péče a prevenci závislostí."
    )


def test_stribrny_potok_five_working_groups_joined_by_a(stribrny_potok):
    groups = stribrny_potok.working_groups.value
    assert [(g.name, g.crosscutting) for g in groups] == [
        ("sociální služby", False),
        ("dluhy", False),
        ("rodina a děti", False),
        ("bezpečnost", False),
        ("zdraví", True),
    ]


def test_stribrny_potok_members_with_legal_forms_and_an_extra_category(stribrny_potok):
    assert stribrny_potok.members_of("public_institutions") == [
        "Úřad práce ČR – kontaktní pracoviště Stříbrný Potok",
        "Probační a mediační služba ČR",
        "Základní škola Stříbrný Potok, příspěvková organizace",
    ]
    assert stribrny_potok.members_of("ngos") == [
        "Charita Stříbrný Potok",
        "Spolek Naděje, z. s.",
        "Centrum pro rodinu Klubíčko, z. ú.",
        "Adiktologické centrum Krok, o. p. s.",
    ]
    schools = stribrny_potok.members.value[-1]
    assert (schools.category, schools.label) == ("other", "škol")
    assert schools.organisations == ["Mateřská škola Sluníčko", "Gymnázium Stříbrný Potok"]


def test_stribrny_potok_strategies_skip_a_link_to_an_analysis(stribrny_potok):
    assert stribrny_potok.psz_period.value == YearRange(2025, 2028)
    assert [s.title for s in stribrny_potok.psz_linked_strategies.value] == [
        "Komunitním plánem sociálních služeb města Stříbrný Potok",
        "Strategickým plánem rozvoje města Stříbrný Potok",
        "Krajskou koncepcí prevence kriminality",
    ]


def test_stribrny_potok_contact_with_degree_after_name(stribrny_potok):
    contact = stribrny_potok.regional_contact.value
    assert contact.name == "Ing. Marie Dušková, Ph.D."
    assert contact.function == "krajská koordinátorka pro sociální začleňování"


def test_stribrny_potok_consensus_with_month_name_date(stribrny_potok):
    stance = stribrny_potok.lp_stance.value
    assert (stance.date, stance.outcome, stance.adopted) == (date(2024, 9, 5), "consensus", True)
    assert stribrny_potok.approval_date.value == date(2024, 12, 16)
    assert stribrny_potok.resolution_number.value == "ZM/112/2024"
    assert stribrny_potok.unit_signature.value == Signature("Ve Stříbrném Potoce", date(2024, 12, 17))
    assert stribrny_potok.agency_signature.value == Signature("V Praze", date(2025, 1, 8))


def test_stribrny_potok_schedule_rules(stribrny_potok):
    rules = {a.name.value: a.rules for a in stribrny_potok.activities.value}
    assert rules["Jednání lokálního partnerství"] == [
        RuleSpec(kind="frequency", count=1, per="quarter", what="lp_plenary", text="Čtvrtletně")
    ]
    assert rules["Jednání pracovních skupin"][0].what == "working_group"
    assert rules["Jednání pracovních skupin"][0].at_least is True
    assert rules["Tvorba plánu sociálního začleňování (PSZ)"] == [
        RuleSpec(kind="deadline", season="spring", year=2025, text="Jaro 2025")
    ]
    assert rules["Konzultace k dotačním příležitostem"] == [RuleSpec(kind="none", text="-")]


def test_stribrny_potok_a_dash_deadline_ends_its_row(stribrny_potok):
    consultation = activity(stribrny_potok, "Konzultace k dotačním příležitostem")
    assert consultation.municipality_responsibility.value == ["Příprava projektových záměrů"]
    following = activity(stribrny_potok, "Vyhodnocení PSZ")
    assert following.outputs.value[0].document_type == "psz_report"
    assert stribrny_potok.warnings == []


# --- Městys Velká Jedlová: cp1250, form feeds, running header, empty sections ----------------------


@pytest.fixture(scope="module")
def velka_jedlova() -> ParsedDescription:
    data = (FIXTURES / "velka-jedlova-cp1250.txt").read_bytes()
    return parse_cooperation_description(extract_text(data, "velka-jedlova.txt"))


def test_velka_jedlova_labels_and_values_on_one_line(velka_jedlova):
    assert velka_jedlova.unit_name.value == "Městys Velká Jedlová"
    assert velka_jedlova.ico.value == "66131863"
    assert velka_jedlova.representative_function.value == "místostarosta městyse"
    manager = velka_jedlova.inclusion_manager.value
    assert manager.vacant is True
    assert manager.note == "pozice není obsazena, agendu zajišťuje tajemnice úřadu městyse"
    assert velka_jedlova.agency_regional_head.value == "Bc. Lucie Pokorná"


def test_velka_jedlova_small_numbers(velka_jedlova):
    assert velka_jedlova.memorandum_date.value == date(2025, 1, 10)
    assert (velka_jedlova.training_total_hours.value, velka_jedlova.training_distance_cap_hours.value) == (
        30,
        10,
    )
    assert velka_jedlova.validity_years.value == 1


def test_velka_jedlova_two_groups_joined_by_a(velka_jedlova):
    assert [g.name for g in velka_jedlova.working_groups.value] == ["Vzdělávání", "Bydlení"]
    assert velka_jedlova.lp_established_by.value == "starostou městyse v lednu 2025"
    assert velka_jedlova.members_of("city") == ["starosta", "místostarosta", "tajemnice úřadu"]


def test_velka_jedlova_empty_sections_are_found_and_empty(velka_jedlova):
    assert velka_jedlova.esif_interventions.value == []
    assert velka_jedlova.esif_interventions.found is True
    assert velka_jedlova.regional_contact.value is None
    assert velka_jedlova.regional_contact.found is True
    assert velka_jedlova.psz_linked_strategies.found is False
    assert velka_jedlova.approval_date.found is True
    assert velka_jedlova.approval_date.value is None
    assert velka_jedlova.resolution_number.value is None
    assert velka_jedlova.unit_signature.value == Signature("V Velké Jedlové", None)


def test_velka_jedlova_vote_with_a_single_abstention(velka_jedlova):
    stance = velka_jedlova.lp_stance.value
    assert (stance.votes_for, stance.votes_against, stance.abstained) == (9, 0, 1)


def test_velka_jedlova_running_header_is_not_content(velka_jedlova):
    for field in (velka_jedlova.lp_stance, velka_jedlova.psz_target_group, velka_jedlova.members):
        assert "AGENTURA PRO" not in field.snippet
    assert (
        velka_jedlova.psz_target_group.value
        == "děti a žáci ze sociálně znevýhodněného prostředí a jejich rodiny"
    )


def test_velka_jedlova_schedule(velka_jedlova):
    rules = {a.name.value: a.rules for a in velka_jedlova.activities.value}
    assert list(rules) == [
        "Jednání lokálního partnerství",
        "Tvorba akčního plánu",
        "Vyhodnocení spolupráce",
        "Metodická podpora škole",
    ]
    assert rules["Tvorba akčního plánu"] == [
        RuleSpec(kind="deadline", year=2025, date=date(2025, 6, 30), text="Do 30. 6. 2025")
    ]
    assert rules["Metodická podpora škole"] == [RuleSpec(kind="none", text="Průběžně")]
    school = activity(velka_jedlova, "Metodická podpora škole")
    assert school.outputs.found is True
    assert school.outputs.value == []  # "-" in the output column
    plan = activity(velka_jedlova, "Tvorba akčního plánu")
    assert plan.specification.value == "Formulace opatření v oblasti vzdělávání a bydlení."
    assert plan.outputs.value[0].document_type == "psz"


# --- Statutární město Bělov: typed text, labels with colons, lowercase areas ----------------------


@pytest.fixture(scope="module")
def belov() -> ParsedDescription:
    return parse_fixture("belov.txt")


def test_belov_labels_with_colons_and_a_named_substitute(belov):
    assert belov.unit_name.value == "Statutární město Bělov"
    assert belov.ico.value == "09139095"
    assert belov.inclusion_manager.value.vacant is True
    assert belov.inclusion_manager.value.note == "Zástup: Mgr. Eva Malá (pozice manažera není obsazena)"
    assert belov.memorandum_date.value == date(2025, 2, 28)
    assert (belov.training_total_hours.value, belov.training_distance_cap_hours.value) == (80, 40)


def test_belov_lowercase_area_list(belov):
    areas = belov.thematic_areas.value
    assert [a.name for a in areas] == ["zaměstnanost", "bydlení", "sociální služby"]
    assert all(a.focus.found for a in areas)


def test_belov_nested_parentheses_in_members(belov):
    assert belov.members_of("public_institutions") == [
        "Úřad práce ČR (krajská pobočka Bělov)",
        "Policie ČR",
        "Městská policie Bělov",
    ]
    assert belov.members_of("ngos") == ["IQ Roma servis Bělov", "Armáda spásy v ČR, z. s.", "Romodrom Bělov"]
    assert [(g.name, g.crosscutting) for g in belov.working_groups.value] == [
        ("zaměstnanost", False),
        ("bydlení", True),
        ("sociální služby", False),
    ]


def test_belov_plan_and_unanimous_approval(belov):
    assert belov.psz_period.value == YearRange(2026, 2030)
    assert belov.psz_linked_strategies.value[1] == LinkedStrategy(
        "Akční plán rozvoje sociálních služeb", "na rok 2026", 2026, 2026
    )
    assert belov.esif_interventions.value == [
        "Sociální práce v bydlení",
        "Podpora sociálního podnikání",
        "Programy pro děti a mládež",
    ]
    assert belov.regional_contact.value is None
    stance = belov.lp_stance.value
    assert (stance.date, stance.outcome, stance.adopted) == (date(2025, 5, 12), "vote", True)
    assert stance.votes_for is None  # "jednomyslně" gives no counts, and none are invented


def test_belov_cell_with_two_rules(belov):
    plan = activity(belov, "Tvorba plánu sociálního začleňování (PSZ)")
    assert plan.rules == [
        RuleSpec(kind="deadline", season="autumn", year=2025, text="Podzim 2025"),
        RuleSpec(
            kind="frequency",
            count=1,
            per="year",
            what=None,
            text="1x ročně aktualizace",
            doubt=NO_MEETING_KIND,
        ),
    ]
    training = activity(belov, "Odborné poradenství včetně realizace vzdělávacích aktivit")
    assert [o.document_type for o in training.outputs.value] == ["attendance", "certificate"]


def test_belov_signatures_separated_by_a_tab(belov):
    assert belov.approval_date.value == date(2025, 6, 23)
    assert belov.resolution_number.value == "ZMB/0456/25"
    assert belov.unit_signature.value == Signature("V Bělově", date(2025, 6, 24))
    assert belov.agency_signature.value == Signature("V Praze", date(2025, 7, 1))
