"""Cooperation descriptions of fictional municipalities, as Word documents people really write.

Each `Variant` is the content of one description and, field by field, what an import of it must
read (`expected_facts`). `build_docx(variant, layout)` writes it with python-docx in one of three
layouts, the ones the shared fixtures have:

* "table": headings as bold paragraphs, the header and the schedule as real tables, real
  footnotes at the foot of the page;
* "para": every section inside a one-column table (a shaded heading row, a content row);
* "fit": like "table", with the schedule in 8 pt across the whole width.

Then `build_variants.py` prints each to PDF with LibreOffice. What the variants vary is what
broke the importer before (issue 16): other names, dates, hours, areas and numbers of groups, a
deadline cell that wraps after "Minimálně 3x", table rows broken by a page break, footnotes,
a manager written with their department, a regional contact "není stanovena", a malformed
registration number, dates wrapped across lines, and a council resolution that is not a
description at all.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from docx import Document
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt

from spojka.importer.tests.facts import MISSING

LAYOUTS = ("table", "para", "fit")
SCHEDULE_HEADER = (
    "Činnost",
    "Specifikace činnosti a fáze procesu strategického plánování",
    "Výstup",
    "Odpovědnost ASZ",
    "Odpovědnost územního celku",
    "Termín dokončení",
)
FOOTNOTES = {
    "seat": "V případě obce se jedná o sídlo obecního úřadu.",
    "representative": (
        "Pověřený zástupce územního celku pro sociální začleňování je osoba zastupující politickou "
        "reprezentaci obce (případně kraje), či pokud se nejedná o obec (kraj), osoba plnící obdobnou "
        "funkci jako zástupce politické reprezentace."
    ),
    "manager": "Jedná se o kontaktní osobu, zpravidla jde o výkonného pracovníka územního celku.",
    "approval": (
        "Popis spolupráce schvaluje zastupitelstvo obce, či pokud se nejedná o obec, orgán územního "
        "celku plnící obdobnou funkci jako zastupitelstvo obce."
    ),
}


@dataclass(frozen=True)
class Row:
    """One schedule row as written, and the rules it must give (facts' rule tuples)."""

    name: str
    specification: list[str]
    outputs: list[tuple[str, str | None]]  # text and document type
    agency: list[str]
    municipality: list[str]  # ["-"] is an empty cell on purpose
    deadline: list[str]
    rules: list[tuple]


@dataclass(frozen=True)
class Variant:
    slug: str
    unit_name: str
    seat: str
    ico: str
    representative: str
    manager_written: str
    manager: tuple[str | None, bool, str | None]  # name, vacant, note
    regional_head_written: str
    regional_head: str | None
    memorandum: date
    registration: str
    hours: int
    distance: int
    validity_words: str  # "3 roky"
    validity_years: int
    programme_note: str
    areas: list[tuple[str, str]]  # name, focus paragraph
    established_by: str
    groups: list[tuple[str, bool]]  # name, cross-cutting
    group_count_word: str
    city_label: str
    members: dict[str, list[str]]  # category → organisations
    psz: tuple[int, int]
    target_group: str
    strategies: list[tuple[str, str | None]]  # written title, period as written
    strategy_sentence: str
    esif: list[str]
    contact_written: str
    contact: tuple[str | None, str | None] | None  # name, function; None: no one
    stance_written: str
    stance: tuple[date | None, str | None, bool | None, tuple]  # date, outcome, adopted, votes
    rows: list[Row]
    approval_written: str  # may hold "\n": a date wrapped across lines
    approval: date | None
    resolution: str | None
    unit_place: str
    unit_signed_written: str
    unit_signed: date | None
    agency_signed_written: str
    agency_signed: date | None
    registration_doubted: bool = False
    extra_intro: list[str] = field(default_factory=list)  # paragraphs that push the table down


def _rule(
    kind: str, count=None, per=None, what=None, season=None, year=None, day=None, at_least=False, wg=False
):
    return (kind, count, per, what, season, year, day, at_least, wg)


# --- the variants --------------------------------------------------------------------------------

LONG_SPEC = [
    "Projednávání a vyhodnocování popisu spolupráce, příprava a aktualizace plánu sociálního "
    "začleňování, sledování vývoje sociální situace v obci a v jejích místních částech, síťování "
    "místních aktérů, přenos odborných informací mezi členy partnerství, sledování implementace "
    "plánu sociálního začleňování a jeho průběžné vyhodnocování včetně návrhů na úpravy opatření.",
]

HORNI_LHOTA = Variant(
    slug="horni-lhota",
    unit_name="Obec Horní Lhota",
    seat="Náměstí Svobody 4, Horní Lhota, 79401",
    ico="00298310",
    representative="místostarosta obce pro oblast sociálních věcí",
    manager_written="Bc. Petra Novotná, odbor sociálních věcí",
    manager=("Bc. Petra Novotná", False, None),
    regional_head_written="Mgr. Ondřej Veselý",
    regional_head="Mgr. Ondřej Veselý",
    memorandum=date(2023, 5, 17),
    registration="CZ.03.02.02/00/22_003/0000412",
    hours=60,
    distance=25,
    validity_words="3 roky",
    validity_years=3,
    programme_note="spolupráce probíhá v programovém období 2021–2027",
    areas=[
        ("Bydlení", "V oblasti bydlení se zaměříme na prevenci ztráty bydlení a na sociální byty."),
        ("Zaměstnanost", "V oblasti zaměstnanosti plánujeme spolupráci s Úřadem práce ČR a zaměstnavateli."),
        ("Vzdělávání", "V oblasti vzdělávání podpoříme předškolní vzdělávání a doučování žáků."),
        ("Zdraví", "V oblasti zdraví se zaměříme na dostupnost zdravotní péče pro seniory."),
    ],
    established_by="usnesením zastupitelstva obce č. 14/2023",
    groups=[("bydlení a zaměstnanost", False), ("vzdělávání", False)],
    group_count_word="dvě",
    city_label="obce",
    members={
        "city": ["starosta", "místostarosta", "sociální pracovnice obecního úřadu"],
        "public_institutions": ["Úřad práce ČR – kontaktní pracoviště Horní Lhota", "OSPOD Horní Lhota"],
        "ngos": ["Charita Horní Lhota", "Člověk v tísni, o.p.s."],
    },
    psz=(2024, 2028),
    target_group="rodiny s dětmi ohrožené ztrátou bydlení a dlouhodobě nezaměstnaní",
    strategies=[
        ("Program rozvoje obce Horní Lhota", "2023–2030"),
        ("Komunitní plán sociálních služeb", "2022"),
    ],
    strategy_sentence=(
        "Plán má vazbu na Program rozvoje obce Horní Lhota (2023–2030) a Komunitní plán sociálních služeb (2022)."
    ),
    esif=["sociální práce v obci", "podpora prostupného zaměstnávání", "předškolní kluby"],
    contact_written="není stanovena",
    contact=None,
    stance_written="Návrh popisu spolupráce byl projednán na jednání LP dne 12. 4. 2023 a byl přijat hlasováním 11 pro, 0 proti, 1 se zdržel.",
    stance=(date(2023, 4, 12), "vote", True, (11, 0, 1)),
    rows=[
        Row(
            "Jednání lokálního partnerství (vč. pracovních skupin)",
            LONG_SPEC,
            [
                ("Statut a jednací řád", "statute"),
                ("Záznam z jednání", "minutes"),
                ("Prezenční listina", "attendance"),
            ],
            ["Obsahové zajištění", "Facilitace"],
            ["Organizační zajištění", "Součinnost na obsahovém zajištění"],
            ["Minimálně 3x ročně (vč. pracovních skupin)"],
            [_rule("frequency", 3, "year", "lp_plenary", at_least=True, wg=True)],
        ),
        Row(
            "Vyhodnocení spolupráce",
            ["Vyhodnocení naplňování popisu spolupráce a případné návrhy jeho revize."],
            [
                ("Záznam z jednání", "minutes"),
                ("Zpráva o plnění popisu spolupráce zastupitelstvu obce", "coop_report"),
            ],
            ["Vzájemná součinnost"],
            ["Vzájemná součinnost", "Zajištění projednání v orgánech obce"],
            [
                "2x ročně jednání konzultanta ASZ, manažerky SZ a místostarosty",
                "1x ročně zpráva o plnění popisu spolupráce",
            ],
            [_rule("frequency", 2, "year", "evaluation"), _rule("periodic_output", 1, "year", "coop_report")],
        ),
        Row(
            "Tvorba plánu sociálního začleňování (PSZ)",
            ["Analytické práce, formulace strategie, nastavení implementace."],
            [("Plán sociálního začleňování", "psz")],
            ["Příprava podkladů", "Metodická podpora"],
            ["Zpracování výstupu", "Zajištění projednání v orgánech obce"],
            ["Podzim 2024"],
            [_rule("deadline", season="autumn", year=2024)],
        ),
        Row(
            "Odborné poradenství včetně realizace vzdělávacích aktivit",
            ["Vzdělávací aktivity (workshopy, semináře) pro pracovníky obce a lokální partnery."],
            [("Prezenční listina", "attendance"), ("Certifikát", "certificate")],
            ["Koordinace aktivit", "Zajištění lektora"],
            ["-"],
            ["Dle nabídky ASZ"],
            [_rule("none")],
        ),
    ],
    approval_written="28. 3.\n2024",
    approval=date(2024, 3, 28),
    resolution="15/2024-ZO",
    unit_place="V Horní Lhotě",
    unit_signed_written="2. 4.\n2024",
    unit_signed=date(2024, 4, 2),
    agency_signed_written="9. 4. 2024",
    agency_signed=date(2024, 4, 9),
    extra_intro=[],
)

DUBOVA_HORA = Variant(
    slug="dubova-hora",
    unit_name="Město Dubová Hora",
    seat="Masarykovo náměstí 1, Dubová Hora, 56801",
    ico="00273457",
    representative="starostka města",
    manager_written="Ing. Karel Dvořák (odbor sociálních věcí a zdravotnictví)",
    manager=("Ing. Karel Dvořák", False, None),
    regional_head_written="není stanoven",
    regional_head=None,
    memorandum=date(2022, 9, 30),
    registration="CZ.03.2.63/0.0/0.0/15_030/000060",
    hours=40,
    distance=20,
    validity_words="2 roky",
    validity_years=2,
    programme_note="jedná se o přechodné období mezi programovými obdobími",
    areas=[
        ("Zaměstnanost", "V oblasti zaměstnanosti se zaměříme na prostupné zaměstnávání."),
        (
            "Bezpečnost a prevence kriminality",
            "V oblasti bezpečnosti a prevence kriminality podpoříme asistenty prevence kriminality.",
        ),
        ("Dluhová problematika", "V oblasti dluhové problematiky rozšíříme dluhové poradenství."),
        ("Bydlení", "V oblasti bydlení se zaměříme na sousedské soužití."),
        ("Sociální služby", "V oblasti sociálních služeb plánujeme terénní programy."),
        ("Rodina a děti", "V oblasti rodiny a dětí podpoříme rodinná centra."),
    ],
    established_by="radou města",
    groups=[("bydlení", False), ("zaměstnanost a dluhy", False), ("rodina a děti", True)],
    group_count_word="tři",
    city_label="města",
    members={
        "city": [
            "vedoucí odboru sociálních věcí",
            "manažer sociálního začleňování",
            "vedoucí odboru školství",
        ],
        "public_institutions": [
            "Úřad práce Dubová Hora",
            "Městská policie Dubová Hora",
            "Probační a mediační služba",
        ],
        "ngos": ["Diakonie Dubová Hora", "Rodinné centrum Žirafa, z. s.", "Poradna pro dluhy"],
    },
    psz=(2023, 2027),
    target_group="osoby sociálně vyloučené a sociálním vyloučením ohrožené",
    strategies=[
        ("Strategický plán rozvoje města Dubová Hora", "do roku 2030"),
        ("Akční plán prevence kriminality", "2022 – 2024"),
    ],
    strategy_sentence=(
        "Plán má vazbu na Strategický plán rozvoje města Dubová Hora do roku 2030 a Akční plán prevence "
        "kriminality (2022 – 2024)."
    ),
    esif=["Asistenti prevence kriminality", "dluhová poradna", "terénní sociální práce"],
    contact_written="Mgr. Jana Malá, Ph.D., krajská koordinátorka pro romské záležitosti",
    contact=("Mgr. Jana Malá, Ph.D.", "krajská koordinátorka pro romské záležitosti"),
    stance_written="Návrh popisu spolupráce byl projednán na jednání 5. 9. 2022 a byl konsenzuálně přijat.",
    stance=(date(2022, 9, 5), "consensus", True, (None, None, None)),
    rows=[
        Row(
            "Jednání lokálního partnerství (vč. jeho složek – pracovních skupin)",
            LONG_SPEC
            + ["Revize nastavené spolupráce s ohledem na vyjasnění činností ASZ po ukončení projektu."],
            [("Záznam z jednání", "minutes"), ("Prezenční listina", "attendance")],
            ["Obsahové zajištění", "Součinnost na organizačním zajištění", "Facilitace"],
            ["Součinnost na obsahovém zajištění", "Organizační zajištění"],
            ["Minimálně 3x ročně (vč. pracovních skupin)"],
            [_rule("frequency", 3, "year", "lp_plenary", at_least=True, wg=True)],
        ),
        Row(
            "Setkání s veřejností",
            ["Informování obyvatel o záměrech v oblasti bydlení, sběr podnětů."],
            [("Záznam ze setkání", "minutes")],
            ["Metodická podpora"],
            ["Organizační zajištění", "Propagace setkání"],
            ["2x ročně"],
            [_rule("frequency", 2, "year", None)],
        ),
        Row(
            "Vyhodnocení PSZ",
            ["Sledování naplňování PSZ a případné návrhy revize PSZ."],
            [("Záznam z jednání LP", "minutes"), ("Zpráva o plnění PSZ zastupitelstvu obce", "psz_report")],
            ["Vzájemná součinnost"],
            ["Vzájemná součinnost", "Zajištění projednání v orgánech obce"],
            ["1x ročně projednání v LP", "1x ročně zpráva o plnění PSZ"],
            [_rule("frequency", 1, "year", "lp_plenary"), _rule("periodic_output", 1, "year", "psz_report")],
        ),
        Row(
            "Vyhodnocení Strategického plánu sociálního začleňování 2019 – 2022",
            ["Přehled plnění jako podklad pro tvorbu komplexního plánu na další období."],
            [("Podklad pro jednání pracovních skupin a nového strategického dokumentu.", "analysis")],
            ["Zpracování výstupu"],
            ["Poskytnutí součinnosti při přípravě výstupu"],
            ["31. 12. 2023"],
            [_rule("deadline", year=2023, day=date(2023, 12, 31))],
        ),
    ],
    approval_written="14. 12. 2022",
    approval=date(2022, 12, 14),
    resolution="ZM/0321/22",
    unit_place="V Dubové Hoře",
    unit_signed_written="",
    unit_signed=None,
    agency_signed_written="",
    agency_signed=None,
    registration_doubted=True,
    extra_intro=[],
)

LIPOVA_VES = Variant(
    slug="lipova-ves",
    unit_name="Obec Lipová Ves",
    seat="Lipová Ves 52, 38301",
    ico="00439711",
    representative="starosta obce",
    manager_written="neobsazeno",
    manager=(None, True, "neobsazeno"),
    regional_head_written="Mgr. Tereza Horká",
    regional_head="Mgr. Tereza Horká",
    memorandum=date(2024, 1, 22),
    registration="CZ.03.02.02/00/22_003/0001187",
    hours=30,
    distance=15,
    validity_words="4 roky",
    validity_years=4,
    programme_note="spolupráce probíhá v programovém období 2021–2027",
    areas=[
        ("Bydlení", "V oblasti bydlení se zaměříme na prevenci ztráty bydlení."),
        ("Vzdělávání", "V oblasti vzdělávání podpoříme spolupráci školy s rodinami."),
    ],
    established_by="usnesením zastupitelstva obce č. 3/2024",
    groups=[("bydlení a vzdělávání", True)],
    group_count_word="jednu",
    city_label="obce",
    members={
        "city": ["starosta", "ředitelka ZŠ a MŠ Lipová Ves"],
        "public_institutions": ["OSPOD Prachatice"],
        "ngos": ["Charita Prachatice", "Rodinné centrum Lipka, z. s."],
    },
    psz=(2025, 2029),
    target_group="rodiny s dětmi a senioři",
    strategies=[("Program rozvoje obce Lipová Ves", "2024–2030")],
    strategy_sentence="Plán má vazbu na Program rozvoje obce Lipová Ves (2024–2030).",
    esif=["sociální práce v obci", "předškolní klub"],
    contact_written="—",
    contact=None,
    stance_written="Návrh popisu spolupráce byl projednán na jednání LP dne 6. 3. 2024 a byl jednomyslně přijat.",
    stance=(date(2024, 3, 6), "vote", True, (None, None, None)),
    rows=[
        Row(
            "Jednání lokálního partnerství",
            ["Projednávání popisu spolupráce a plánu sociálního začleňování."],
            [("Záznam z jednání", "minutes"), ("Prezenční listina", "attendance")],
            ["Obsahové zajištění", "Facilitace"],
            ["Organizační zajištění"],
            ["Minimálně 4x ročně"],
            [_rule("frequency", 4, "year", "lp_plenary", at_least=True)],
        ),
        Row(
            "Tvorba plánu sociálního začleňování (PSZ)",
            LONG_SPEC,
            [("Plán sociálního začleňování", "psz")],
            ["Příprava podkladů", "Podílí se na zpracování výstupu", "Metodická a odborná podpora"],
            [
                "Součinnost při přípravě podkladů",
                "Zpracování výstupu",
                "Zajištění projednání v orgánech obce",
            ],
            ["Jaro 2025"],
            [_rule("deadline", season="spring", year=2025)],
        ),
        Row(
            "Vyhodnocení spolupráce",
            ["Vyhodnocení naplňování popisu spolupráce."],
            [("Zpráva o plnění popisu spolupráce zastupitelstvu obce", "coop_report")],
            ["Vzájemná součinnost"],
            ["Zajištění projednání v orgánech obce"],
            ["1x ročně zpráva o plnění popisu spolupráce"],
            [_rule("periodic_output", 1, "year", "coop_report")],
        ),
    ],
    approval_written="",
    approval=None,
    resolution=None,
    unit_place="V Lipové Vsi",
    unit_signed_written="",
    unit_signed=None,
    agency_signed_written="",
    agency_signed=None,
    extra_intro=[],
)

VARIANTS = {variant.slug: variant for variant in (HORNI_LHOTA, DUBOVA_HORA, LIPOVA_VES)}

RESOLUTION_PARAGRAPHS = [
    "Statutární město Dubová Hora",
    "USNESENÍ ZASTUPITELSTVA MĚSTA",
    "ze 7. zasedání konaného dne 14. 12. 2022",
    "Usnesení č. ZM/0321/22",
    "Zastupitelstvo města Dubová Hora po projednání",
    "I. schvaluje",
    "Popis spolupráce v oblasti sociálního začleňování mezi městem Dubová Hora a Agenturou pro "
    "sociální začleňování na období 2022–2024, který je přílohou tohoto usnesení;",
    "II. ukládá",
    "starostce města podepsat popis spolupráce do 31. 12. 2022.",
    "Hlasování: pro 21, proti 0, zdrželi se 2.",
]


# --- expected facts ------------------------------------------------------------------------------


def expected_facts(variant: Variant) -> dict[str, Any]:
    """The facts an import of `variant` must read, keyed like `facts.facts`."""
    name, vacant, note = variant.manager
    facts: dict[str, Any] = {
        "unit_name": variant.unit_name,
        "seat": variant.seat,
        "ico": variant.ico,
        "representative_function": variant.representative,
        "manager.name": name,
        "manager.vacant": vacant,
        "manager.note": note,
        "agency_regional_head": variant.regional_head,
        "memorandum_date": variant.memorandum,
        "project_registration_number": variant.registration,
        "training_total_hours": variant.hours,
        "training_distance_cap_hours": variant.distance,
        "validity_years": variant.validity_years,
        "programme_period_note": variant.programme_note,
        "lp_established_by": variant.established_by,
        "psz_period": _year_range(variant.psz),
        "psz_target_group": variant.target_group,
        "regional_contact.name": variant.contact[0] if variant.contact else None,
        "regional_contact.function": variant.contact[1] if variant.contact else None,
        "lp_stance.date": variant.stance[0],
        "lp_stance.outcome": variant.stance[1],
        "lp_stance.adopted": variant.stance[2],
        "lp_stance.votes": variant.stance[3],
        "approval_date": variant.approval,
        "resolution_number": variant.resolution,
        "unit_signature": (variant.unit_place, variant.unit_signed),
        "agency_signature": ("V Praze", variant.agency_signed),
    }
    for i, (area, focus) in enumerate(variant.areas):
        facts[f"area[{i}].name"] = area
        facts[f"area[{i}].focus"] = focus
    for i, group in enumerate(variant.groups):
        facts[f"working_group[{i}]"] = group
    members = [(category, org) for category, orgs in variant.members.items() for org in orgs]
    for i, member in enumerate(members):
        facts[f"member[{i}]"] = member
    for i, strategy in enumerate(variant.strategies):
        facts[f"strategy[{i}]"] = strategy
    for i, item in enumerate(variant.esif):
        facts[f"esif[{i}]"] = item
    for i, row in enumerate(variant.rows):
        facts.update(_row_facts(i, row))
    return facts


def _year_range(years: tuple[int, int]) -> Any:
    from spojka.importer.parsed import YearRange

    return YearRange(*years)


def _row_facts(index: int, row: Row) -> dict[str, Any]:
    key = f"activity[{index}]"
    facts: dict[str, Any] = {
        f"{key}.name": row.name,
        f"{key}.specification": " ".join(row.specification),
        f"{key}.deadline": " ".join(row.deadline),
    }
    for j, output in enumerate(row.outputs):
        facts[f"{key}.output[{j}]"] = output
    for j, item in enumerate(row.agency):
        facts[f"{key}.agency[{j}]"] = item
    for j, item in enumerate(item for item in row.municipality if item != "-"):
        facts[f"{key}.municipality[{j}]"] = item
    for j, rule in enumerate(row.rules):
        facts[f"{key}.rule[{j}]"] = rule
    return facts


__all__ = [
    "LAYOUTS",
    "MISSING",
    "RESOLUTION_PARAGRAPHS",
    "VARIANTS",
    "build_docx",
    "build_resolution",
    "expected_facts",
]


# --- writing the Word document ---------------------------------------------------------------------


class _Writer:
    """A python-docx document with real footnotes (python-docx has no API for them)."""

    def __init__(self, layout: str) -> None:
        self.layout = layout
        self.document = Document()
        style = self.document.styles["Normal"]
        style.font.name = "DejaVu Sans"
        style.font.size = Pt(10)
        style.paragraph_format.space_after = Pt(4)
        section = self.document.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin = section.bottom_margin = Cm(2.0)
        self.footnotes: list[str] = []

    def footnote(self, paragraph, text: str) -> None:
        self.footnotes.append(text)
        number = len(self.footnotes) + 1  # ids 0 and 1 are the separators
        paragraph._p.append(
            parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{number}"/></w:r>'
            )
        )

    def save(self) -> bytes:
        if self.footnotes:
            self._footnotes_part()
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    def _footnotes_part(self) -> None:
        notes = [
            f'<w:footnote w:id="{number}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
            f'<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="16"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
            for number, text in enumerate(self.footnotes, start=2)
        ]
        xml = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {nsdecls("w")}>'
            '<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="1"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
            + "".join(notes)
            + "</w:footnotes>"
        )
        part = Part(
            PackURI("/word/footnotes.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
            xml.encode(),
            self.document.part.package,
        )
        self.document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def _text(paragraph, text: str, *, bold: bool = False, size: float | None = None) -> None:
    """Text with "\n" as manual line breaks (a date wrapped across lines)."""
    for index, piece in enumerate(text.split("\n")):
        run = paragraph.add_run(piece)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if index < text.count("\n"):
            run.add_break(WD_BREAK.LINE)


def _grid(table) -> None:
    table.style = "Table Grid"


def _shade(cell) -> None:
    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="D9D9D9"/>')
    )


