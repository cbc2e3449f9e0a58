"""Demo data of this app: Jihlava's schedule (harmonogram) as the seed's table states it.

``JIHLAVA_SCHEDULE`` is the seed's six activities with their checkable rules, in plain data so
that the importer can compare its own reading of the seed to it. Rule dicts use the importer's
``RuleSpec`` vocabulary: ``kind`` (frequency / periodic_output / deadline / none), ``count`` per
``per`` ("year"), ``what`` (a meeting kind or a document type), ``season`` + ``year``,
``includes_working_groups`` and ``text`` as written. The wording of responsibilities is ours.
Idempotent: running ``load_demo`` twice creates nothing new.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from spojka.compliance.models import Activity, EvidenceLink, Rule, RuleKind
from spojka.lib.upsert import upsert

EVALUATION_MEETING = "2x ročně jednání konzultanta/ky ASZ, manažera SZ a pověřeného zástupce SZ"
LP_DISCUSSION = "1x ročně projednání v LP"

JIHLAVA_SCHEDULE: list[dict] = [
    {
        "name": "Jednání lokálního partnerství (vč. jeho složek – pracovních skupin)",
        "specification": (
            "Projednání a vyhodnocování popisu spolupráce, příprava plánu sociálního začleňování, sledování "
            "a vyhodnocování vývoje sociální situace, síťování, přenos odborných informací, sledování "
            "implementace a vyhodnocení plánu sociálního začleňování."
        ),
        "outputs": ["statute", "minutes", "attendance"],
        "outputs_note": "Statut a jednací řád; záznam z jednání; prezenční listina",
        "agency_responsibility": "Obsahové zajištění; součinnost na organizačním zajištění; facilitace",
        "municipality_responsibility": "Součinnost na obsahovém zajištění; organizační zajištění",
        "deadline_text": "Minimálně 4x ročně (vč. pracovních skupin)",
        "rules": [
            {
                "kind": "frequency",
                "count": 4,
                "per": "year",
                "what": "lp_plenary",
                "includes_working_groups": True,
                "at_least": True,
                "text": "Minimálně 4x ročně (vč. pracovních skupin)",
            }
        ],
    },
    {
        "name": "Vyhodnocení spolupráce",
        "specification": (
            "Vyhodnocení naplňování popisu spolupráce (plnění vymezených aktivit, plnění harmonogramu), "
            "vyhodnocení vhodnosti zvoleného postupu, jednání o spolupráci a případně návrhy revize popisu "
            "spolupráce. Revize nastavené spolupráce s ohledem na vyjasnění činností ASZ po ukončení projektu "
            "hrazeného z Operačního programu Zaměstnanost."
        ),
        "outputs": ["minutes", "coop_report"],
        "outputs_note": "Záznam z jednání; záznam z jednání LP; zpráva o plnění popisu spolupráce zastupitelstvu obce",
        "agency_responsibility": "Vzájemná součinnost; zajištění schvalovacích procesů na úrovni agentury",
        "municipality_responsibility": "Vzájemná součinnost; zajištění projednání v orgánech obce",
        "deadline_text": f"{EVALUATION_MEETING}\n{LP_DISCUSSION}\n1x ročně zpráva o plnění popisu spolupráce",
        "rules": [
            {
                "kind": "frequency",
                "count": 2,
                "per": "year",
                "what": "evaluation",
                "text": EVALUATION_MEETING,
            },
            {"kind": "frequency", "count": 1, "per": "year", "what": "lp_plenary", "text": LP_DISCUSSION},
            {
                "kind": "periodic_output",
                "count": 1,
                "per": "year",
                "what": "coop_report",
                "text": "1x ročně zpráva o plnění popisu spolupráce",
            },
        ],
    },
    {
        "name": "Tvorba plánu sociálního začleňování (PSZ)",
        "specification": "Analytické práce, formulace strategie, nastavení implementace.",
        "outputs": ["psz"],
        "outputs_note": "Plán sociálního začleňování",
        "agency_responsibility": "Příprava podkladů; podílí se na zpracování výstupu; metodická a odborná podpora",
        "municipality_responsibility": (
            "Součinnost při přípravě podkladů; zpracování výstupu; zajištění projednání v orgánech obce"
        ),
        "deadline_text": "Podzim 2021",
        "rules": [
            {"kind": "deadline", "season": "autumn", "year": 2021, "what": "psz", "text": "Podzim 2021"}
        ],
    },
    {
        "name": "Vyhodnocení PSZ",
        "specification": "Sledování naplňování PSZ a případné návrhy revize PSZ.",
        "outputs": ["minutes", "psz_report"],
        "outputs_note": "Záznam z jednání; záznam z jednání LP; zpráva o plnění PSZ zastupitelstvu obce",
        "agency_responsibility": "Vzájemná součinnost",
        "municipality_responsibility": "Vzájemná součinnost; zajištění projednání v orgánech obce",
        "deadline_text": f"{EVALUATION_MEETING}\n{LP_DISCUSSION}\n1x ročně zpráva o plnění PSZ",
        "rules": [
            {
                "kind": "frequency",
                "count": 2,
                "per": "year",
                "what": "evaluation",
                "text": EVALUATION_MEETING,
            },
            {"kind": "frequency", "count": 1, "per": "year", "what": "lp_plenary", "text": LP_DISCUSSION},
            {
                "kind": "periodic_output",
                "count": 1,
                "per": "year",
                "what": "psz_report",
                "text": "1x ročně zpráva o plnění PSZ",
            },
        ],
    },
    {
        "name": "Vyhodnocení Strategického plánu sociálního začleňování 2019 – 2022",
        "specification": "Přehled plnění jako podklad pro tvorbu komplexního plánu na další období.",
        "outputs": ["analysis"],
        "outputs_note": "Podklad pro jednání pracovních skupin a nového strategického dokumentu",
        "agency_responsibility": "Zpracování výstupu",
        "municipality_responsibility": "Poskytnutí součinnosti při přípravě výstupu",
        "deadline_text": "Podzim 2022",
        "rules": [
            {"kind": "deadline", "season": "autumn", "year": 2022, "what": "analysis", "text": "Podzim 2022"}
        ],
    },
    {
        "name": "Odborné poradenství včetně realizace vzdělávacích aktivit",
        "specification": (
            "Vzdělávací aktivity (workshopy, semináře, kurzy) v tematických oblastech sociálního začleňování "
            "pro pracovníky obce a lokální partnery."
        ),
        "outputs": ["attendance", "certificate", "presentation"],
        "outputs_note": "Prezenční listina; certifikát; případně prezentace a studijní materiály",
        "agency_responsibility": "Koordinace aktivit; zajištění lektora",
        "municipality_responsibility": "",
        "deadline_text": "Dle nabídky ASZ",
        "rules": [{"kind": "none", "text": "Dle nabídky ASZ"}],
    },
]


def rule_values(spec: dict) -> dict:
    """A rule of ``JIHLAVA_SCHEDULE`` as ``Rule`` field values."""
    kind = spec["kind"]
    values = {
        "kind": kind,
        "per_year": spec.get("count"),
        "meeting_kinds": [spec["what"]] if kind == RuleKind.FREQUENCY and spec.get("what") else [],
        "counts_working_groups": bool(spec.get("includes_working_groups")),
        "document_type": spec["what"] if kind in (RuleKind.PERIODIC_OUTPUT, RuleKind.DEADLINE) else "",
        "requires_resolution": False,
        "due_on": spec.get("date"),
        "season": spec.get("season") or "",
        "season_year": spec.get("year") if spec.get("season") else None,
    }
    return values


def load_schedule(*, description, schedule: list[dict]) -> list[Activity]:
    activities = []
    for order, row in enumerate(schedule, start=1):
        activity, _ = upsert(
            Activity,
            lookup={"description": description, "order": order},
            values={
                "unit": description.unit,
                "name": row["name"],
                "specification": row["specification"],
                "outputs": row["outputs"],
                "outputs_note": row["outputs_note"],
                "agency_responsibility": row["agency_responsibility"],
                "municipality_responsibility": row["municipality_responsibility"],
                "deadline_text": row["deadline_text"],
            },
        )
        for rule_order, spec in enumerate(row["rules"], start=1):
            upsert(
                Rule,
                lookup={"activity": activity, "order": rule_order},
                values={"unit": description.unit, "text": spec["text"], **rule_values(spec)},
            )
        activities.append(activity)
    return activities


def renewal_schedule(today: date) -> list[dict]:
    """The renewal's schedule (example data): the seed's recurring activities, the one-off deadlines
    of 2021 and 2022 left behind, and a mid-term evaluation of the PSZ due in three weeks."""
    recurring = [row for row in JIHLAVA_SCHEDULE if not any(r["kind"] == "deadline" for r in row["rules"])]
    due = today + timedelta(days=21)
    evaluation = {
        "name": "Průběžné vyhodnocení PSZ 2022–2027",
        "specification": "Vyhodnocení první poloviny plánu jako podklad pro jeho aktualizaci (ukázková data).",
        "outputs": ["psz_report"],
        "outputs_note": "Zpráva o plnění PSZ",
        "agency_responsibility": "Metodická podpora",
        "municipality_responsibility": "Zpracování výstupu a projednání v LP",
        "deadline_text": f"Do {due.day}. {due.month}. {due.year}",
        "rules": [
            {
                "kind": "deadline",
                "date": due,
                "what": "psz_report",
                "text": f"Do {due.day}. {due.month}. {due.year}",
            }
        ],
    }
    return [*recurring, evaluation]


def _link_evaluation(description, documents: dict) -> None:
    """ "Vyhodnocení SPSZ 2019–2022": an analysis counts only when a person links it (issue 12)."""
    evaluation = documents.get("spsz_evaluation")
    rule = Rule.objects.filter(activity__description=description, document_type="analysis").first()
    if evaluation is None or rule is None:
        return
    upsert(
        EvidenceLink,
        lookup={"rule": rule, "document": evaluation},
        values={"unit": description.unit, "included": True, "note": "Vyhodnocení SPSZ zpracované pro LP."},
    )


def load(*, context: dict) -> dict:
    activities = load_schedule(description=context["jihlava_description"], schedule=JIHLAVA_SCHEDULE)
    _link_evaluation(context["jihlava_description"], context.get("jihlava_documents_by_key", {}))
    renewal = context.get("jihlava_renewal")
    if renewal is not None:
        load_schedule(description=renewal, schedule=renewal_schedule(timezone.localdate()))
    return {"jihlava_activities": activities}
