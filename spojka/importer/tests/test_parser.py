"""What holds for every parse: rejection of other texts, exact snippets, nothing invented, JSON."""

from __future__ import annotations

import dataclasses
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spojka.importer.errors import ImportRejected
from spojka.importer.extract import extract_text
from spojka.importer.parsed import Field, ParsedDescription
from spojka.importer.parser import parse_cooperation_description
from spojka.importer.text import Source, mask_furniture

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_NAMES = [
    "jihlava.txt",
    "dolni-lhota.txt",
    "stribrny-potok.txt",
    "velka-jedlova-cp1250.txt",
    "belov.txt",
]


def fixture_text(name: str) -> str:
    return extract_text((FIXTURES / name).read_bytes(), name)


def all_fields(obj: object, path: str = "") -> list[tuple[str, Field]]:
    """Every Field inside a parse result, nested ones (activity cells, area focus) included."""
    found: list[tuple[str, Field]] = []
    if isinstance(obj, Field):
        found.append((path, obj))
        obj = obj.value
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            found += all_fields(getattr(obj, f.name), f"{path}.{f.name}")
    elif isinstance(obj, list):
        for index, item in enumerate(obj):
            found += all_fields(item, f"{path}[{index}]")
    return found


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_every_snippet_is_the_exact_slice_of_the_text_its_span_points_to(name):
    text = fixture_text(name)
    parsed = parse_cooperation_description(text)
    source = Source(text).text
    fields = all_fields(parsed)
    assert len(fields) > 40  # the nested activity cells and area focus fields are included
    for path, field in fields:
        if field.span is not None:
            assert source[field.span[0] : field.span[1]] == field.snippet, path


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_a_field_not_found_has_no_value(name):
    parsed = parse_cooperation_description(fixture_text(name))
    for path, field in all_fields(parsed):
        if not field.found:
            assert field.value is None, path


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_to_dict_is_json_with_iso_dates(name):
    parsed = parse_cooperation_description(fixture_text(name))
    data = json.loads(json.dumps(parsed.to_dict(), ensure_ascii=False))
    assert set(data) == {f.name for f in dataclasses.fields(ParsedDescription)}
    assert data["unit_name"]["found"] is True
    lp = data["activities"]["value"][0]
    assert {"name", "specification", "outputs", "rules", "uncertain"} <= set(lp)
    if data["memorandum_date"]["value"]:
        assert len(data["memorandum_date"]["value"]) == 10  # "2021-11-02"


def test_seed_to_dict_values():
    data = parse_cooperation_description(fixture_text("jihlava.txt")).to_dict()
    assert data["memorandum_date"]["value"] == "2021-11-02"
    assert data["lp_stance"]["value"]["date"] == "2021-09-02"
    assert data["psz_period"]["value"] == {"start": 2022, "end": 2027}
    assert data["activities"]["value"][2]["rules"][0]["season"] == "autumn"


def test_masking_keeps_the_length_and_blanks_only_furniture():
    text = fixture_text("jihlava.txt")
    masked = mask_furniture(text)
    assert len(masked) == len(text)
    assert "1 V případě obce se jedná o sídlo obecního úřadu." not in masked
    assert "Popis spolupráce schvaluje zastupitelstvo obce" not in masked
    assert "Sídlo1" not in masked and "Sídlo " in masked
    assert "celkem5:" not in masked
    # Content is untouched, including text that merely looks like furniture nearby.
    assert "V oblasti sociálních služeb plánujeme" in masked
    assert masked.count("Záznam z jednání") == text.count("Záznam z jednání")


def test_page_numbers_and_running_headers_are_masked_but_repeated_content_is_not():
    text = fixture_text("dolni-lhota.txt")
    masked = mask_furniture(text)
    assert "Stránka 2 z 4" not in masked
    assert "Popis spolupráce – Obec Dolní Lhota" not in masked
    assert masked.count("Prezenční listina") == text.count("Prezenční listina")


def test_digits_glued_to_words_are_kept_when_no_footnote_has_that_number():
    text = (
        "POPIS SPOLUPRÁCE V OBLASTI SOCIÁLNÍHO ZAČLEŇOVÁNÍ\nÚzemní celek Obec Test\nSídlo1 Náves 1\n"
        "Doba platnosti popisu spolupráce\nText o projektu COVID19.\n"
        "                  \n1 V případě obce se jedná o sídlo obecního úřadu.\n"
    )
    masked = mask_furniture(text)
    assert "Sídlo " in masked
    assert "COVID19" in masked  # 19 is not a footnote of this document


