"""One regression test for each failure issue 16 lists, on the self-written variants.

The variants (`variants.py`) are other municipalities than the seed, written as Word documents
and printed to PDF by LibreOffice; each test names the file and what it checks.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from spojka.importer.__main__ import main as cli
from spojka.importer.errors import ImportRejected
from spojka.importer.extract import extract_text
from spojka.importer.parsed import ParsedDescription
from spojka.importer.parser import parse_cooperation_description
from spojka.importer.pdf_layout import read_pages
from spojka.importer.rules import NO_PERIOD, UNREADABLE, YEAR_ONLY, parse_rules
from spojka.importer.schedule import ROW_CONTINUED_NOTE
from spojka.importer.tests.variants import DUBOVA_HORA, HORNI_LHOTA, LIPOVA_VES

FIXTURES = Path(__file__).parent / "fixtures"
VARIANTS = FIXTURES / "variants"
SEED_TEXT = (FIXTURES / "jihlava.txt").read_text(encoding="utf-8")
PDFS = sorted(VARIANTS.glob("*_*.pdf"))


def parse(name: str) -> ParsedDescription:
    path = VARIANTS / name
    return parse_cooperation_description(extract_text(path.read_bytes(), path.name))


def lines_of(name: str) -> list[str]:
    """The printed lines of a PDF, cell by cell, as its pages show them."""
    data = (VARIANTS / name).read_bytes()
    return [
        segment.text
        for page in read_pages(data, max_pages=20)
        for band in page.bands
        for segment in band.segments
    ]


# --- 1. a wrong compliance rule, silently ---------------------------------------------------------


@pytest.mark.parametrize("name", ["horni-lhota_table.pdf", "dubova-hora_table.pdf", "dubova-hora_para.pdf"])
def test_a_deadline_cell_wrapped_after_minimalne_3x_is_three_meetings_a_year(name):
    # The PDF really breaks the cell after "Minimálně 3x" …
    assert "Minimálně 3x" in lines_of(name)
    lp = parse(name).activities.value[0]
    # … and the rule still reads the whole cell: three LP meetings a year, not once a year.
    assert [(r.kind, r.count, r.per, r.what, r.at_least, r.includes_working_groups) for r in lp.rules] == [
        ("frequency", 3, "year", "lp_plenary", True, True)
    ]
    assert lp.rules[0].doubt is None


def test_a_rule_the_parser_is_unsure_of_is_marked_not_guessed():
    count_only = parse_rules("Minimálně 3x (vč. pracovních skupin)", "Jednání lokálního partnerství")[0]
    assert (count_only.kind, count_only.count, count_only.per, count_only.doubt) == (
        "frequency",
        3,
        None,
        NO_PERIOD,
    )
    cut = parse_rules("ročně (vč. pracovních skupin)", "Jednání lokálního partnerství")[0]
    assert cut.doubt and "malým písmenem" in cut.doubt
    assert parse_rules("2025")[0].doubt == YEAR_ONLY
    assert parse_rules("každé 2 měsíce")[0].doubt == UNREADABLE
    assert parse_rules("Dle nabídky ASZ")[0].doubt is None


# --- 2. a scrambled schedule ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "variant", "row"),
    [
        ("dubova-hora_table.pdf", DUBOVA_HORA, 0),
        ("horni-lhota_para.pdf", HORNI_LHOTA, 0),
        ("lipova-ves_para.pdf", LIPOVA_VES, 1),
        ("lipova-ves_table.pdf", LIPOVA_VES, 2),
    ],
)
def test_a_row_broken_by_a_page_continues_after_the_repeated_header(name, variant, row):
    parsed = parse(name)
    activity = parsed.activities.value[row]
    assert ROW_CONTINUED_NOTE in activity.uncertain  # the row did cross a page, and the review says so
    assert activity.specification.value == " ".join(variant.rows[row].specification)
    assert [a.name.value for a in parsed.activities.value] == [r.name for r in variant.rows]
    assert not any("Činnost" in (a.specification.value or "") for a in parsed.activities.value)


@pytest.mark.parametrize("name", ["horni-lhota_table.pdf", "dubova-hora_fit.pdf", "lipova-ves_table.pdf"])
def test_cells_on_one_printed_line_stay_in_their_columns(name):
    variant = {"horni": HORNI_LHOTA, "dubova": DUBOVA_HORA, "lipova": LIPOVA_VES}[name.split("-")[0]]
    for activity, row in zip(parse(name).activities.value, variant.rows, strict=True):
        assert [(o.text, o.document_type) for o in activity.outputs.value] == row.outputs
        assert activity.agency_responsibility.value == row.agency
        assert activity.municipality_responsibility.value == [m for m in row.municipality if m != "-"]


@pytest.mark.parametrize("path", PDFS, ids=lambda path: path.name)
def test_footnotes_leak_into_no_value_and_the_agency_signs(path):
    parsed = parse(path.name)
    values = [org for group in parsed.members.value for org in group.organisations]
    values += parsed.esif_interventions.value + [s.title for s in parsed.psz_linked_strategies.value]
    assert not [value for value in values if "kraj" in value.lower() and "Kraje" not in value]
    assert "V případě obce" not in str(parsed.to_dict())
    assert parsed.agency_signature.value.place == "V Praze"


# --- 3. sections inside table cells (DOCX) --------------------------------------------------------


@pytest.mark.parametrize("name", ["horni-lhota_para.docx", "dubova-hora_para.docx", "lipova-ves_para.docx"])
def test_sections_in_table_cells_keep_their_paragraphs_apart(name):
    variant = {"horni": HORNI_LHOTA, "dubova": DUBOVA_HORA, "lipova": LIPOVA_VES}[name.split("-")[0]]
    text = extract_text((VARIANTS / name).read_bytes(), name)
    assert f"\n{variant.target_group}" not in text  # the target group is a paragraph of its own …
    assert f"\nCílová skupina: {variant.target_group}.\n" in text
    parsed = parse_cooperation_description(text)
    assert [(a.name, a.focus.value) for a in parsed.thematic_areas.value] == variant.areas
    assert [(g.name, g.crosscutting) for g in parsed.working_groups.value] == variant.groups
    assert parsed.psz_target_group.value == variant.target_group  # … and does not run on
    assert parsed.warnings == [] or all("Slovo" not in w for w in parsed.warnings)


# --- 4. fields read wrongly --------------------------------------------------------------------------


@pytest.mark.parametrize("extension", ["docx", "pdf"])
def test_the_managers_department_is_not_part_of_the_name(extension):
    manager = parse(f"horni-lhota_table.{extension}").inclusion_manager.value
    assert (manager.name, manager.department, manager.vacant) == (
        "Bc. Petra Novotná",
        "odbor sociálních věcí",
        False,
    )
    bracketed = parse(f"dubova-hora_fit.{extension}").inclusion_manager.value
    assert (bracketed.name, bracketed.department) == (
        "Ing. Karel Dvořák",
        "odbor sociálních věcí a zdravotnictví",
    )


@pytest.mark.parametrize("extension", ["docx", "pdf"])
def test_a_contact_or_head_that_is_not_set_is_no_one(extension):
    horni = parse(f"horni-lhota_table.{extension}")
    assert horni.regional_contact.found is True and horni.regional_contact.value is None
    assert horni.regional_contact.snippet == "není stanovena"
    dubova = parse(f"dubova-hora_table.{extension}")
    assert dubova.agency_regional_head.found is True and dubova.agency_regional_head.value is None
    lipova = parse(f"lipova-ves_table.{extension}")
    assert lipova.regional_contact.value is None  # "—"
    assert lipova.inclusion_manager.value.vacant is True and lipova.inclusion_manager.value.name is None


@pytest.mark.parametrize("extension", ["docx", "pdf"])
def test_a_malformed_registration_number_is_kept_and_flagged(extension):
    number = parse(f"dubova-hora_table.{extension}").project_registration_number
    assert number.value == "CZ.03.2.63/0.0/0.0/15_030/000060"  # as written
    assert number.doubt.startswith("neobvyklý formát čísla")
    assert parse(f"horni-lhota_table.{extension}").project_registration_number.doubt is None


@pytest.mark.parametrize("name", ["horni-lhota_table.docx", "horni-lhota_table.pdf", "horni-lhota_fit.pdf"])
def test_dates_wrapped_across_lines_are_read(name):
    parsed = parse(name)
    assert parsed.approval_date.value == date(2024, 3, 28)
    assert parsed.unit_signature.value.date == date(2024, 4, 2)
    assert parsed.agency_signature.value.date == date(2024, 4, 9)


# --- 5. wrong documents accepted ----------------------------------------------------------------------


@pytest.mark.parametrize("extension", ["docx", "pdf"])
def test_a_council_resolution_is_refused_naming_what_was_looked_for(extension):
    path = VARIANTS / f"usneseni.{extension}"
    with pytest.raises(ImportRejected) as error:
        parse_cooperation_description(extract_text(path.read_bytes(), path.name))
    assert error.value.message.startswith("Text nevypadá jako popis spolupráce ve standardním formuláři.")
    assert "„Jednotlivé činnosti spolupráce a jejich harmonogram“" in error.value.message


@pytest.mark.django_db
def test_the_command_line_refuses_the_resolution_with_a_failure_exit(capsys):
    assert cli([str(VARIANTS / "usneseni.pdf")]) == 1
    assert "nevypadá jako popis spolupráce" in capsys.readouterr().err
    with pytest.raises(CommandError):
        call_command("import_cooperation", str(VARIANTS / "usneseni.docx"), "--dry-run")


# --- 6. slow on large text ----------------------------------------------------------------------------


def test_a_large_text_parses_in_linear_time():
    """Each part of the seed repeated to about 3 MB: the old parser took minutes here."""
    focus = SEED_TEXT[SEED_TEXT.index("V oblasti zaměstnanosti") : SEED_TEXT.index("V oblasti dluhové")]
    rows = SEED_TEXT[SEED_TEXT.index("Jednání lokálního \npartnerství") : SEED_TEXT.index("Datum schválení")]
    times = 3 * 1024 * 1024 // len(focus + rows)
    cut = SEED_TEXT.index("V oblasti dluhové")
    rows_end = SEED_TEXT.index("Datum schválení")
    text = SEED_TEXT[:cut] + focus * times + SEED_TEXT[cut:rows_end] + rows * times + SEED_TEXT[rows_end:]
    started = time.perf_counter()
    parsed = parse_cooperation_description(text)
    assert time.perf_counter() - started < 6  # about 1 s here; a quadratic step takes minutes
    assert len(parsed.activities.value) == 100  # the schedule is cut at 100 rows, and says so
    assert "více než 100 řádků" in parsed.activities.value[-1].uncertain[-1]


# --- 7. English messages --------------------------------------------------------------------------------


def test_a_missing_file_is_reported_in_czech(capfd):
    assert cli(["/nenalezeno/popis.pdf"]) == 1
    assert capfd.readouterr().err == "Soubor „/nenalezeno/popis.pdf“ neexistuje.\n"


def test_a_truncated_pdf_gives_only_the_czech_message(tmp_path, capfd):
    path = tmp_path / "useknute.pdf"
    path.write_bytes((VARIANTS / "horni-lhota_table.pdf").read_bytes()[:9000])
    assert cli([str(path)]) == 1
    err = capfd.readouterr().err
    assert err == "PDF „useknute.pdf“ se nepodařilo přečíst – soubor je patrně poškozený.\n"
