"""The generated official documents, checked on the Jihlava demo against the seed document."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from spojka.compliance.models import Activity, Rule
from spojka.documents.render import render
from spojka.documents.tests.helpers import docx_text, normalise, pdf_text
from spojka.lib.czech import NBSP
from spojka.meetings.models import Meeting
from spojka.plans.models import InclusionPlan
from spojka.reports import generators, sources
from spojka.training.tests.helpers import attend, make_event, make_person

SEED = Path("/work/shared/seed/popis-spoluprace-jihlava.txt")

# The headings and labels of the standard form, as the seed writes them.
SEED_SECTIONS = [
    "POPIS SPOLUPRÁCE V OBLASTI SOCIÁLNÍHO ZAČLEŇOVÁNÍ",
    "Územní celek",
    "Sídlo",
    "IČ",
    "Pověřený zástupce územního celku pro sociální začleňování",
    "Manažer sociálního začleňování",
    "Vedoucí regionálního pracoviště ASZ",
    "Popis spolupráce se vztahuje k Memorandu o spolupráci ze dne",
    "projektu Systémové zajištění sociálního začleňování",
    "Doba platnosti popisu spolupráce",
    "Obsahové zaměření spolupráce (tematické oblasti spolupráce)",
    "Struktura, kompetence a složení lokálního partnerství, další zvolené participační aktivity",
    "Specifikace plánu sociálního začleňování",
    "Předpokládané oblasti intervence realizované za podpory finančních prostředků ESIF",
    "Kontaktní osoba za příslušný kraj (je-li relevantní)",
    "Stanovisko lokálního partnerství",
    "Jednotlivé činnosti spolupráce a jejich harmonogram v průběhu platnosti popisu spolupráce",
    "Činnost",
    "Výstup",
    "Odpovědnost ASZ",
    "Odpovědnost územního celku",
    "Termín dokončení",
    "Datum schválení popisu spolupráce územním celkem",
    "Číslo usnesení",
]

FACTS = [
    "00286010",
    "Masarykovo náměstí 97/1",
    "2. listopadu 2021",
    "Zaměstnanost",
    "Bezpečnost a prevence kriminality",
    "Dluhová problematika",
    "Bydlení",
    "Sociální služby",
    "40 hodin",
    "max. 20 hodin dosaženo distanční formou",
    "Mgr. Lumír Bartů",
    "Domovník – preventista",
    "Návrh popisu spolupráce byl projednán na jednání 2. září 2021 a byl konsenzuálně přijat.",
    "Ředitel odboru pro sociální začleňování (Agentura)",
]


@pytest.fixture
def jihlava(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from spojka.cooperation.models import TerritorialUnit

    unit = TerritorialUnit.objects.get(slug="jihlava")
    return unit.descriptions.select_related("memorandum", "unit").get(version=1)


def _text(description, fmt: str) -> str:
    document = generators.generate_description(description, fmt)
    return pdf_text(document.content) if fmt == "pdf" else docx_text(document.content)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_cooperation_description_carries_the_facts_of_the_seed_with_diacritics(jihlava, fmt):
    text = normalise(_text(jihlava, fmt))
    for fact in FACTS:
        assert fact in text, fact


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_cooperation_description_has_every_section_of_the_standard_form(jihlava, fmt):
    seed = normalise(SEED.read_text(encoding="utf-8"))
    text = normalise(_text(jihlava, fmt))
    for heading in SEED_SECTIONS:
        assert heading in seed, f"not a heading of the seed: {heading}"
        assert heading in text, heading


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_schedule_table_lists_the_activities_or_says_it_is_not_entered_yet(jihlava, fmt):
    text = normalise(_text(jihlava, fmt))
    rows = sources.schedule_rows(jihlava)
    if rows:
        for row in rows:
            # PDF text of a narrow table column comes out line by line; DOCX cells come whole.
            expected = normalise(row.activity) if fmt == "docx" else normalise(row.activity).split()[0]
            assert expected in text
        assert generators.NO_SCHEDULE not in text
    else:
        assert generators.NO_SCHEDULE in text


def test_schedule_placeholder_when_the_description_has_no_activities(world):
    context = generators.description_context(world.description)
    assert context["schedule"] == []
    assert context["schedule_note"] == "harmonogram zatím není zadán"
    assert "harmonogram zatím není zadán" in normalise(_text(world.description, "docx"))


def test_generated_texts_use_czech_non_breaking_spaces(jihlava):
    raw = _text(jihlava, "docx")
    assert f"2.{NBSP}listopadu{NBSP}2021" in raw
    assert f" v{NBSP}celkovém rozsahu 40{NBSP}hodin" in raw
    # No one-letter preposition or conjunction is followed by a breaking space, anywhere.
    assert not re.search(r"(?<!\w)[kKsSvVzZoOuUaAiI] ", raw), re.findall(r".{30}(?<!\w)[ksvzouai] .{10}", raw)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_annual_report_has_every_section_and_a_draft_resolution(jihlava, fmt):
    document = generators.generate_report(jihlava, 2022, fmt)
    assert document.filename == f"zprava-o-plneni-popisu-spoluprace-jihlava-2022.{fmt}"
    raw = pdf_text(document.content) if fmt == "pdf" else docx_text(document.content)
    text = normalise(raw)
    for expected in (
        "Zpráva o plnění popisu spolupráce za rok 2022",
        "00286010",
        "Masarykovo náměstí 97/1",
        "1. ledna 2022 – 31. prosince 2022",
        "Činnost lokálního partnerství a pracovních skupin",
        "Plnění harmonogramu",
        "Vzdělávání pracovníků",
        "celkem 40 hodin",
        "Plnění plánu sociálního začleňování",
        "Rizika",
        "Platnost popisu spolupráce končí 1. listopadu 2023",
        "Výhled na rok 2023",
        "Návrh usnesení",
        "Rada města po projednání bere na vědomí zprávu o plnění popisu spolupráce",
    ):
        assert expected in text, expected


def test_report_period_is_cut_to_the_validity_of_the_description(jihlava):
    period = generators.report_period(jihlava, 2021)
    assert (period.start.isoformat(), period.end.isoformat()) == ("2021-11-02", "2021-12-31")
    period = generators.report_period(jihlava, 2023)
    assert (period.start.isoformat(), period.end.isoformat()) == ("2023-01-01", "2023-11-01")


def test_report_sections_say_no_data_yet_when_the_source_apps_have_nothing(world):
    world.description.training_total_hours = None
    world.description.save()
    context = generators.report_context(world.description, 2022)
    by_title = {s["title"]: s for s in context["sections"]}
    for title in (
        "Činnost lokálního partnerství a pracovních skupin",
        "Plnění harmonogramu",
        "Vzdělávání pracovníků",
        "Plnění plánu sociálního začleňování",
    ):
        section = next(s for t, s in by_title.items() if normalise(t) == title)
        assert not section["available"], title
        assert normalise(section["lines"][-1]).startswith("Zatím bez údajů"), title
    text = normalise(
        docx_text(
            render(generators.ANNUAL_REPORT, "docx", context=context, unit=world.unit, stem="x").content
        )
    )
    assert "Zatím bez údajů: v tomto období není evidováno žádné proběhlé jednání." in text


def test_report_counts_held_meetings_of_the_year(world):
    def meeting(title, day, state="held", includes_lp=True):
        start = timezone.make_aware(datetime(2022, *day, 15, 0))
        return Meeting.objects.create(
            unit=world.unit,
            title=title,
            kind="lp_plenary",
            state=state,
            starts_at=start,
            ends_at=start,
            includes_lp=includes_lp,
        )

    meeting("Jaro LP", (3, 10))
    meeting("Podzim LP", (10, 6), state="closed")
    meeting("Zrušené LP", (11, 6), state="cancelled")
    meeting("Jiný celek", (5, 5)).__class__.objects.filter(title="Jiný celek").update(unit=world.other_unit)
    section = sources.meetings_section(world.unit, date(2022, 1, 1), date(2022, 12, 31))
    text = normalise(" ".join(section.lines))
    assert section.available
    assert "proběhlo 2 jednání, z toho 2 zasedání lokálního partnerství" in text
    assert "10. března 2022 – Jaro LP" in text
    assert "Zrušené LP" not in text and "Jiný celek" not in text


def test_schedule_statuses_come_from_the_compliance_app_when_it_has_a_schedule(world):
    activity = Activity.objects.create(
        unit=world.unit,
        description=world.description,
        name="Jednání lokálního partnerství",
        deadline_text="Minimálně 4x ročně",
    )
    Rule.objects.create(
        unit=world.unit,
        activity=activity,
        kind="frequency",
        text="Minimálně 4x ročně",
        per_year=4,
        meeting_kinds=["lp_plenary"],
    )
    section = sources.schedule_status_section(world.description, date(2022, 1, 1), date(2022, 12, 31))
    assert section.available
    assert any(
        line.startswith("Jednání lokálního partnerství – Minimálně 4x ročně: ") for line in section.lines
    )
    # The schedule table of the description shows the activity instead of the placeholder.
    context = generators.description_context(world.description)
    assert context["schedule"][0]["activity"] == "Jednání lokálního partnerství"
    assert context["schedule_note"] == ""


def test_training_section_shows_the_hours_the_training_app_counted(world):
    person = make_person(world.unit, "Lenka", "Modrá")
    attend(make_event(world.unit, "Dluhové poradenství", in_person="11"), person)
    attend(make_event(world.unit, "Webinář o bydlení", distance="15"), person)
    # Counted only up to the end of the report's year: an event of 2023 is not in the 2022 report.
    attend(make_event(world.unit, "Příští rok", in_person="8", starts_on=date(2023, 3, 1)), person)
    section = sources.training_section(world.description, date(2022, 1, 1), date(2022, 12, 31))
    text = normalise(" ".join(section.lines))
    assert "Závazek: celkem 40 hodin, z toho nejvýše 20 hodin distanční formou." in text
    assert "Ke konci období započteno 26 hodin z 40 (65 %)." in text
    assert "Závazek zatím není splněn." in text


def test_psz_section_lists_the_plans_running_in_the_year(world):
    InclusionPlan.objects.create(unit=world.unit, title="Strategický plán", year_from=2022, year_to=2027)
    InclusionPlan.objects.create(unit=world.unit, title="Starý plán", year_from=2015, year_to=2018)
    InclusionPlan.objects.create(unit=world.other_unit, title="Cizí plán", year_from=2022, year_to=2027)
    section = sources.psz_section(world.unit, date(2022, 1, 1), date(2022, 12, 31))
    text = normalise(" ".join(section.lines))
    assert section.available
    assert "Strategický plán (2022–2027)" in text and "plnění zatím bez údajů" in text
    assert "Starý plán" not in text and "Cizí plán" not in text


@pytest.mark.parametrize("kind", ["description", "report"])
def test_no_template_tag_is_left_in_the_generated_docx(world, kind):
    document = (
        generators.generate_description(world.description, "docx")
        if kind == "description"
        else generators.generate_report(world.description, 2022, "docx")
    )
    text = docx_text(document.content)
    assert "{{" not in text and "{%" not in text and "}}" not in text
    assert "Statutární" in text
