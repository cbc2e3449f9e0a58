"""Uploaded files into text: PDF, DOCX and plain text, recognised by content; rejections in Czech."""

from __future__ import annotations

import html
import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
import weasyprint
from docx import Document
from pypdf import PdfWriter

from spojka.importer.errors import ImportRejected
from spojka.importer.extract import DEFAULT_MAX_BYTES, extract_text
from spojka.importer.parsed import ParsedDescription
from spojka.importer.parser import parse_cooperation_description

FIXTURES = Path(__file__).parent / "fixtures"


def blank_pdf(pages: int = 1, password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# --- rejections ------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \r\n\t "])
def test_an_empty_file_is_rejected(data):
    with pytest.raises(ImportRejected, match="„popis.pdf“ je prázdný"):
        extract_text(data, "popis.pdf")


def test_a_file_over_the_default_limit_of_10_mib_is_rejected():
    data = b"a" * (DEFAULT_MAX_BYTES + 1)
    with pytest.raises(ImportRejected) as error:
        extract_text(data, "velky.txt")
    assert "příliš velký (10,0 MB)" in error.value.message
    assert "nejvýše 10,0 MB" in error.value.message


def test_the_size_limit_is_a_parameter():
    assert extract_text(b"x" * 1000, "a.txt", max_bytes=1000) == "x" * 1000
    with pytest.raises(ImportRejected, match="příliš velký"):
        extract_text(b"x" * 1001, "a.txt", max_bytes=1000)


def test_a_pdf_without_a_text_layer_is_rejected_as_a_scan():
    with pytest.raises(ImportRejected) as error:
        extract_text(blank_pdf(pages=2), "sken.pdf")
    assert error.value.message.startswith("PDF „sken.pdf“ neobsahuje text – jde patrně o sken.")


def test_a_broken_pdf_is_rejected():
    with pytest.raises(ImportRejected, match="nepodařilo přečíst"):
        extract_text(b"%PDF-1.7\n this is not a PDF body", "rozbity.pdf")


def test_a_password_protected_pdf_is_rejected():
    with pytest.raises(ImportRejected, match="chráněné heslem"):
        extract_text(blank_pdf(password="tajne"), "zamceny.pdf")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "není podporovaného typu"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "starém formátu Word"),
        (b"{\\rtf1\\ansi Popis}", "formátu RTF"),
        (bytes(range(1, 32)) * 50, "není podporovaného typu"),
    ],
)
def test_an_unknown_kind_of_file_is_rejected(data, message):
    with pytest.raises(ImportRejected, match=message):
        extract_text(data, "soubor.bin")


def test_a_zip_that_is_not_a_word_document_is_rejected():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ImportRejected, match="ne dokument Word"):
        extract_text(buffer.getvalue(), "tabulka.docx")


# --- plain text ------------------------------------------------------------------------------------


def test_utf8_with_a_byte_order_mark():
    assert extract_text("\ufeffČíslo usnesení: 1/2024".encode(), "a.txt") == "Číslo usnesení: 1/2024"


def test_cp1250_is_the_fallback_for_text_that_is_not_utf8():
    data = "Sídlo: Náměstí Míru 3 – Velká Jedlová\r\n".encode("cp1250")
    assert extract_text(data, "a.txt") == "Sídlo: Náměstí Míru 3 – Velká Jedlová\n"


def test_the_kind_comes_from_the_content_not_the_name():
    text = (FIXTURES / "jihlava.txt").read_bytes()
    assert extract_text(text, "popis.docx").startswith(" POPIS SPOLUPRÁCE")


# --- DOCX ------------------------------------------------------------------------------------------

