"""The facts of the seed document (`fixtures/jihlava.txt`), field by field: 134 of them.

Written out by hand-checked value, not computed: every import of the seed, whatever its format,
must read exactly these (see `facts.facts` for what each key means).
"""

from __future__ import annotations

from datetime import date

from spojka.importer.parsed import YearRange

SEED_FACTS = {
    "unit_name": "Jihlava",
    "seat": "Masarykovo náměstí 97/1, Jihlava, 58601",
    "ico": "00286010",
    "representative_function": "uvolněný člen Rady města Jihlavy pro oblast školství, kultury a "
    "tělovýchovy a pro oblast sociálních věcí",
    "manager.name": None,
    "manager.vacant": True,
    "manager.note": "Zástup (samotná pozice aktuálně není obsazená)",
    "agency_regional_head": None,
    "memorandum_date": date(2021, 11, 2),
    "project_registration_number": "CZ.03.2.63/0.0./0.0/15_030/0000605",
    "training_total_hours": 40,
    "training_distance_cap_hours": 20,
    "validity_years": 2,
    "programme_period_note": "jedná se o přechodné období mezi stávajícím (2015-2020) a budoucím "
    "programovým obdobím (2021-2027)",
    "lp_established_by": "radním pro oblast školství, kultury, tělovýchovy a sociálních věcí",
    "psz_period": YearRange(start=2022, end=2027),
    "psz_target_group": "osoby sociálně vyloučené a sociálním vyloučením ohrožené",
    "regional_contact.name": "Mgr. Lumír Bartů",
    "regional_contact.function": "krajský koordinátor pro romské záležitosti",
    "lp_stance.date": date(2021, 9, 2),
    "lp_stance.outcome": "consensus",
    "lp_stance.adopted": True,
    "lp_stance.votes": (None, None, None),
    "approval_date": None,
    "resolution_number": None,
    "unit_signature": ("V Jihlavě", None),
    "agency_signature": ("V Praze", None),
    "area[0].name": "Zaměstnanost",
    "area[0].focus": "V oblasti zaměstnanosti se zaměříme především na prostupné zaměstnávání, tvorbu "
    "chráněných a tréninkových pracovních míst, uplatnění dlouhodobě nezaměstnaných na "
    "trhu práce, zaměstnávání osob zatížených exekucemi, dále na prohloubení spolupráce "
    "mezi městem a úřadem práce v oblasti sdílení dat.",
    "area[1].name": "Bezpečnost a prevence kriminality",
    "area[1].focus": "V oblasti bezpečnosti a prevence kriminality se zaměříme kupříkladu na zlepšení "
    "komunikace s veřejností a facilitaci, percepci bezpečí v centru města, vzdělávání "
    "Městské policie a na sousedské vztahy.",
    "area[2].name": "Dluhová problematika",
    "area[2].focus": "V oblasti dluhové problematiky bude stěžejní vzdělávání pracovníků a dostupnost "
    "dluhového poradenství zvláště pro zranitelné skupiny osob či jednotlivce.",
    "area[3].name": "Bydlení",
    "area[3].focus": "V oblasti bydlení se zaměříme zejména na systémovou podporu nájemníků – sousedské "
    "soužití, sociální práce, zvyšování praktických dovedností v bydlení, identifikaci "
    "skupin s problémy na trhu s bydlením a jejich překážek včetně návrhů řešení a "
    "spolupráce při jejich odstraňování, spolupráce na rozvoji systému podporovaného "
    "bydlení na území města.",
    "area[4].name": "Sociální služby",
    "area[4].focus": "V oblasti sociálních služeb plánujeme vytvoření alternativy mimo sociální služby "
    "poskytující možnosti pro smysluplné trávení volného času, možnosti neformálního "
    "vzdělávání ve spolupráci se ZŠ, ZUŠ, DDM, knihovnami, sociálními službami a NNO "
    "působícími v dané oblasti.",
    "working_group[0]": ("sociální začleňování", True),
    "working_group[1]": ("projekty a implementace", True),
    "working_group[2]": ("komunitní plánování", True),
    "member[0]": ("city", "vedoucí sociálního odboru"),
    "member[1]": ("city", "vedoucí realizace projektových záměrů"),
    "member[2]": ("city", "vedoucí odboru školství"),
    "member[3]": ("city", "vedoucí majetkového odboru"),
    "member[4]": ("city", "vedoucí ekonomického odboru"),
    "member[5]": ("city", "manažer sociálního začleňování"),
    "member[6]": ("city", "koordinátor pro romské záležitosti"),
    "member[7]": ("city", "vedoucí odboru rozvoje města"),
    "member[8]": ("city", "koordinátor protidrogové politiky kraje Vysočina"),
    "member[9]": ("public_institutions", "Úřad práce Jihlava"),
    "member[10]": ("public_institutions", "Městská policie Jihlava"),
    "member[11]": ("public_institutions", "Centrum na podporu integrace cizinců"),
    "member[12]": ("public_institutions", "Středisko probační a mediační služby Jihlava"),
    "member[13]": ("public_institutions", "Služby města Jihlavy"),
    "member[14]": ("public_institutions", "Informační centrum Vysočina"),
    "member[15]": ("ngos", "Občanská poradna Jihlava"),
    "member[16]": ("ngos", "F POINT"),
    "member[17]": ("ngos", "Bílý kruh bezpečí"),
    "member[18]": ("ngos", "Středisko křesťanské pomoci"),
    "member[19]": ("ngos", "Diecézní charita Brno – Oblastní charita Jihlava"),
    "strategy[0]": ("Strategický plán rozvoje statutárního města Jihlava", "do roku 2020"),
    "strategy[1]": ("Komunitní plán sociálních služeb – Jihlava", "2016"),
    "strategy[2]": ("Integrovaný plán rozvoje území Jihlavské sídelní aglomerace", "2014 – 2020"),
    "strategy[3]": ("Zdravotní plán města Jihlava", "2018 - 2020"),
    "strategy[4]": ("Strategii Kraje Vysočina", None),
    "strategy[5]": ("národní strategie", None),
    "esif[0]": "Domovník – preventista",
    "esif[1]": "Asistenti prevence kriminality",
    "esif[2]": "udržitelnost sociálních služeb (nízkoprahové zařízení pro děti a mládež, terénní sociální "
    "práce, sociálně aktivizační služby)",
    "esif[3]": "dluhová poradna",
    "activity[0].name": "Jednání lokálního partnerství (vč. jeho složek – pracovních skupin)",
    "activity[0].specification": "Projednání a vyhodnocování popisu spolupráce, příprava plánu sociálního "
    "začleňování, sledování a vyhodnocování vývoje sociální situace, "
    "síťování, přenos odborných informací, sledování implementace a "
    "vyhodnocení plánu sociálního začleňování.",
    "activity[0].deadline": "Minimálně 4x ročně (vč. pracovních skupin)",
    "activity[0].output[0]": ("Statut a jednací řád", "statute"),
    "activity[0].output[1]": ("Záznam z jednání", "minutes"),
    "activity[0].output[2]": ("Prezenční listina", "attendance"),
    "activity[0].agency[0]": "Obsahové zajištění",
    "activity[0].agency[1]": "Součinnost na organizačním zajištění",
    "activity[0].agency[2]": "Facilitace",
    "activity[0].municipality[0]": "Součinnost na obsahovém zajištění",
    "activity[0].municipality[1]": "Organizační zajištění",
    "activity[0].rule[0]": ("frequency", 4, "year", "lp_plenary", None, None, None, True, True),
    "activity[1].name": "Vyhodnocení spolupráce",
    "activity[1].specification": "Vyhodnocení naplňování popisu spolupráce (plnění vymezených aktivit, "
    "plnění harmonogramu), vyhodnocení vhodnosti zvoleného postupu, jednání o "
    "spolupráci a případně návrhy revize popisu spolupráce. Revize nastavené "
    "spolupráce s ohledem na vyjasnění činností ASZ po ukončení projektu "
    "hrazeného z Operačního programu zaměstnanost.",
    "activity[1].deadline": "2x ročně jednání konzultanta/ky ASZ, manažera SZ a pověřeného zástupce SZ 1x "
    "ročně projednání v LP 1x ročně zpráva o plnění popisu spolupráce",
    "activity[1].output[0]": ("Záznam z jednání", "minutes"),
    "activity[1].output[1]": ("Záznam z jednání LP", "minutes"),
    "activity[1].output[2]": ("Zpráva o plnění popisu spolupráce zastupitelstvu obce", "coop_report"),
    "activity[1].agency[0]": "Vzájemná součinnost",
    "activity[1].agency[1]": "Zajištění schvalovacích procesů na úrovni Agentury",
    "activity[1].municipality[0]": "Vzájemná součinnost",
    "activity[1].municipality[1]": "Zajištění projednání v orgánech obce",
    "activity[1].rule[0]": ("frequency", 2, "year", "evaluation", None, None, None, False, False),
    "activity[1].rule[1]": ("frequency", 1, "year", "lp_plenary", None, None, None, False, False),
    "activity[1].rule[2]": ("periodic_output", 1, "year", "coop_report", None, None, None, False, False),
    "activity[2].name": "Tvorba plánu sociálního začleňování (PSZ)",
    "activity[2].specification": "Analytické práce, formulace strategie, nastavení implementace.",
    "activity[2].deadline": "Podzim 2021",
    "activity[2].output[0]": ("Plán sociálního začleňování", "psz"),
    "activity[2].agency[0]": "Příprava podkladů",
    "activity[2].agency[1]": "Podílí se na zpracování výstupu",
    "activity[2].agency[2]": "Metodická a odborná podpora",
    "activity[2].municipality[0]": "Součinnost při přípravě podkladů",
    "activity[2].municipality[1]": "Zpracování výstupu",
    "activity[2].municipality[2]": "Zajištění projednání v orgánech obce",
    "activity[2].rule[0]": ("deadline", None, None, None, "autumn", 2021, None, False, False),
    "activity[3].name": "Vyhodnocení PSZ",
    "activity[3].specification": "Sledování naplňování PSZ a případné návrhy revize PSZ.",
    "activity[3].deadline": "2x ročně jednání konzultanta/ky ASZ, manažera SZ a pověřeného zástupce SZ 1x "
    "ročně projednání v LP 1x ročně zpráva o plnění PSZ",
    "activity[3].output[0]": ("Záznam z jednání", "minutes"),
    "activity[3].output[1]": ("Záznam z jednání LP", "minutes"),
    "activity[3].output[2]": ("Zpráva o plnění PSZ zastupitelstvu obce", "psz_report"),
    "activity[3].agency[0]": "Vzájemná součinnost",
    "activity[3].municipality[0]": "Vzájemná součinnost",
    "activity[3].municipality[1]": "Zajištění projednání v orgánech obce",
    "activity[3].rule[0]": ("frequency", 2, "year", "evaluation", None, None, None, False, False),
    "activity[3].rule[1]": ("frequency", 1, "year", "lp_plenary", None, None, None, False, False),
    "activity[3].rule[2]": ("periodic_output", 1, "year", "psz_report", None, None, None, False, False),
    "activity[4].name": "Vyhodnocení Strategického plánu sociálního začleňování 2019 – 2022",
    "activity[4].specification": "Přehled plnění jako podklad pro tvorbu komplexního plánu na další období.",
    "activity[4].deadline": "Podzim 2022",
    "activity[4].output[0]": (
        "Podklad pro jednání pracovních skupin a nového strategického dokumentu.",
        "analysis",
    ),
    "activity[4].agency[0]": "Zpracování výstupu",
    "activity[4].municipality[0]": "Poskytnutí součinnosti při přípravě výstupu",
    "activity[4].rule[0]": ("deadline", None, None, None, "autumn", 2022, None, False, False),
    "activity[5].name": "Odborné poradenství včetně realizace vzdělávacích aktivit",
    "activity[5].specification": "Vzdělávací aktivity (workshopy, semináře, kurzy) v tematických oblastech "
    "sociálního začleňování pro pracovníky obce a lokální partnery.",
    "activity[5].deadline": "Dle nabídky ASZ",
    "activity[5].output[0]": ("Prezenční listina", "attendance"),
    "activity[5].output[1]": ("Certifikát", "certificate"),
    "activity[5].output[2]": ("Případně prezentace a studijní materiály", "presentation"),
    "activity[5].agency[0]": "Koordinace aktivit",
    "activity[5].agency[1]": "Zajištění lektora",
    "activity[5].rule[0]": ("none", None, None, None, None, None, None, False, False),
}