def _set_widths(table, widths_cm: list[float]) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def build_docx(variant: Variant, layout: str) -> bytes:
    writer = _Writer(layout)
    document = writer.document
    _text(document.add_paragraph(), "POPIS SPOLUPRÁCE V OBLASTI SOCIÁLNÍHO ZAČLEŇOVÁNÍ", bold=True, size=13)
    _header_table(writer, variant)
    for paragraph in _intro(variant) + variant.extra_intro:
        _text(document.add_paragraph(), paragraph)
    for heading, paragraphs in _sections(variant):
        _section(writer, heading, paragraphs)
    _section(
        writer,
        "Jednotlivé činnosti spolupráce a jejich harmonogram v průběhu platnosti popisu spolupráce",
        [],
    )
    _schedule(writer, variant)
    _closing(writer, variant)
    return writer.save()


def _header_table(writer: _Writer, variant: Variant) -> None:
    rows = [
        ("Územní celek", variant.unit_name, None),
        ("Sídlo", variant.seat, "seat"),
        ("IČ", variant.ico, None),
        (
            "Pověřený zástupce územního celku pro sociální začleňování",
            variant.representative,
            "representative",
        ),
        ("Manažer sociálního začleňování", variant.manager_written, "manager"),
        ("Vedoucí regionálního pracoviště ASZ", variant.regional_head_written, None),
    ]
    table = writer.document.add_table(rows=0, cols=2)
    _grid(table)
    for label, value, note in rows:
        cells = table.add_row().cells
        paragraph = cells[0].paragraphs[0]
        _text(paragraph, label)
        if note:
            writer.footnote(paragraph, FOOTNOTES[note])
        _text(cells[1].paragraphs[0], value)
    _set_widths(table, [6.0, 11.0])