SCHEDULE = [
    (
        ["Jednání lokálního partnerství (vč. pracovní skupiny)"],
        ["Projednání a vyhodnocování popisu spolupráce, příprava plánu sociálního začleňování."],
        ["Záznam z jednání", "Prezenční listina"],
        ["Obsahové zajištění", "Facilitace"],
        ["Organizační zajištění"],
        ["Minimálně 3x ročně (vč. pracovní skupiny)"],
    ),
    (
        ["Vyhodnocení spolupráce"],
        ["Vyhodnocení naplňování popisu spolupráce a případné návrhy jeho revize."],
        ["Záznam z jednání", "Zpráva o plnění popisu spolupráce zastupitelstvu obce"],
        ["Vzájemná součinnost"],
        ["Vzájemná součinnost", "Zajištění projednání v orgánech obce"],
        [
            "2x ročně jednání konzultanta/ky ASZ, manažerky SZ a starostky",
            "1x ročně zpráva o plnění popisu spolupráce",
        ],
    ),
    (
        ["Tvorba plánu sociálního začleňování (PSZ)"],
        ["Analytické práce, formulace strategie, nastavení implementace."],
        ["Plán sociálního začleňování"],
        ["Příprava podkladů", "Metodická podpora"],
        ["Zpracování výstupu", "Zajištění projednání v orgánech obce"],
        ["31. 12. 2025"],
    ),
    (
        ["Setkání s veřejností"],
        ["Informování obyvatel o záměrech v oblasti bydlení a zaměstnanosti, sběr podnětů."],
        ["Záznam ze setkání", "Prezenční listina"],
        ["Metodická podpora"],
        ["Organizační zajištění", "Propagace setkání"],
        ["2x ročně"],
    ),
    (
        ["Odborné poradenství včetně realizace vzdělávacích aktivit"],
        ["Vzdělávací aktivity (workshopy, semináře, kurzy) pro pracovníky obce a lokální partnery."],
        ["Prezenční listina", "Certifikát"],
        ["Koordinace aktivit", "Zajištění lektora"],
        ["-"],
        ["Dle nabídky ASZ"],
    ),
]


