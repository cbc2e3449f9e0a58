"""Demo data of the plans: Jihlava's SPSZ 2019–2022 and PSZ 2022–2027.

Public facts (from the seed cooperation description): that both plans exist and their periods, the
PSZ's target group, main purpose and linked strategic documents, the cooperation's thematic areas and
the ESIF interventions it names. Everything else (goals, measures, actions, budgets, indicators and
their values, monitoring) is our illustration: it is stored with ``is_example=True`` and shown with
the "ukázkový obsah" badge. Idempotent: running it twice creates nothing new.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal as D

from spojka.lib.upsert import upsert
from spojka.plans.models import (
    FundingSource as F,
)
from spojka.plans.models import (
    Goal,
    InclusionPlan,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureReport,
    MonitoringRound,
    PlanAction,
    PlanKind,
    PlanStatus,
    PriorityArea,
    StrategicDocument,
)
from spojka.plans.models import (
    ImplementationStatus as S,
)
from spojka.plans.models import (
    InterventionType as T,
)

TARGET_GROUP = "Osoby sociálně vyloučené a sociálním vyloučením ohrožené."
STRATEGIES = [
    ("Strategický plán rozvoje statutárního města Jihlava", "do roku 2020"),
    ("Komunitní plán sociálních služeb – Jihlava", "2016"),
    ("Integrovaný plán rozvoje území Jihlavské sídelní aglomerace", "2014–2020"),
    ("Zdravotní plán města Jihlava", "2018–2020"),
    ("Strategie Kraje Vysočina a národní strategie", ""),
]

# A measure: (code, name, responsible, season/date, budget, funding, intervention, status,
#             actions [(code, name, status)], indicators [(code, name, unit, base, target, {year: value})])
SPSZ_AREAS = [
    (
        "1",
        "Bydlení",
        None,
        [
            (
                "1.1",
                "Stabilizovat bydlení ohrožených domácností",
                [
                    (
                        "1.1.1",
                        "Podpora nájemníků v městských bytech",
                        "Majetkový odbor Magistrátu města Jihlavy",
                        ("autumn", 2020),
                        D("450000"),
                        F.CITY,
                        T.OTHER,
                        S.DONE,
                        [("1.1.1.a", "Poradenství nájemníkům s dluhem na nájemném", S.DONE)],
                        [
                            (
                                "I1",
                                "Počet podpořených domácností",
                                "domácnosti",
                                0,
                                40,
                                {2019: 12, 2020: 25, 2021: 34, 2022: 41},
                            )
                        ],
                    ),
                    (
                        "1.1.2",
                        "Pravidla přidělování sociálních bytů",
                        "Sociální odbor Magistrátu města Jihlavy",
                        ("spring", 2021),
                        None,
                        F.CITY,
                        T.OTHER,
                        S.PARTIAL,
                        [],
                        [],
                    ),
                ],
            )
        ],
    ),
    (
        "2",
        "Zaměstnanost",
        None,
        [
            (
                "2.1",
                "Zvýšit zaměstnanost dlouhodobě nezaměstnaných",
                [
                    (
                        "2.1.1",
                        "Tréninková pracovní místa u města",
                        "Služby města Jihlavy",
                        ("summer", 2020),
                        D("1234567.50"),
                        F.OPZ,
                        T.OTHER,
                        S.PARTIAL,
                        [
                            ("2.1.1.a", "Zřízení tréninkových míst", S.DONE),
                            ("2.1.1.b", "Přechod na volný trh práce", S.UNMET),
                        ],
                        [
                            (
                                "I2",
                                "Počet tréninkových pracovních míst",
                                "místa",
                                0,
                                10,
                                {2020: 4, 2021: 6, 2022: 6},
                            )
                        ],
                    )
                ],
            )
        ],
    ),
    (
        "3",
        "Bezpečnost",
        None,
        [
            (
                "3.1",
                "Posílit pocit bezpečí obyvatel",
                [
                    (
                        "3.1.1",
                        "Asistenti prevence kriminality",
                        "Městská policie Jihlava",
                        ("winter", 2019),
                        D("900000"),
                        F.MINISTRY,
                        T.CRIME_PREVENTION,
                        S.DONE,
                        [],
                        [
                            (
                                "I3",
                                "Počet asistentů prevence kriminality",
                                "osoby",
                                0,
                                4,
                                {2019: 2, 2020: 4, 2021: 4, 2022: 4},
                            )
                        ],
                    )
                ],
            )
        ],
    ),
    (
        "4",
        "Dluhová problematika",
        None,
        [
            (
                "4.1",
                "Zpřístupnit dluhové poradenství",
                [
                    (
                        "4.1.1",
                        "Dluhová poradna",
                        "Občanská poradna Jihlava",
                        ("autumn", 2019),
                        D("600000"),
                        F.OPZ,
                        T.DEBT_ADVICE,
                        S.IN_PROGRESS,
                        [],
                        [
                            (
                                "I4",
                                "Počet klientů dluhové poradny",
                                "osoby",
                                0,
                                300,
                                {2019: 60, 2020: 130, 2021: 190, 2022: 240},
                            )
                        ],
                    )
                ],
            )
        ],
    ),
    (
        "5",
        "Sociální služby",
        None,
        [
            (
                "5.1",
                "Udržet síť sociálních služeb",
                [
                    (
                        "5.1.1",
                        "Terénní sociální práce",
                        "Sociální odbor Magistrátu města Jihlavy",
                        ("spring", 2020),
                        D("1500000"),
                        F.OPZ,
                        T.FIELD_WORK,
                        S.DONE,
                        [],
                        [],
                    ),
                    (
                        "5.1.2",
                        "Volnočasové aktivity mimo sociální služby",
                        "Odbor školství Magistrátu města Jihlavy",
                        ("summer", 2022),
                        None,
                        F.CITY,
                        T.OTHER,
                        S.CANCELLED,
                        [],
                        [],
                    ),
                ],
            )
        ],
    ),
    (
        "6",
        "Zdraví",
        None,
        [
            (
                "6.1",
                "Zlepšit dostupnost zdravotní prevence",
                [
                    (
                        "6.1.1",
                        "Zdravotně-sociální pomoc v lokalitách",
                        "Oblastní charita Jihlava",
                        ("winter", 2021),
                        D("250000"),
                        F.REGION,
                        T.OTHER,
                        S.UNMET,
                        [],
                        [],
                    )
                ],
            )
        ],
    ),
]

PSZ_AREAS = [
    (
        "1",
        "Bydlení",
        "Bydlení",
        [
            (
                "1.1",
                "Předcházet ztrátě bydlení",
                [
                    (
                        "1.1.1",
                        "Domovník – preventista",
                        "Správa městských domů (ukázka)",
                        ("autumn", 2023),
                        D("1234567.50"),
                        F.OPZ,
                        T.CARETAKER,
                        S.IN_PROGRESS,
                        [
                            ("1.1.1.a", "Výběr a zaškolení domovníků", S.DONE),
                            ("1.1.1.b", "Pravidelná setkání nájemníků", S.IN_PROGRESS),
                        ],
                        [("D1", "Počet domovníků-preventistů", "osoby", 0, 3, {2023: 2, 2024: 3})],
                    )
                ],
            )
        ],
    ),
    (
        "2",
        "Bezpečnost a prevence kriminality",
        "Bezpečnost a prevence kriminality",
        [
            (
                "2.1",
                "Zlepšit pocit bezpečí v centru města",
                [
                    (
                        "2.1.1",
                        "Asistenti prevence kriminality",
                        "Městská policie Jihlava",
                        ("spring", 2024),
                        D("1800000"),
                        F.MINISTRY,
                        T.CRIME_PREVENTION,
                        S.IN_PROGRESS,
                        [],
                        [("A1", "Počet asistentů prevence kriminality", "osoby", 4, 6, {2023: 5, 2024: 5})],
                    )
                ],
            )
        ],
    ),
    (
        "3",
        "Dluhová problematika",
        "Dluhová problematika",
        [
            (
                "3.1",
                "Dostupné dluhové poradenství pro zranitelné skupiny",
                [
                    (
                        "3.1.1",
                        "Dluhová poradna",
                        "Občanská poradna Jihlava",
                        ("winter", 2025),
                        D("750000"),
                        F.OPZ,
                        T.DEBT_ADVICE,
                        S.IN_PROGRESS,
                        [],
                        [("P1", "Počet klientů dluhové poradny", "osoby", 240, 400, {2023: 280, 2024: 320})],
                    )
                ],
            )
        ],
    ),
    (
        "4",
        "Sociální služby",
        "Sociální služby",
        [
            (
                "4.1",
                "Udržet sociální služby podpořené z ESIF",
                [
                    (
                        "4.1.1",
                        "Nízkoprahové zařízení pro děti a mládež",
                        "F POINT",
                        ("summer", 2027),
                        D("2100000"),
                        F.OPZ,
                        T.LOW_THRESHOLD,
                        S.IN_PROGRESS,
                        [],
                        [
                            (
                                "N1",
                                "Počet podpořených dětí a mladistvých",
                                "osoby",
                                0,
                                150,
                                {2023: 60, 2024: 95},
                            )
                        ],
                    ),
                    (
                        "4.1.2",
                        "Terénní sociální práce",
                        "Sociální odbor Magistrátu města Jihlavy",
                        ("summer", 2027),
                        D("3200000"),
                        F.OPZ,
                        T.FIELD_WORK,
                        S.IN_PROGRESS,
                        [],
                        [],
                    ),
                    (
                        "4.1.3",
                        "Sociálně aktivizační služby pro rodiny s dětmi",
                        "Středisko křesťanské pomoci",
                        ("summer", 2027),
                        D("1400000"),
                        F.OPZ,
                        T.ACTIVATION,
                        S.NOT_STARTED,
                        [],
                        [],
                    ),
                ],
            )
        ],
    ),
    (
        "5",
        "Zaměstnanost",
        "Zaměstnanost",
        [
            (
                "5.1",
                "Prostupné zaměstnávání",
                [
                    (
                        "5.1.1",
                        "Sdílení dat mezi městem a úřadem práce",
                        "Úřad práce Jihlava",
                        ("autumn", 2024),
                        None,
                        F.OTHER,
                        T.OTHER,
                        S.NOT_STARTED,
                        [],
                        [],
                    )
                ],
            )
        ],
    ),
]

# Goal-level result indicators (goal code → rows), also illustrative.
GOAL_INDICATORS = {
    "spsz": {
        "4.1": [("V1", "Podíl domácností v exekuci", "%", D("18"), D("12"), {2019: D("18"), 2022: D("15")})]
    },
    "psz": {"3.1": [("V2", "Podíl osob v exekuci", "%", D("15"), D("10"), {2023: D("14"), 2024: D("13.5")})]},
}


def _plan(unit, *, kind, year_from, year_to, title, status, main_goal, approved=(None, "")) -> InclusionPlan:
    approved_on, resolution_number = approved
    plan, _ = upsert(
        InclusionPlan,
        lookup={"unit": unit, "kind": kind, "year_from": year_from, "year_to": year_to},
        values={
            "title": title,
            "status": status,
            "resolution_date": approved_on,
            "resolution_number": resolution_number,
            "target_group": TARGET_GROUP,
            "main_goal": main_goal,
            "is_example": False,
        },
    )
    for order, (doc_title, period) in enumerate(STRATEGIES):
        upsert(
            StrategicDocument,
            lookup={"plan": plan, "title": doc_title},
            values={"unit": unit, "period": period, "order": order},
        )
    return plan


def _indicators(unit, owner: dict, rows, base_year: int, target_year: int) -> None:
    for order, (code, name, uom, base, target, values) in enumerate(rows):
        indicator, _ = upsert(
            Indicator,
            lookup={**owner, "code": code},
            values={
                "unit": unit,
                "name": name,
                "kind": "result" if "goal" in owner else "output",
                "unit_of_measure": uom,
                "baseline_value": D(base),
                "baseline_year": base_year,
                "target_value": D(target),
                "target_year": target_year,
                "order": order,
                "is_example": True,
            },
        )
        for year, value in values.items():
            upsert(
                IndicatorValue,
                lookup={"indicator": indicator, "year": year},
                values={"unit": unit, "value": D(value), "source": "ukázková data (smyšlená hodnota)"},
            )


def _tree(unit, plan: InclusionPlan, areas, key: str, thematic: dict) -> dict[str, Measure]:
    measures: dict[str, Measure] = {}
    for a_order, (a_code, a_name, thematic_name, goals) in enumerate(areas):
        area, _ = upsert(
            PriorityArea,
            lookup={"plan": plan, "code": a_code},
            values={
                "unit": unit,
                "name": a_name,
                "order": a_order,
                "thematic_area": thematic.get(thematic_name),
                "is_example": True,
            },
        )
        for g_order, (g_code, g_name, measure_rows) in enumerate(goals):
            goal, _ = upsert(
                Goal,
                lookup={"area": area, "code": g_code},
                values={"unit": unit, "name": g_name, "order": g_order, "is_example": True},
            )
            _indicators(
                unit, {"goal": goal}, GOAL_INDICATORS[key].get(g_code, []), plan.year_from, plan.year_to
            )
            for m_order, row in enumerate(measure_rows):
                (
                    code,
                    name,
                    responsible,
                    (season, year),
                    budget,
                    funding,
                    intervention,
                    status,
                    actions,
                    inds,
                ) = row
                measure, _ = upsert(
                    Measure,
                    lookup={"goal": goal, "code": code},
                    values={
                        "unit": unit,
                        "name": name,
                        "responsible": responsible,
                        "partners": "Lokální partnerství Jihlava",
                        "due_season": season,
                        "due_year": year,
                        "budget": budget,
                        "funding_source": funding,
                        "intervention_type": intervention,
                        "status": status,
                        "order": m_order,
                        "is_example": True,
                    },
                )
                measures[code] = measure
                for x_order, (x_code, x_name, x_status) in enumerate(actions):
                    upsert(
                        PlanAction,
                        lookup={"measure": measure, "code": x_code},
                        values={
                            "unit": unit,
                            "name": x_name,
                            "responsible": responsible,
                            "due_season": season,
                            "due_year": year,
                            "status": x_status,
                            "order": x_order,
                            "is_example": True,
                        },
                    )
                _indicators(unit, {"measure": measure}, inds, plan.year_from, plan.year_to)
    return measures


def _round(unit, plan, year: int, measures: dict[str, Measure], approved: bool) -> None:
    round, _ = upsert(
        MonitoringRound,
        lookup={"plan": plan, "year": year},
        values={
            "unit": unit,
            "note": "Ukázkové monitorování (smyšlené údaje).",
            "is_example": True,
            # A fixed time keeps the loader idempotent.
            "approved_at": datetime(year + 1, 3, 15, 10, 0, tzinfo=UTC) if approved else None,
        },
    )
    for measure in measures.values():
        upsert(
            MeasureReport,
            lookup={"round": round, "measure": measure},
            values={"unit": unit, "status": measure.status, "comment": "Ukázkový komentář."},
        )


def load(*, context: dict) -> dict:
    jihlava = context["jihlava"]
    description = context.get("jihlava_description")
    thematic = {a.name: a for a in description.thematic_areas.all()} if description else {}

    spsz = _plan(
        jihlava,
        kind=PlanKind.SPSZ,
        year_from=2019,
        year_to=2022,
        title="Strategický plán sociálního začleňování Jihlava",
        status=PlanStatus.ENDED,
        main_goal="",
        approved=(date(2019, 6, 18), "1245/19-ZM"),
    )
    spsz_measures = _tree(jihlava, spsz, SPSZ_AREAS, "spsz", thematic)
    for year in (2021, 2022):
        _round(jihlava, spsz, year, spsz_measures, approved=True)

    psz = _plan(
        jihlava,
        kind=PlanKind.PSZ,
        year_from=2022,
        year_to=2027,
        title="Plán sociálního začleňování Jihlava",
        status=PlanStatus.APPROVED,  # approved in 2022 and being implemented, as the meetings say
        approved=(date(2022, 12, 13), "2278/22-ZM"),
        main_goal=(
            "Komplexní strategický dokument na období 2022–2027 zaměřený na vyhodnocení intervencí "
            "realizovaných v letech 2019–2022 a směřování dalšího rozvoje oblasti sociálního začleňování."
        ),
    )
    psz_measures = _tree(jihlava, psz, PSZ_AREAS, "psz", thematic)
    _round(jihlava, psz, 2023, psz_measures, approved=True)
    _round(jihlava, psz, 2024, psz_measures, approved=False)
    return {"spsz_2019": spsz, "psz_2022": psz}