def _intro(variant: Variant) -> list[str]:
    return [
        f"Popis spolupráce se vztahuje k Memorandu o spolupráci ze dne {variant.memorandum.day}. "
        f"{variant.memorandum.month}. {variant.memorandum.year}.",
        "Územní celek se v průběhu platnosti popisu spolupráce podílí na dosahování povinných výstupů "
        f"projektu Systémové zajištění sociálního začleňování, reg. č. {variant.registration}, financovaného "
        "z Operačního programu Zaměstnanost plus, a zavazuje se k podpoře plnění povinných indikátorů projektu "
        "formou uvolnění vybraných pracovníků pro účast na vzdělávacích aktivitách v tematických oblastech "
        f"sociálního začleňování v celkovém rozsahu {variant.hours} hodin (z nichž může být max. "
        f"{variant.distance} hodin dosaženo distanční formou).",
    ]


def _list_words(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " a " + items[-1] if len(items) > 1 else items[0]


def _sections(variant: Variant) -> list[tuple[str, list[str]]]:
    members = variant.members
    return [
        (
            "Doba platnosti popisu spolupráce",
            [f"Doba platnosti popisu spolupráce je {variant.validity_words}, {variant.programme_note}."],
        ),
        (
            "Obsahové zaměření spolupráce (tematické oblasti spolupráce)",
            [
                "Plánujeme spolupracovat zejména v těchto oblastech: "
                + _list_words([name for name, _focus in variant.areas])
                + "."
            ]
            + [focus for _name, focus in variant.areas],
        ),
        (
            "Struktura, kompetence a složení lokálního partnerství, další zvolené participační aktivity",
            [
                "Lokální partnerství (LP) je jako stálý koordinační a poradní orgán v oblasti sociálního "
                f"začleňování zřízeno {variant.established_by}.",
                f"Lokální partnerství má {variant.group_count_word} "
                + ("pracovní skupinu" if len(variant.groups) == 1 else "pracovní skupiny")
                + ": "
                + ", ".join(
                    f"{name} ({'průřezová' if cross else 'tematická'} skupina)"
                    for name, cross in variant.groups
                )
                + ".",
                f"Členy LP jsou zástupci {variant.city_label} ({', '.join(members['city'])}), veřejných institucí "
                f"({', '.join(members['public_institutions'])}) a neziskových organizací ({', '.join(members['ngos'])}).",
            ],
        ),
        (
            "Specifikace plánu sociálního začleňování (proč je daná strategie vytvářena – hlavní cíl, kterého má "
            "být dosaženo; co daná strategie řeší – tematické a průřezové oblasti zaměření a hloubka řešení – "
            "charakter PSZ; koho se daná strategie týká – cílová skupina; synergie s dalšími strategickými "
            "dokumenty územního celku)",
            [
                f"Strategický dokument na období {variant.psz[0]}–{variant.psz[1]} zaměřený na sociální začleňování.",
                f"Cílová skupina: {variant.target_group}.",
                variant.strategy_sentence,
            ],
        ),
        (
            "Předpokládané oblasti intervence realizované za podpory finančních prostředků ESIF v rámci KPSV 2021+",
            [", ".join(variant.esif) + "."],
        ),
        ("Kontaktní osoba za příslušný kraj (je-li relevantní)", [variant.contact_written]),
        (
            "Stanovisko lokálního partnerství (případně jeho předpokládaných členů), datum projednání",
            [variant.stance_written],
        ),
    ]


def _section(writer: _Writer, heading: str, paragraphs: list[str]) -> None:
    document = writer.document
    if writer.layout != "para" or not paragraphs:
        _text(document.add_paragraph(), heading, bold=True)
        for text in paragraphs:
            _text(document.add_paragraph(), text)
        return
    table = document.add_table(rows=2, cols=1)
    _grid(table)
    _shade(table.rows[0].cells[0])
    _text(table.rows[0].cells[0].paragraphs[0], heading, bold=True)
    content = table.rows[1].cells[0]
    _text(content.paragraphs[0], paragraphs[0])
    for text in paragraphs[1:]:
        _text(content.add_paragraph(), text)
    document.add_paragraph()


def _schedule(writer: _Writer, variant: Variant) -> None:
    size = 8 if writer.layout == "fit" else None
    table = writer.document.add_table(rows=1, cols=6)
    _grid(table)
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))  # repeated on each page
    for cell, title in zip(header.cells, SCHEDULE_HEADER, strict=True):
        _text(cell.paragraphs[0], title, bold=True)
    for row in variant.rows:
        cells = table.add_row().cells
        contents = [
            [row.name],
            row.specification,
            [text for text, _code in row.outputs],
            row.agency,
            row.municipality,
            row.deadline,
        ]
        for cell, paragraphs in zip(cells, contents, strict=True):
            _text(cell.paragraphs[0], paragraphs[0], size=size)
            for text in paragraphs[1:]:
                _text(cell.add_paragraph(), text, size=size)
    # The deadline column is narrow, so "Minimálně 3x" / "ročně (vč. …)" wraps as in real forms.
    widths = [3.2, 4.8, 2.9, 2.8, 2.9, 2.4] if writer.layout != "fit" else [3.0, 5.2, 3.0, 3.0, 2.9, 2.9]
    _set_widths(table, widths)