def dolni_lhota_docx() -> bytes:
    """The Dolní Lhota description as a Word document: header and schedule as tables."""
    document = Document()
    document.sections[0].header.paragraphs[0].text = "Popis spolupráce – Obec Dolní Lhota"  # page furniture
    document.add_paragraph("POPIS SPOLUPRÁCE V OBLASTI SOCIÁLNÍHO ZAČLEŇOVÁNÍ")
    header = document.add_table(rows=0, cols=2)
    for label, value in [
        ("Územní celek", "Obec Dolní Lhota"),
        ("Sídlo", "Náves 12, Dolní Lhota, 78901"),
        ("IČ", "52601811"),
        ("Pověřený zástupce územního celku pro sociální začleňování", "starostka obce"),
        ("Manažer sociálního začleňování", "Mgr. Petra Horáková"),
        ("Vedoucí regionálního pracoviště ASZ", "Mgr. Tomáš Kučera"),
    ]:
        cells = header.add_row().cells
        cells[0].text, cells[1].text = label, value
    for paragraph in [
        "Popis spolupráce se vztahuje k Memorandu o spolupráci ze dne 14. 3. 2024. Územní celek se "
        "v průběhu platnosti popisu spolupráce podílí na dosahování povinných výstupů projektu, reg. č. "
        "CZ.03.02.02/00/22_003/0000412, a zavazuje se k podpoře plnění povinných indikátorů v celkovém "
        "rozsahu 60 hodin (z nichž může být max. 30 hodin dosaženo distanční formou).",
        "Doba platnosti popisu spolupráce",
        "Doba platnosti popisu spolupráce jsou 3 roky, spolupráce probíhá v programovém období 2021–2027.",
        "Obsahové zaměření spolupráce (tematické oblasti spolupráce)",
        "Plánujeme spolupracovat zejména v těchto oblastech: Bydlení, Zaměstnanost a Vzdělávání.",
        "V oblasti bydlení se zaměříme na prevenci ztráty bydlení.",
        "V oblasti zaměstnanosti plánujeme navázat spolupráci s Úřadem práce ČR.",
        "V oblasti vzdělávání se zaměříme na podporu dětí v předškolním vzdělávání.",
        "Struktura, kompetence a složení lokálního partnerství, další zvolené participační aktivity",
        "Lokální partnerství (LP) je zřízeno usnesením zastupitelstva obce č. 12/2024 ze dne 20. 2. 2024.",
        "Lokální partnerství má jednu pracovní skupinu: bydlení a zaměstnanost.",
        "Členy LP jsou zástupci obce (starostka, místostarosta), veřejných institucí (OSPOD Horní Lhota) "
        "a neziskových organizací (Charita Horní Lhota, Člověk v tísni, o.p.s.).",
        "Kontaktní osoba za příslušný kraj (je-li relevantní)",
        "není relevantní",
        "Stanovisko lokálního partnerství (případně jeho předpokládaných členů), datum projednání",
        "Návrh popisu spolupráce byl projednán na jednání LP dne 9. 10. 2024 a byl přijat hlasováním "
        "12 pro, 1 proti, 2 se zdrželi.",
        "Jednotlivé činnosti spolupráce a jejich harmonogram v průběhu platnosti popisu spolupráce",
    ]:
        document.add_paragraph(paragraph)
    schedule = document.add_table(rows=1, cols=6)
    titles = [
        "Činnost",
        "Specifikace činnosti a fáze procesu strategického plánování",
        "Výstup",
        "Odpovědnost ASZ",
        "Odpovědnost územního celku",
        "Termín dokončení",
    ]
    for cell, title in zip(schedule.rows[0].cells, titles, strict=True):
        cell.text = title
    for row in SCHEDULE:
        for cell, paragraphs in zip(schedule.add_row().cells, row, strict=True):
            cell.text = paragraphs[0]
            for paragraph in paragraphs[1:]:
                cell.add_paragraph(paragraph)
    document.add_paragraph("Datum schválení popisu spolupráce územním celkem: 11. 11. 2024")
    document.add_paragraph("Číslo usnesení: 45/2024-ZO")
    signatures = document.add_table(rows=1, cols=2)
    signatures.rows[0].cells[0].text = "V Dolní Lhotě dne 12. 11. 2024"
    signatures.rows[0].cells[1].text = "V Praze dne 20. 11. 2024"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def from_text() -> ParsedDescription:
    return parse_cooperation_description((FIXTURES / "dolni-lhota.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def from_docx() -> ParsedDescription:
    # The name lies on purpose: the content decides.
    return parse_cooperation_description(extract_text(dolni_lhota_docx(), "popis.pdf"))


KEY_FIELDS = [
    "unit_name",
    "seat",
    "ico",
    "representative_function",
    "inclusion_manager",
    "agency_regional_head",
    "memorandum_date",
    "project_registration_number",
    "training_total_hours",
    "training_distance_cap_hours",
    "validity_years",
    "programme_period_note",
    "lp_established_by",
    "working_groups",
    "lp_stance",
    "approval_date",
    "resolution_number",
    "unit_signature",
    "agency_signature",
]


@pytest.mark.parametrize("name", KEY_FIELDS)
def test_docx_gives_the_same_key_fields_as_the_text(from_text, from_docx, name):
    docx_field, text_field = getattr(from_docx, name), getattr(from_text, name)
    assert docx_field.found is True
    if name == "working_groups":  # snippets differ (the text version ends with its full stop)
        assert [g.name for g in docx_field.value] == [g.name for g in text_field.value]
    else:
        assert docx_field.value == text_field.value


def test_docx_areas_members_and_no_regional_contact(from_docx):
    assert [area.name for area in from_docx.thematic_areas.value] == ["Bydlení", "Zaměstnanost", "Vzdělávání"]
    assert all(area.focus.found for area in from_docx.thematic_areas.value)
    assert from_docx.members_of("ngos") == ["Charita Horní Lhota", "Člověk v tísni, o.p.s."]
    assert from_docx.regional_contact.found is True
    assert from_docx.regional_contact.value is None


def test_docx_schedule_is_read_cell_by_cell(from_text, from_docx):
    docx_activities, text_activities = from_docx.activities.value, from_text.activities.value
    assert [a.name.value for a in docx_activities] == [a.name.value for a in text_activities]
    for docx_row, text_row in zip(docx_activities, text_activities, strict=True):
        assert docx_row.outputs.value == text_row.outputs.value
        assert docx_row.agency_responsibility.value == text_row.agency_responsibility.value
        assert docx_row.rules == text_row.rules
        assert docx_row.uncertain == []
    training = docx_activities[-1]
    assert training.municipality_responsibility.value == []  # the cell holds "-"
    assert docx_activities[1].municipality_responsibility.value == [
        "Vzájemná součinnost",
        "Zajištění projednání v orgánech obce",
    ]


def test_docx_page_header_is_not_part_of_the_text():
    assert "Popis spolupráce – Obec Dolní Lhota" not in extract_text(dolni_lhota_docx(), "popis.docx")


def test_docx_grid_rows_are_lines_of_tab_separated_cells_and_narrow_tables_are_layout():
    text = extract_text(dolni_lhota_docx(), "popis.docx")
    # The six-column schedule: a row per line, a tab between cells, " / " between paragraphs.
    assert "Záznam z jednání / Prezenční listina\tObsahové zajištění / Facilitace\t" in text
    # The two-column header is layout: each cell's paragraphs on lines of their own.
    assert "\nÚzemní celek\n\nObec Dolní Lhota\n" in text


def test_an_empty_docx_cell_is_present_and_empty():
    document = Document()
    document.add_paragraph("Doba platnosti popisu spolupráce")
    document.add_paragraph("Kontaktní osoba za příslušný kraj (je-li relevantní)")
    document.add_paragraph("není relevantní")
    document.add_paragraph(
        "Jednotlivé činnosti spolupráce a jejich harmonogram v průběhu platnosti popisu spolupráce"
    )
    table = document.add_table(rows=1, cols=6)
    row = [
        "Setkání",
        "Informování.",
        "Záznam",
        "Facilitace",
        "",
        "2x ročně",
    ]  # the municipality's cell is empty
    for cell, text in zip(table.rows[0].cells, row, strict=True):
        cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = parse_cooperation_description(extract_text(buffer.getvalue(), "a.docx"))
    row = parsed.activities.value[0]
    assert row.municipality_responsibility.found is True
    assert row.municipality_responsibility.value == []


# --- PDF with a text layer -------------------------------------------------------------------------


def test_a_pdf_with_text_is_extracted_page_by_page_and_parsed():
    text = (FIXTURES / "dolni-lhota.txt").read_text(encoding="utf-8")
    pages = "".join(
        f'<pre style="page-break-after: always">{html.escape(page)}</pre>' for page in text.split("Stránka")
    )
    pdf = weasyprint.HTML(string=f"<html><body style='font-size: 7pt'>{pages}</body></html>").write_pdf()
    extracted = extract_text(pdf, "popis.pdf")
    # Page numbers ("1 z 4" opens each printed page) and the running header are dropped.
    assert " z 4" not in extracted
    assert "Popis spolupráce – Obec Dolní Lhota" not in extracted

    parsed = parse_cooperation_description(extracted)
    assert parsed.unit_name.value == "Obec Dolní Lhota"
    assert parsed.ico.value == "52601811"
    assert parsed.memorandum_date.value == date(2024, 3, 14)
    assert parsed.training_total_hours.value == 60
    assert parsed.lp_stance.value.votes_for == 12
    assert parsed.approval_date.value == date(2024, 11, 11)
    # pypdf drops the blank lines between table cells; rows and rules are still found.
    assert [a.name.value for a in parsed.activities.value] == [
        "Jednání lokálního partnerství (vč. pracovní skupiny)",
        "Vyhodnocení spolupráce",
        "Tvorba plánu sociálního začleňování (PSZ)",
        "Setkání s veřejností",
        "Odborné poradenství včetně realizace vzdělávacích aktivit",
    ]
    assert [r.kind for a in parsed.activities.value for r in a.rules] == [
        "frequency",
        "frequency",
        "periodic_output",
        "deadline",
        "frequency",
        "none",
    ]