@pytest.mark.parametrize(
    "text",
    [
        "Zápis z jednání lokálního partnerství ze dne 3. 5. 2024\nPřítomni: …\nUsnesení: LP bere na vědomí.",
        "Faktura č. 2024001\nDodavatel: Firma s. r. o.\nCelkem k úhradě 12 100 Kč",
        "Popis spolupráce byl projednán na jednání LP a bude předložen zastupitelstvu.",
    ],
)
def test_a_text_that_is_not_a_cooperation_description_is_rejected(text):
    with pytest.raises(ImportRejected) as error:
        parse_cooperation_description(text)
    assert (
        "není popis spolupráce" in error.value.message
        or "nevypadá jako popis spolupráce" in error.value.message
    )


@pytest.mark.parametrize("text", ["", "   \n\n \t "])
def test_an_empty_text_is_rejected(text):
    with pytest.raises(ImportRejected, match="prázdný"):
        parse_cooperation_description(text)


def test_form_sections_without_the_title_are_accepted():
    text = (
        "Doba platnosti popisu spolupráce\nDoba platnosti popisu spolupráce je 2 roky.\n"
        "Kontaktní osoba za příslušný kraj (je-li relevantní)\nnení relevantní\n"
        "Stanovisko lokálního partnerství\nNávrh byl projednán 2. 9. 2021 a konsenzuálně přijat.\n"
    )
    parsed = parse_cooperation_description(text)
    assert parsed.validity_years.value == 2
    assert parsed.unit_name.found is False
    assert parsed.activities.found is False


def test_the_title_and_two_sections_alone_are_refused_naming_what_is_missing():
    text = (
        "POPIS SPOLUPRÁCE V OBLASTI SOCIÁLNÍHO ZAČLEŇOVÁNÍ\n"
        "Doba platnosti popisu spolupráce\nDoba platnosti popisu spolupráce je 2 roky.\n"
        "Kontaktní osoba za příslušný kraj (je-li relevantní)\nnení relevantní\n"
    )
    with pytest.raises(ImportRejected) as error:
        parse_cooperation_description(text)
    assert "chybí oddíly: „Obsahové zaměření spolupráce“" in error.value.message
    assert "Nalezeno jen: „Doba platnosti popisu spolupráce“, „Kontaktní osoba" in error.value.message


SEED_TEXT = fixture_text("jihlava.txt")


def test_a_malformed_ico_is_kept_as_written_and_flagged_not_guessed():
    text = SEED_TEXT.replace("IČ 00286010", "IČ 1234")
    parsed = parse_cooperation_description(text)
    assert parsed.ico.value == "1234"
    assert parsed.ico.snippet == "1234"
    assert parsed.ico.doubt == "neobvyklý formát čísla: IČO má 8 číslic, zde 4"


def test_an_ico_with_a_wrong_check_digit_is_kept_with_a_warning():
    parsed = parse_cooperation_description(SEED_TEXT.replace("IČ 00286010", "IČ 00286011"))
    assert parsed.ico.value == "00286011"
    assert parsed.ico.doubt == "neobvyklý formát čísla: IČO nemá platnou kontrolní číslici"
    assert any("kontrolní číslici" in warning for warning in parsed.warnings)


def test_decomposed_accents_from_a_pdf_are_read():
    text = fixture_text("jihlava.txt")
    parsed = parse_cooperation_description(unicodedata.normalize("NFD", text))
    assert parsed.unit_name.value == "Jihlava"
    assert parsed.thematic_areas.value[0].name == "Zaměstnanost"
    assert len(parsed.activities.value) == 6


def test_crlf_line_ends_are_read():
    text = fixture_text("dolni-lhota.txt").replace("\n", "\r\n")
    parsed = parse_cooperation_description(text)
    assert parsed.lp_stance.value.votes_for == 12
    assert len(parsed.activities.value) == 5


# --- damaged documents ---------------------------------------------------------------------------
# Real uploads are cut, merged and mangled in ways no fixture foresees. Whatever arrives, the parser
# either rejects it or returns fields whose snippets quote the text; it never crashes.

_DAMAGE_CHARS = "()\t\n\f .,:;-–/ax0123456789ÁČŘ"


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(FIXTURE_NAMES),
    dropped=st.sets(st.integers(min_value=0, max_value=400), max_size=40),
    edits=st.lists(st.tuples(st.integers(min_value=0), st.sampled_from(_DAMAGE_CHARS)), max_size=60),
)
def test_a_damaged_document_is_parsed_or_rejected_never_crashes(name, dropped, edits):
    lines = fixture_text(name).split("\n")
    chars = list("\n".join(line for index, line in enumerate(lines) if index not in dropped))
    for position, char in edits:
        if chars:
            chars[position % len(chars)] = char
    text = "".join(chars)
    try:
        parsed = parse_cooperation_description(text)
    except ImportRejected:
        return
    source = Source(text).text
    for path, field in all_fields(parsed):
        if field.span is not None:
            assert source[field.span[0] : field.span[1]] == field.snippet, path
        if not field.found:
            assert field.value is None, path
    json.dumps(parsed.to_dict(), ensure_ascii=False)