def _closing(writer: _Writer, variant: Variant) -> None:
    document = writer.document
    approval = document.add_paragraph()
    _text(approval, "Datum schválení popisu spolupráce územním celkem")
    writer.footnote(approval, FOOTNOTES["approval"])
    _text(approval, ": " + variant.approval_written)
    _text(document.add_paragraph(), "Číslo usnesení: " + (variant.resolution or ""))
    document.add_paragraph()
    places = document.add_table(rows=1, cols=2)
    _text(
        places.rows[0].cells[0].paragraphs[0],
        f"{variant.unit_place} dne {variant.unit_signed_written}".rstrip(),
    )
    _text(places.rows[0].cells[1].paragraphs[0], f"V Praze dne {variant.agency_signed_written}".rstrip())
    document.add_paragraph()
    names = document.add_table(rows=1, cols=2)
    _text(
        names.rows[0].cells[0].paragraphs[0], variant.representative[:1].upper() + variant.representative[1:]
    )
    _text(names.rows[0].cells[1].paragraphs[0], "Ředitel odboru pro sociální začleňování (Agentura)")


def build_resolution() -> bytes:
    """A council resolution approving a description: not a description, to be refused."""
    document = Document()
    for index, text in enumerate(RESOLUTION_PARAGRAPHS):
        _text(document.add_paragraph(), text, bold=index < 2)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
