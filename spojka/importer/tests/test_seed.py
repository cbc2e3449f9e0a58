"""The Jihlava cooperation description (the seed document), field by field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from spojka.importer.parsed import LinkedStrategy, ParsedDescription, RuleSpec, YearRange
from spojka.importer.parser import parse_cooperation_description

FIXTURE = Path(__file__).parent / "fixtures" / "jihlava.txt"
# In CI the repository is cloned next to shared/; a developer's worktree sits one level deeper.
_ROOT = Path(__file__).resolve().parents[3]
SHARED_SEED = next(
    (
        candidate
        for candidate in (
            base / "shared" / "seed" / "popis-spoluprace-jihlava.txt"
            for base in (_ROOT.parent, _ROOT.parent.parent)
        )
        if candidate.exists()
    ),
    _ROOT.parent / "shared" / "seed" / "popis-spoluprace-jihlava.txt",
)


@pytest.fixture(scope="module")
def seed() -> ParsedDescription:
    return parse_cooperation_description(FIXTURE.read_text(encoding="utf-8"))


NO_SHARED = pytest.mark.skipif(not SHARED_SEED.exists(), reason="shared/ is not beside the repository")


@NO_SHARED
def test_fixture_is_an_unchanged_copy_of_the_shared_seed():
    assert FIXTURE.read_bytes() == SHARED_SEED.read_bytes()


@NO_SHARED
def test_the_shared_seed_parses_like_the_fixture(seed):
    shared = parse_cooperation_description(SHARED_SEED.read_text(encoding="utf-8"))
    assert shared.to_dict() == seed.to_dict()


def test_header_table(seed):
    assert seed.unit_name.value == "Jihlava"
    assert seed.seat.value == "Masarykovo náměstí 97/1, Jihlava, 58601"  # footnote marker "Sídlo1" gone
    assert seed.ico.value == "00286010"
    assert seed.representative_function.value == (
        "uvolněný člen Rady města Jihlavy pro oblast školství, kultury a tělovýchovy a pro oblast sociálních věcí"
    )


def test_vacant_manager_keeps_the_substitute_note(seed):
    manager = seed.inclusion_manager.value
    assert manager.vacant is True
    assert manager.name is None
    assert manager.note == "Zástup (samotná pozice aktuálně není obsazená)"


def test_empty_regional_head_is_found_but_has_no_value(seed):
    assert seed.agency_regional_head.found is True
    assert seed.agency_regional_head.value is None


def test_introduction(seed):
    assert seed.memorandum_date.value == date(2021, 11, 2)
    assert seed.project_registration_number.value == "CZ.03.2.63/0.0./0.0/15_030/0000605"
    assert seed.training_total_hours.value == 40
    assert seed.training_distance_cap_hours.value == 20


def test_validity_and_programme_period(seed):
    assert seed.validity_years.value == 2
    assert seed.programme_period_note.value == (
        "jedná se o přechodné období mezi stávajícím (2015-2020) a budoucím programovým obdobím (2021-2027)"
    )


def test_thematic_areas_and_their_focus(seed):
    areas = seed.thematic_areas.value
    assert [area.name for area in areas] == [
        "Zaměstnanost",
        "Bezpečnost a prevence kriminality",
        "Dluhová problematika",
        "Bydlení",
        "Sociální služby",
    ]
    focus = {area.name: area.focus.value for area in areas}
    assert focus["Zaměstnanost"].startswith("V oblasti zaměstnanosti se zaměříme především na prostupné")
    assert focus["Zaměstnanost"].endswith("v oblasti sdílení dat.")
    assert focus["Bezpečnost a prevence kriminality"].startswith(
        "V oblasti bezpečnosti a prevence kriminality"
    )
    assert focus["Dluhová problematika"].startswith("V oblasti dluhové problematiky bude stěžejní")
    assert focus["Bydlení"].endswith("na území města.")


def test_focus_after_the_footnotes_skips_the_footnote_bodies(seed):
    social = next(area for area in seed.thematic_areas.value if area.name == "Sociální služby")
    assert social.focus.value.startswith("V oblasti sociálních služeb plánujeme vytvoření alternativy")
    assert "V případě obce" not in social.focus.value
    bydleni = next(area for area in seed.thematic_areas.value if area.name == "Bydlení")
    assert "V případě obce" not in bydleni.focus.snippet


def test_local_partnership(seed):
    assert (
        seed.lp_established_by.value == "radním pro oblast školství, kultury, tělovýchovy a sociálních věcí"
    )
    groups = seed.working_groups.value
    assert [(g.name, g.crosscutting) for g in groups] == [
        ("sociální začleňování", True),
        ("projekty a implementace", True),
        ("komunitní plánování", True),
    ]


def test_member_organisations_by_category(seed):
    assert seed.members_of("city") == [
        "vedoucí sociálního odboru",
        "vedoucí realizace projektových záměrů",
        "vedoucí odboru školství",
        "vedoucí majetkového odboru",
        "vedoucí ekonomického odboru",
        "manažer sociálního začleňování",
        "koordinátor pro romské záležitosti",
        "vedoucí odboru rozvoje města",
        "koordinátor protidrogové politiky kraje Vysočina",
    ]
    assert seed.members_of("public_institutions") == [
        "Úřad práce Jihlava",
        "Městská policie Jihlava",
        "Centrum na podporu integrace cizinců",
        "Středisko probační a mediační služby Jihlava",
        "Služby města Jihlavy",
        "Informační centrum Vysočina",
    ]
    assert seed.members_of("ngos") == [
        "Občanská poradna Jihlava",
        "F POINT",
        "Bílý kruh bezpečí",
        "Středisko křesťanské pomoci",
        "Diecézní charita Brno – Oblastní charita Jihlava",
    ]


def test_plan_specification(seed):
    assert seed.psz_period.value == YearRange(2022, 2027)
    assert seed.psz_target_group.value == "osoby sociálně vyloučené a sociálním vyloučením ohrožené"
    assert seed.psz_linked_strategies.value == [
        LinkedStrategy("Strategický plán rozvoje statutárního města Jihlava", "do roku 2020", None, 2020),
        LinkedStrategy("Komunitní plán sociálních služeb – Jihlava", "2016", 2016, 2016),
        LinkedStrategy(
            "Integrovaný plán rozvoje území Jihlavské sídelní aglomerace", "2014 – 2020", 2014, 2020
        ),
        LinkedStrategy("Zdravotní plán města Jihlava", "2018 - 2020", 2018, 2020),
        LinkedStrategy("Strategii Kraje Vysočina", None, None, None),
        LinkedStrategy("národní strategie", None, None, None),
    ]


def test_esif_interventions_keep_commas_inside_parentheses(seed):
    assert seed.esif_interventions.value == [
        "Domovník – preventista",
        "Asistenti prevence kriminality",
        "udržitelnost sociálních služeb (nízkoprahové zařízení pro děti a mládež, terénní sociální práce, "
        "sociálně aktivizační služby)",
        "dluhová poradna",
    ]


def test_regional_contact(seed):
    contact = seed.regional_contact.value
    assert contact.name == "Mgr. Lumír Bartů"
    assert contact.function == "krajský koordinátor pro romské záležitosti"


def test_lp_stance_by_consensus(seed):
    stance = seed.lp_stance.value
    assert stance.date == date(2021, 9, 2)
    assert stance.outcome == "consensus"
    assert stance.adopted is True
    assert (stance.votes_for, stance.votes_against, stance.abstained) == (None, None, None)


def test_unfilled_approval_lines_are_found_and_empty(seed):
    for field in (seed.approval_date, seed.resolution_number):
        assert field.found is True
        assert field.value is None
    assert seed.unit_signature.value.place == "V Jihlavě"
    assert seed.unit_signature.value.date is None
    assert seed.agency_signature.value.place == "V Praze"
    assert seed.agency_signature.value.date is None


def test_six_activities_in_order(seed):
    assert [activity.name.value for activity in seed.activities.value] == [
        "Jednání lokálního partnerství (vč. jeho složek – pracovních skupin)",
        "Vyhodnocení spolupráce",
        "Tvorba plánu sociálního začleňování (PSZ)",
        "Vyhodnocení PSZ",
        "Vyhodnocení Strategického plánu sociálního začleňování 2019 – 2022",
        "Odborné poradenství včetně realizace vzdělávacích aktivit",
    ]
    assert all(not activity.uncertain for activity in seed.activities.value)
    assert seed.warnings == []


def test_lp_meetings_row(seed):
    lp = seed.activities.value[0]
    assert lp.specification.value.startswith("Projednání a vyhodnocování popisu spolupráce, příprava plánu")
    assert lp.specification.value.endswith(
        "sledování implementace a vyhodnocení plánu sociálního začleňování."
    )
    assert [(o.text, o.document_type) for o in lp.outputs.value] == [
        ("Statut a jednací řád", "statute"),
        ("Záznam z jednání", "minutes"),
        ("Prezenční listina", "attendance"),
    ]
    assert lp.agency_responsibility.value == [
        "Obsahové zajištění",
        "Součinnost na organizačním zajištění",
        "Facilitace",
    ]
    assert lp.municipality_responsibility.value == [
        "Součinnost na obsahovém zajištění",
        "Organizační zajištění",
    ]
    assert lp.deadline.value == "Minimálně 4x ročně (vč. pracovních skupin)"
    assert lp.rules == [
        RuleSpec(
            kind="frequency",
            count=4,
            per="year",
            what="lp_plenary",
            text="Minimálně 4x ročně (vč. pracovních skupin)",
            at_least=True,
            includes_working_groups=True,
        )
    ]


def test_evaluation_row_has_three_rules(seed):
    evaluation = seed.activities.value[1]
    assert evaluation.specification.value.endswith("hrazeného z Operačního programu zaměstnanost.")
    assert [o.text for o in evaluation.outputs.value] == [
        "Záznam z jednání",
        "Záznam z jednání LP",
        "Zpráva o plnění popisu spolupráce zastupitelstvu obce",
    ]
    assert evaluation.outputs.value[2].document_type == "coop_report"
    assert evaluation.agency_responsibility.value == [
        "Vzájemná součinnost",
        "Zajištění schvalovacích procesů na úrovni Agentury",
    ]
    assert evaluation.municipality_responsibility.value == [
        "Vzájemná součinnost",
        "Zajištění projednání v orgánech obce",
    ]
    assert [(r.kind, r.count, r.per, r.what) for r in evaluation.rules] == [
        ("frequency", 2, "year", "evaluation"),
        ("frequency", 1, "year", "lp_plenary"),
        ("periodic_output", 1, "year", "coop_report"),
    ]
    assert (
        evaluation.rules[0].text
        == "2x ročně jednání konzultanta/ky ASZ, manažera SZ a pověřeného zástupce SZ"
    )


def test_plan_creation_row_has_a_season_deadline(seed):
    plan = seed.activities.value[2]
    assert plan.specification.value == "Analytické práce, formulace strategie, nastavení implementace."
    assert [(o.text, o.document_type) for o in plan.outputs.value] == [("Plán sociálního začleňování", "psz")]
    assert plan.agency_responsibility.value == [
        "Příprava podkladů",
        "Podílí se na zpracování výstupu",
        "Metodická a odborná podpora",
    ]
    assert plan.municipality_responsibility.value == [
        "Součinnost při přípravě podkladů",
        "Zpracování výstupu",
        "Zajištění projednání v orgánech obce",
    ]
    assert plan.rules == [RuleSpec(kind="deadline", season="autumn", year=2021, text="Podzim 2021")]


def test_plan_evaluation_row_whose_name_and_specification_share_a_block(seed):
    evaluation = seed.activities.value[3]
    assert evaluation.specification.value == "Sledování naplňování PSZ a případné návrhy revize PSZ."
    assert evaluation.outputs.value[2].text == "Zpráva o plnění PSZ zastupitelstvu obce"
    assert evaluation.outputs.value[2].document_type == "psz_report"
    assert evaluation.agency_responsibility.value == ["Vzájemná součinnost"]
    assert evaluation.municipality_responsibility.value == [
        "Vzájemná součinnost",
        "Zajištění projednání v orgánech obce",
    ]
    assert evaluation.rules[2] == RuleSpec(
        kind="periodic_output", count=1, per="year", what="psz_report", text="1x ročně zpráva o plnění PSZ"
    )


def test_strategic_plan_evaluation_row_with_both_responsibilities_in_one_block(seed):
    row = seed.activities.value[4]
    assert (
        row.specification.value == "Přehled plnění jako podklad pro tvorbu komplexního plánu na další období."
    )
    assert [(o.text, o.document_type) for o in row.outputs.value] == [
        ("Podklad pro jednání pracovních skupin a nového strategického dokumentu.", "analysis")
    ]
    assert row.agency_responsibility.value == ["Zpracování výstupu"]
    assert row.municipality_responsibility.value == ["Poskytnutí součinnosti při přípravě výstupu"]
    assert row.rules == [RuleSpec(kind="deadline", season="autumn", year=2022, text="Podzim 2022")]


def test_training_row_with_dash_and_deadline_on_one_line(seed):
    training = seed.activities.value[5]
    assert [(o.text, o.document_type) for o in training.outputs.value] == [
        ("Prezenční listina", "attendance"),
        ("Certifikát", "certificate"),
        ("Případně prezentace a studijní materiály", "presentation"),
    ]
    assert training.agency_responsibility.value == ["Koordinace aktivit", "Zajištění lektora"]
    # "-" means the municipality has no responsibility here: present, and empty on purpose.
    assert training.municipality_responsibility.found is True
    assert training.municipality_responsibility.value == []
    assert training.deadline.value == "Dle nabídky ASZ"
    assert training.rules == [RuleSpec(kind="none", text="Dle nabídky ASZ")]


def test_snippets_quote_the_document(seed):
    text = FIXTURE.read_text(encoding="utf-8")
    assert seed.seat.snippet == "Masarykovo náměstí 97/1, Jihlava, 58601"
    assert seed.memorandum_date.snippet == "Memorandu o spolupráci ze dne 2.11.2021"
    assert seed.lp_stance.snippet in text
    assert (
        seed.activities.value[0].name.snippet
        == "Jednání lokálního \npartnerství (vč. jeho \nsložek – pracovních \nskupin)"
    )
