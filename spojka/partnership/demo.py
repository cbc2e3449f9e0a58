"""Demo data of the local partnership: Jihlava's LP as the seed document describes it.

The establishing councillor, the three cross-cutting working groups and the member organisations
with their categories are the seed's. Every person is fictional and marked so in their function;
membership dates and the statute's wording are invented for the demo (the seed gives none).
Idempotent: running ``load_demo`` twice changes nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile

from spojka.documents.render import render_pdf
from spojka.lib.czech import date_short
from spojka.lib.upsert import upsert
from spojka.partnership.models import (
    GrammaticalGender,
    LocalPartnership,
    MemberRole,
    Organisation,
    OrganisationCategory,
    PartnershipMember,
    Person,
    Statute,
    WorkingGroup,
    WorkingGroupKind,
)

FICTIONAL = "(smyšlená osoba)"
CITY = "Magistrát města Jihlavy"
MEMBERS_SINCE = date(2021, 6, 1)  # invented: the seed says only that the LP met on 2. 9. 2021

ESTABLISHED_BY = "radní pro oblast školství, kultury, tělovýchovy a sociálních věcí"
MISSION = (
    "Stálý koordinační, poradní a iniciativní orgán v oblasti sociálního začleňování. Sleduje a vyhodnocuje "
    "vývoj sociální situace a potřeb ohrožených a sociálně vyloučených obyvatel a naplňování spolupráce "
    "s Agenturou, podílí se na tvorbě plánu sociálního začleňování a sleduje jeho implementaci."
)
GROUPS = ["sociální začleňování", "projekty a implementace", "komunitní plánování"]

# (organisation, category as the seed groups it, the representative's function, fictional name).
# The seed lists the city by roles; each role is its own seat, so each is its own organisation unit.
# The regional drug-policy coordinator is listed among the city's representatives, so he is kept there.
MEMBERS = [
    (
        f"{CITY} – sociální odbor",
        OrganisationCategory.CITY_DEPARTMENT,
        "vedoucí sociálního odboru",
        "Marie",
        "Horáková",
    ),
    (
        f"{CITY} – realizace projektových záměrů",
        OrganisationCategory.CITY_DEPARTMENT,
        "vedoucí realizace projektových záměrů",
        "Tomáš",
        "Dvořák",
    ),
    (
        f"{CITY} – odbor školství",
        OrganisationCategory.CITY_DEPARTMENT,
        "vedoucí odboru školství",
        "Jana",
        "Procházková",
    ),
    (
        f"{CITY} – majetkový odbor",
        OrganisationCategory.CITY_DEPARTMENT,
        "vedoucí majetkového odboru",
        "Pavel",
        "Kučera",
    ),
    (
        f"{CITY} – ekonomický odbor",
        OrganisationCategory.CITY_DEPARTMENT,
        "vedoucí ekonomického odboru",
        "Lenka",
        "Veselá",
    ),
    (
        f"{CITY} – manažer sociálního začleňování",
        OrganisationCategory.CITY_DEPARTMENT,
        "zástup manažera sociálního začleňování",
        "Martin",
        "Černý",
    ),
    (
        f"{CITY} – koordinátor pro romské záležitosti",
        OrganisationCategory.CITY_DEPARTMENT,
        "koordinátor pro romské záležitosti",
        "Roman",
        "Horváth",
    ),
    (
        f"{CITY} – odbor rozvoje města",
        OrganisationCategory.CITY_DEPARTMENT,
        "vedoucí odboru rozvoje města",
        "Eva",
        "Marková",
    ),
    (
        "Kraj Vysočina – koordinace protidrogové politiky",
        OrganisationCategory.CITY_DEPARTMENT,
        "koordinátor protidrogové politiky kraje Vysočina",
        "Jiří",
        "Novotný",
    ),
    (
        "Úřad práce Jihlava",
        OrganisationCategory.PUBLIC_INSTITUTION,
        "vedoucí kontaktního pracoviště",
        "Hana",
        "Pokorná",
    ),
    (
        "Městská policie Jihlava",
        OrganisationCategory.PUBLIC_INSTITUTION,
        "strážník pro prevenci",
        "David",
        "Beneš",
    ),
    (
        "Centrum na podporu integrace cizinců",
        OrganisationCategory.PUBLIC_INSTITUTION,
        "koordinátorka centra",
        "Petra",
        "Fialová",
    ),
    (
        "Středisko probační a mediační služby Jihlava",
        OrganisationCategory.PUBLIC_INSTITUTION,
        "probační úředník",
        "Lukáš",
        "Sedláček",
    ),
    (
        "Služby města Jihlavy",
        OrganisationCategory.PUBLIC_INSTITUTION,
        "vedoucí správy bytů",
        "Zdeňka",
        "Doležalová",
    ),
    (
        "Informační centrum Vysočina",
        OrganisationCategory.PUBLIC_INSTITUTION,
        "pracovnice informačního centra",
        "Alena",
        "Zemanová",
    ),
    ("Občanská poradna Jihlava", OrganisationCategory.NGO, "dluhová poradkyně", "Kateřina", "Kolářová"),
    ("F POINT", OrganisationCategory.NGO, "vedoucí služby", "Ondřej", "Navrátil"),
    ("Bílý kruh bezpečí", OrganisationCategory.NGO, "koordinátorka poradny", "Simona", "Čermáková"),
    ("Středisko křesťanské pomoci", OrganisationCategory.NGO, "sociální pracovník", "Michal", "Urban"),
    (
        "Diecézní charita Brno – Oblastní charita Jihlava",
        OrganisationCategory.NGO,
        "vedoucí terénních služeb",
        "Veronika",
        "Blažková",
    ),
]
# Which member leads which group (also sitting in it as its chair); invented for the demo.
GROUP_LEADERS = {
    "sociální začleňování": f"{CITY} – sociální odbor",
    "projekty a implementace": f"{CITY} – realizace projektových záměrů",
    "komunitní plánování": "Diecézní charita Brno – Oblastní charita Jihlava",
}
QUORUM_RULE = (
    "Lokální partnerství je usnášeníschopné, je-li přítomna nadpoloviční většina jeho členů (ukázkové znění)."
)


def demo_gender(last_name: str) -> str:
    """The demo people's gender from their surnames (all demo women's surnames end in -á)."""
    return GrammaticalGender.FEMININE if last_name.endswith("á") else GrammaticalGender.MASCULINE


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def load(*, context: dict) -> dict:
    jihlava = context["jihlava"]
    lp, _ = upsert(
        LocalPartnership,
        lookup={"unit": jihlava},
        values={"established_by": ESTABLISHED_BY, "established_on": None, "mission": MISSION},
    )
    representatives: dict[str, Person] = {}
    for org_name, category, function, first, last in MEMBERS:
        organisation, _ = upsert(
            Organisation, lookup={"unit": jihlava, "name": org_name}, values={"category": category}
        )
        person, _ = upsert(
            Person,
            lookup={"unit": jihlava, "first_name": first, "last_name": last},
            values={
                "organisation": organisation,
                "function": f"{function} {FICTIONAL}",
                "grammatical_gender": demo_gender(last),
                "email": f"{_ascii(first)}.{_ascii(last)}@example.org",
                "phone": "",
            },
        )
        representatives[org_name] = person
        upsert(
            PartnershipMember,
            lookup={
                "unit": jihlava,
                "organisation": organisation,
                "working_group": None,
                "valid_from": MEMBERS_SINCE,
            },
            values={"representative": person, "role": MemberRole.MEMBER, "valid_to": None},
        )
    for name in GROUPS:
        leader_org = GROUP_LEADERS[name]
        leader = representatives[leader_org]
        group, _ = upsert(
            WorkingGroup,
            lookup={"partnership": lp, "name": name},
            values={"unit": jihlava, "kind": WorkingGroupKind.CROSS_CUTTING, "leader": leader},
        )
        upsert(
            PartnershipMember,
            lookup={
                "unit": jihlava,
                "organisation": leader.organisation,
                "working_group": group,
                "valid_from": MEMBERS_SINCE,
            },
            values={"representative": leader, "role": MemberRole.CHAIR, "valid_to": None},
        )
        for person in _group_members(GROUPS.index(name), representatives, leader):
            upsert(
                PartnershipMember,
                lookup={
                    "unit": jihlava,
                    "organisation": person.organisation,
                    "working_group": group,
                    "valid_from": MEMBERS_SINCE,
                },
                values={"representative": person, "role": MemberRole.MEMBER, "valid_to": None},
            )
    _statute(jihlava, lp)
    return {"jihlava_partnership": lp}


def _group_members(index: int, representatives: dict[str, Person], leader: Person) -> list[Person]:
    """Three members of a working group besides its chair (invented): every group has several."""
    people = [p for p in representatives.values() if p.pk != leader.pk]
    return [people[(index + 3 * n) % len(people)] for n in range(3)]


def _statute(unit, lp: LocalPartnership) -> Statute:
    statute, _ = upsert(
        Statute,
        lookup={"unit": unit, "version": 1},
        values={
            "title": "Statut a jednací řád lokálního partnerství",
            "effective_from": date(2021, 9, 2),  # adopted at the LP's meeting of 2. 9. 2021 (library copy)
            "quorum_rule": QUORUM_RULE,
            "quorum_share": Decimal("0.5"),
        },
    )
    # The file is generated once; a second run finds it and leaves the record untouched.
    if not (statute.file and statute.file.storage.exists(statute.file.name)):
        rendered = render_pdf(
            template_name="partnership/pdf/statute.html",
            context={
                "unit": unit,
                "statute": statute,
                "partnership": lp,
                "groups": list(lp.groups.all()),
                "effective_from": date_short(statute.effective_from),
            },
            filename="statut-a-jednaci-rad-v1.pdf",
        )
        statute.file_name = rendered.filename
        statute.content_type = rendered.content_type
        statute.file.save(rendered.filename, ContentFile(rendered.content), save=True)
    return statute
