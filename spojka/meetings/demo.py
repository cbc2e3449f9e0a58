"""Demo data of meetings: a year (2022) of Jihlava's LP and working-group meetings, plus upcoming ones.

2022 lies wholly inside the seed's cooperation period (2. 11. 2021 – 1. 11. 2023), so the rule
"minimálně 4x ročně (vč. pracovních skupin)" has a full year of evidence: held and closed meetings
with minutes and attendance, and one cancelled meeting that must not count. Two planned meetings and
one held but not yet closed are dated relative to today, so the demo always shows what is coming
and what the reminder command would chase. People and groups are the partnership demo's (fictional
people); without them the meetings are still created, with guests instead of invited members.
Idempotent: running ``load_demo`` twice creates nothing new.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from spojka.lib.upsert import upsert
from spojka.meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    DecisionMethod,
    Guest,
    Invitation,
    Meeting,
    MeetingKind,
    MeetingState,
    Task,
    TaskState,
)
from spojka.meetings.services import default_invitees

PLACE = "Magistrát města Jihlavy, Masarykovo náměstí 97/1, zasedací místnost č. 101"

# (title, kind, includes_lp, group keywords, day, state, agenda [(title, minutes)], decisions, tasks)
MEETINGS_2022: list[dict] = [
    {
        "title": "Jednání LP a PS sociální začleňování – zahájení přípravy SPSZ",
        "kind": MeetingKind.LP_PLENARY,
        "includes_lp": True,
        "groups": ["začleň"],
        "day": date(2022, 2, 17),
        "state": MeetingState.CLOSED,
        "agenda": [
            ("Úvod a kontrola úkolů", "Úkoly z minulého jednání jsou splněny."),
            (
                "Harmonogram přípravy strategického plánu",
                "ASZ představila harmonogram přípravy SPSZ 2022–2027.",
            ),
            ("Různé", "Bez dalších bodů."),
        ],
        "decisions": [("LP souhlasí s harmonogramem přípravy SPSZ 2022–2027.", None)],
        "tasks": [("Zaslat členům LP podklady k analýze potřeb", date(2022, 3, 15), TaskState.DONE)],
    },
    {
        "title": "Jednání PS projekty a implementace",
        "kind": MeetingKind.WORKING_GROUP,
        "includes_lp": False,
        "groups": ["projekt"],
        "day": date(2022, 4, 21),
        "state": MeetingState.CLOSED,
        "agenda": [
            (
                "Projektové záměry na rok 2022",
                "Skupina prošla projektové záměry města a neziskových organizací.",
            ),
            ("Výzvy OP Zaměstnanost plus", "Konzultant ASZ shrnul připravované výzvy."),
        ],
        "decisions": [],
        "tasks": [("Připravit přehled projektových záměrů pro LP", date(2022, 5, 31), TaskState.DONE)],
    },
    {
        "title": "Hodnoticí jednání ASZ a města – jaro 2022",
        "kind": MeetingKind.EVALUATION,
        "includes_lp": False,
        "groups": [],
        "day": date(2022, 5, 12),
        "state": MeetingState.CLOSED,
        "agenda": [("Plnění popisu spolupráce", "Harmonogram se plní; vzdělávání pracovníků pokračuje.")],
        "decisions": [],
        "tasks": [],
    },
    {
        "title": "Jednání LP – projednání návrhu SPSZ 2022–2027",
        "kind": MeetingKind.LP_PLENARY,
        "includes_lp": True,
        "groups": [],
        "day": date(2022, 6, 16),
        "state": MeetingState.CLOSED,
        "agenda": [
            (
                "Návrh strategického plánu sociálního začleňování",
                "Členové LP připomínkovali návrh po oblastech.",
            ),
            ("Postup schválení v orgánech města", "Návrh půjde do rady a zastupitelstva v září."),
        ],
        "decisions": [("LP doporučuje radě města návrh SPSZ 2022–2027 ke schválení.", (14, 0, 2))],
        "tasks": [("Zapracovat připomínky LP do návrhu SPSZ", date(2022, 7, 31), TaskState.DONE)],
    },
    {
        "title": "Jednání PS komunitní plánování",
        "kind": MeetingKind.WORKING_GROUP,
        "includes_lp": False,
        "groups": ["komunit"],
        "day": date(2022, 9, 15),
        "state": MeetingState.CLOSED,
        "agenda": [
            ("Vazba SPSZ na komunitní plán sociálních služeb", "Skupina sladila opatření obou dokumentů.")
        ],
        "decisions": [("Opatření v oblasti bydlení se povedou jen v SPSZ.", None)],
        "tasks": [],
    },
    {
        "title": "Jednání PS sociální začleňování – říjen",
        "kind": MeetingKind.WORKING_GROUP,
        "includes_lp": False,
        "groups": ["začleň"],
        "day": date(2022, 10, 20),
        "state": MeetingState.CANCELLED,
        "cancel_reason": "Nízký počet potvrzených účastníků; body se přesouvají na listopadové jednání LP.",
        "agenda": [],
        "decisions": [],
        "tasks": [],
    },
    {
        "title": "Jednání LP a všech pracovních skupin – vyhodnocení roku 2022",
        "kind": MeetingKind.LP_PLENARY,
        "includes_lp": True,
        "groups": ["začleň", "projekt", "komunit"],
        "day": date(2022, 11, 24),
        "state": MeetingState.CLOSED,
        "agenda": [
            ("Vyhodnocení spolupráce s ASZ za rok 2022", "Manažer SZ shrnul plnění harmonogramu."),
            ("Plán jednání na rok 2023", "Jednání LP budou čtvrtletně, pracovní skupiny podle potřeby."),
        ],
        "decisions": [("LP bere na vědomí vyhodnocení spolupráce za rok 2022.", None)],
        "tasks": [
            ("Zveřejnit termíny jednání LP na rok 2023", date(2022, 12, 15), TaskState.DONE),
            (
                "Připravit zprávu o plnění popisu spolupráce pro zastupitelstvo",
                date(2023, 2, 28),
                TaskState.OPEN,
            ),
        ],
    },
]


def _aware(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _groups(unit, keywords: list[str]) -> list:
    groups = []
    for keyword in keywords:
        group = unit.working_groups.filter(name__icontains=keyword).first()
        if group is not None and group not in groups:
            groups.append(group)
    return groups


def _meeting(unit, spec: dict, starts_at: datetime) -> Meeting:
    meeting, _created = upsert(
        Meeting,
        lookup={"unit": unit, "title": spec["title"]},
        values={
            "kind": spec["kind"],
            "state": spec["state"],
            "includes_lp": spec["includes_lp"],
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=2),
            "place": PLACE,
            "cancel_reason": spec.get("cancel_reason", ""),
            "minutes_written_at": starts_at + timedelta(days=1)
            if spec["state"] == MeetingState.CLOSED
            else None,
        },
    )
    groups = _groups(unit, spec["groups"])
    if {g.pk for g in meeting.working_groups.all()} != {g.pk for g in groups}:
        meeting.working_groups.set(groups)
    return meeting


def _invite(unit, meeting: Meeting, people: list, held: bool) -> None:
    for n, person in enumerate(people):
        # Held meetings: nearly everyone came, every fifth person excused themselves.
        attendance = (Attendance.EXCUSED if n % 5 == 4 else Attendance.PRESENT) if held else ""
        upsert(
            Invitation,
            lookup={"meeting": meeting, "person": person},
            values={"unit": unit, "attendance": attendance},
        )


def _content(unit, meeting: Meeting, spec: dict, assignees: list) -> None:
    held = spec["state"] in (MeetingState.HELD, MeetingState.CLOSED)
    items = {}
    for order, (title, minutes) in enumerate(spec["agenda"], start=1):
        items[order], _created = upsert(
            AgendaItem,
            lookup={"meeting": meeting, "order": order},
            values={"unit": unit, "title": title, "minutes": minutes if held else ""},
        )
    if held:
        upsert(
            Guest,
            lookup={"meeting": meeting, "name": "Petr Host (smyšlená osoba)"},
            values={"unit": unit, "organisation": "Agentura pro sociální začleňování"},
        )
    for text, votes in spec["decisions"]:
        values = {"unit": unit, "agenda_item": items.get(1), "method": DecisionMethod.CONSENSUS}
        if votes:
            values |= {
                "method": DecisionMethod.VOTE,
                "votes_for": votes[0],
                "votes_against": votes[1],
                "votes_abstained": votes[2],
            }
        upsert(Decision, lookup={"meeting": meeting, "text": text}, values=values)
    for n, (title, due_on, state) in enumerate(spec["tasks"]):
        upsert(
            Task,
            lookup={"unit": unit, "meeting": meeting, "title": title},
            values={
                "assignee": assignees[n % len(assignees)] if assignees else None,
                "due_on": due_on,
                "state": state,
                "done_on": due_on - timedelta(days=3) if state == TaskState.DONE else None,
            },
        )


def load(*, context: dict) -> dict:
    unit = context.get("jihlava")
    if unit is None:
        return {}
    today = timezone.localdate()
    specs = [*MEETINGS_2022, *_current_meetings(today)]
    all_people = list(unit.people.order_by("last_name", "first_name"))
    meetings = []
    for spec in specs:
        meeting = _meeting(unit, spec, _aware(spec["day"], 14))
        people = default_invitees(
            unit=unit,
            includes_lp=meeting.includes_lp,
            working_groups=list(meeting.working_groups.all()),
            on=spec["day"],
        )
        if not people and spec["kind"] == MeetingKind.EVALUATION:
            people = all_people[:3]
        held = spec["state"] in (MeetingState.HELD, MeetingState.CLOSED)
        _invite(unit, meeting, people, held)
        _content(unit, meeting, spec, people or all_people)
        meetings.append(meeting)
    return {"jihlava_meetings": meetings}


def _recent_meetings(today: date) -> list[dict]:
    """The last four months (example data): LP sessions and group meetings held and closed, an
    evaluation meeting, and an open task already past its date."""
    specs = []
    for k in range(1, 5):
        day = today - timedelta(days=30 * k)
        plenary = k % 2 == 1
        label = "Jednání LP" if plenary else "Jednání PS komunitní plánování"
        specs.append(
            {
                "title": f"{label} ({day.month}/{day.year})",
                "kind": MeetingKind.LP_PLENARY if plenary else MeetingKind.WORKING_GROUP,
                "includes_lp": plenary,
                "groups": ["projekt"] if plenary else ["komunit"],
                "day": day,
                "state": MeetingState.CLOSED,
                "agenda": [("Plnění plánu sociálního začleňování", "Projednáno.")],
                "decisions": [],
                "tasks": [("Rozeslat zápis a podklady členům", day + timedelta(days=14), TaskState.DONE)],
            }
        )
    day = today - timedelta(days=75)
    specs.append(
        {
            "title": f"Hodnoticí jednání ASZ a města ({day.month}/{day.year})",
            "kind": MeetingKind.EVALUATION,
            "includes_lp": False,
            "groups": [],
            "day": day,
            "state": MeetingState.CLOSED,
            "agenda": [("Vyhodnocení plnění popisu spolupráce", "Plnění projednáno.")],
            "decisions": [],
            "tasks": [
                ("Připravit podklady k průběžnému vyhodnocení PSZ", today - timedelta(days=4), TaskState.OPEN)
            ],
        }
    )
    return specs


def _current_meetings(today: date) -> list[dict]:
    """Meetings around today: one held but not closed yet, two planned."""
    return [
        *_recent_meetings(today),
        {
            "title": "Jednání PS sociální začleňování – aktuální situace v bydlení",
            "kind": MeetingKind.WORKING_GROUP,
            "includes_lp": False,
            "groups": ["začleň"],
            "day": today - timedelta(days=5),
            "state": MeetingState.HELD,
            "agenda": [("Situace v ubytovnách", "")],
            "decisions": [],
            "tasks": [],
        },
        {
            "title": "Jednání LP – plán jednání na příští rok",
            "kind": MeetingKind.LP_PLENARY,
            "includes_lp": True,
            "groups": ["projekt"],
            "day": today + timedelta(days=14),
            "state": MeetingState.PLANNED,
            "agenda": [("Plán jednání na příští rok", ""), ("Různé", "")],
            "decisions": [],
            "tasks": [],
        },
        {
            "title": "Hodnoticí jednání ASZ a města",
            "kind": MeetingKind.EVALUATION,
            "includes_lp": False,
            "groups": [],
            "day": today + timedelta(days=45),
            "state": MeetingState.PLANNED,
            "agenda": [("Vyhodnocení plnění popisu spolupráce", "")],
            "decisions": [],
            "tasks": [],
        },
    ]
