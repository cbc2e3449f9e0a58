"""Demo data of the cooperation registry: Jihlava as the seed document describes it.

The facts (IČ, seat, dates, hours, areas, strategies, interventions) are the seed's; the wording
of the longer texts is our own. People other than those named in the seed are fictional.
Every loader is idempotent: running ``load_demo`` twice changes nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from spojka.cooperation.models import (
    CooperationDescription,
    KeyRole,
    LpOutcome,
    Memorandum,
    Region,
    RoleAssignment,
    Status,
    TerritorialUnit,
    UnitKind,
)
from spojka.cooperation.services import _replace_lines
from spojka.lib.upsert import upsert

JIHLAVA_AREAS = [
    (
        "Zaměstnanost",
        "Prostupné zaměstnávání, chráněná a tréninková pracovní místa, uplatnění dlouhodobě "
        "nezaměstnaných a lidí zatížených exekucemi na trhu práce a sdílení dat mezi městem a úřadem práce.",
    ),
    (
        "Bezpečnost a prevence kriminality",
        "Komunikace s veřejností a facilitace, pocit bezpečí v centru města, vzdělávání městské policie "
        "a sousedské vztahy.",
    ),
    (
        "Dluhová problematika",
        "Vzdělávání pracovníků a dostupné dluhové poradenství, zejména pro zranitelné skupiny a jednotlivce.",
    ),
    (
        "Bydlení",
        "Systémová podpora nájemníků (sousedské soužití, sociální práce, praktické dovednosti v bydlení), "
        "poznání skupin s problémy na trhu s bydlením a jejich překážek, rozvoj podporovaného bydlení.",
    ),
    (
        "Sociální služby",
        "Alternativa k sociálním službám pro smysluplné trávení volného času a neformální vzdělávání "
        "ve spolupráci se školami, ZUŠ, DDM, knihovnami, sociálními službami a neziskovými organizacemi.",
    ),
]

JIHLAVA_STRATEGIES = [
    ("Strategický plán rozvoje statutárního města Jihlava", "do roku 2020"),
    ("Komunitní plán sociálních služeb – Jihlava", "2016"),
    ("Integrovaný plán rozvoje území Jihlavské sídelní aglomerace", "2014–2020"),
    ("Zdravotní plán města Jihlava", "2018–2020"),
    ("Strategie Kraje Vysočina a národní strategie", ""),
]

JIHLAVA_ESIF = [
    "Domovník – preventista",
    "Asistenti prevence kriminality",
    "Udržitelnost sociálních služeb: nízkoprahové zařízení pro děti a mládež",
    "Udržitelnost sociálních služeb: terénní sociální práce",
    "Udržitelnost sociálních služeb: sociálně aktivizační služby",
    "Dluhová poradna",
]

REPRESENTATIVE_FUNCTION = (
    "uvolněný člen Rady města Jihlavy pro oblast školství, kultury a tělovýchovy a pro oblast sociálních věcí"
)


def load(*, context: dict) -> dict:
    jihlava, _ = upsert(
        TerritorialUnit,
        lookup={"slug": "jihlava"},
        values={
            "name": "Statutární město Jihlava",
            "kind": UnitKind.STATUTORY_CITY,
            "ico": "00286010",
            "seat_address": "Masarykovo náměstí 97/1, 586 01 Jihlava",
            "region": Region.VYSOCINA,
        },
    )
    other, _ = upsert(
        TerritorialUnit,
        lookup={"slug": "horni-priklad"},
        values={
            "name": "Obec Horní Příklad (smyšlená)",
            "kind": UnitKind.MUNICIPALITY,
            "ico": "00123455",
            "seat_address": "Náves 1, 400 01 Horní Příklad",
            "region": Region.USTECKY,
        },
    )
    memorandum, _ = Memorandum.objects.get_or_create(unit=jihlava, signed_on=date(2021, 11, 2))
    description, _ = upsert(
        CooperationDescription,
        lookup={"unit": jihlava, "version": 1},
        values={
            "memorandum": memorandum,
            "status": Status.ENDED,  # the seed's description: valid 2021–2023, ended
            "valid_from": date(2021, 11, 2),
            "valid_to": date(2023, 11, 1),
            "programme_period_note": (
                "Přechodné období mezi programovým obdobím 2015–2020 a programovým obdobím 2021–2027."
            ),
            "project_name": "Systémové zajištění sociálního začleňování",
            "project_registration_number": "CZ.03.2.63/0.0./0.0/15_030/0000605",
            "target_group": "Osoby sociálně vyloučené a sociálním vyloučením ohrožené.",
            "lp_structure": (
                "Lokální partnerství zřídil radní pro oblast školství, kultury, tělovýchovy a sociálních věcí "
                "jako stálý koordinační, poradní a iniciativní orgán. Sleduje a vyhodnocuje sociální situaci "
                "a potřeby ohrožených obyvatel, naplňování spolupráce s agenturou a podílí se na tvorbě "
                "a implementaci plánu sociálního začleňování. Má tři průřezové pracovní skupiny: sociální "
                "začleňování; projekty a implementace; komunitní plánování."
            ),
            "psz_specification": (
                "Komplexní strategický dokument na období 2022–2027, který vyhodnotí intervence z let "
                "2019–2022 a určí směr dalšího rozvoje sociálního začleňování ve městě."
            ),
            "psz_period_from": 2022,
            "psz_period_to": 2027,
            "training_total_hours": Decimal("40"),
            "training_max_distance_hours": Decimal("20"),
            "lp_discussed_on": date(2021, 9, 2),
            "lp_outcome": LpOutcome.CONSENSUS,
            "unit_signed_place": "Jihlava",
            "unit_signatory": REPRESENTATIVE_FUNCTION[0].upper() + REPRESENTATIVE_FUNCTION[1:],
            "agency_signed_place": "Praha",
            "agency_signatory": "Ředitel odboru pro sociální začleňování (Agentura)",
            "regional_contact_name": "Mgr. Lumír Bartů",
            "regional_contact_function": "krajský koordinátor pro romské záležitosti",
        },
    )
    _replace_lines(
        description,
        description.thematic_areas.model,
        [{"name": name, "focus": focus} for name, focus in JIHLAVA_AREAS],
        key="name",
    )
    _replace_lines(
        description, description.esif_interventions.model, [{"name": n} for n in JIHLAVA_ESIF], key="name"
    )
    _replace_lines(
        description,
        description.strategic_links.model,
        [{"title": t, "period": p} for t, p in JIHLAVA_STRATEGIES],
        key="title",
    )
    roles = [
        {"role": KeyRole.REPRESENTATIVE, "holder_function": REPRESENTATIVE_FUNCTION},
        {"role": KeyRole.INCLUSION_MANAGER, "is_vacant": True, "substitute": "zajištěn zástupem"},
        {
            "role": KeyRole.AGENCY_CONSULTANT,
            "holder_name": "Mgr. Petra Ukázková",
            "holder_function": "konzultantka ASZ (smyšlená osoba)",
            "email": "petra.ukazkova@example.org",
        },
        {
            "role": KeyRole.REGIONAL_COORDINATOR,
            "holder_name": "Mgr. Lumír Bartů",
            "holder_function": "krajský koordinátor pro romské záležitosti",
        },
    ]
    for row in roles:
        upsert(
            RoleAssignment,
            lookup={"unit": jihlava, "role": row["role"], "valid_from": date(2021, 11, 2)},
            values=row,
        )
    renewal = _renewal(jihlava, memorandum, description)
    return {
        "jihlava": jihlava,
        "other": other,
        "jihlava_description": description,
        "jihlava_renewal": renewal,
    }


def _renewal(unit, memorandum, previous) -> CooperationDescription:
    """Example data, not from the seed: the renewal of 2023, valid today whenever the demo is loaded.

    It starts the day after the seed's description ended and runs until 1. 11. of the year after
    next, so a demo loaded on any later day still has a description in force.
    """
    today = timezone.localdate()
    copied = {
        field.name: getattr(previous, field.name)
        for field in CooperationDescription._meta.concrete_fields
        if field.name
        in {
            "project_name",
            "project_registration_number",
            "target_group",
            "lp_structure",
            "psz_specification",
            "psz_period_from",
            "psz_period_to",
            "training_total_hours",
            "training_max_distance_hours",
            "training_mode",
            "unit_signed_place",
            "unit_signatory",
            "agency_signed_place",
            "agency_signatory",
            "regional_contact_name",
            "regional_contact_function",
        }
    }
    renewal, _ = upsert(
        CooperationDescription,
        lookup={"unit": unit, "version": 2},
        values={
            **copied,
            "memorandum": memorandum,
            "previous": previous,
            "status": Status.VALID,
            "valid_from": date(2023, 11, 2),
            "valid_to": date(today.year + 2, 11, 1),
            "programme_period_note": (
                "Ukázková data: navazující popis spolupráce vytvořený pro ukázku (není v podkladech)."
            ),
            "lp_discussed_on": date(2023, 9, 14),
            "lp_outcome": LpOutcome.CONSENSUS,
            "approved_on": date(2023, 10, 16),
            "approval_resolution": "0000/23-RM (smyšlené číslo)",
            "unit_signed_on": date(2023, 10, 20),
            "agency_signed_on": date(2023, 10, 25),
        },
    )
    _replace_lines(
        renewal,
        renewal.thematic_areas.model,
        [{"name": name, "focus": focus} for name, focus in JIHLAVA_AREAS],
        key="name",
    )
    return renewal
